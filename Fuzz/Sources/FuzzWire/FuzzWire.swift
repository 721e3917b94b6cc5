import Foundation
import LanguageServer

/// The server's input path: bytes → `FrameDecoder` (fed in chunks whose size the input picks) →
/// `MessageClassifier` (JSON parse, UTF-8 repair, id recovery) → the JSON re-serialised and parsed again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Data(UnsafeBufferPointer(start: start, count: count))
    guard let first = input.first else { return 0 }
    // Small limits so the oversized-body and endless-header paths are reached by small inputs.
    var decoder = FrameDecoder(maxMessageBytes: Int(first) * 16, maxHeaderBytes: 256)
    let chunkSize = 1 + Int(first % 17)
    var offset = 1
    while offset < input.count {
        let end = min(input.count, offset + chunkSize)
        for event in decoder.feed(input.subdata(in: offset..<end)) {
            switch event {
            case .message(let body):
                check(body)
            case .oversized(_, let prefix):
                _ = MessageClassifier.recoverID(from: prefix)
            case .malformedHeader:
                break
            }
        }
        offset = end
    }
    _ = decoder.isAtMessageBoundary
    // The whole input as one body too: most inputs never form a valid frame.
    check(input.dropFirst())
    return 0
}

private func check(_ body: Data) {
    switch MessageClassifier.classify(body: body) {
    case .success(let message):
        if case .request(_, _, let params?) = message {
            let again = try? JSONValue.parse(params.serialized())
            // Serialising maps non-finite doubles to 0 and re-parsing may turn 1.0 into 1, so only
            // the structure is compared: both must be present.
            precondition(again != nil, "a parsed value failed to re-parse after serialisation")
        }
    case .failure(let problem):
        _ = problem.ids
    }
}
