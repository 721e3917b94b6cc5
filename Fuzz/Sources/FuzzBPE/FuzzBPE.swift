import ModelFormats
import Tokenizers

/// The GGUF tokenizers (byte-level BPE and SentencePiece) built from fuzzed `tokenizer.ggml.*`
/// metadata, then run on fuzzed text. Input: u16 little-endian text length n, n bytes of text, then the GGUF.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBPE(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: start, count: count)
    guard input.count >= 2 else { return 0 }
    let textLength = min(Int(input[0]) | Int(input[1]) << 8, input.count - 2)
    let text = String(decoding: input[2..<(2 + textLength)], as: UTF8.self)
    let file = MappedFile(bytes: input[(2 + textLength)...], path: "fuzz.gguf")
    guard let gguf = try? GGUFFile(file: file), let tokenizer = try? makeGGUFTokenizer(gguf) else { return 0 }
    for (addSpecial, parseSpecial) in [(false, false), (true, true)] {
        let ids = tokenizer.encode(text, addSpecial: addSpecial, parseSpecial: parseSpecial)
        for id in ids {
            precondition(id >= 0 && Int(id) < tokenizer.vocabularySize, "token id \(id) outside the \(tokenizer.vocabularySize)-token vocabulary")
            _ = tokenizer.tokenText(id)
            _ = tokenizer.isSpecialToken(id)
        }
        _ = tokenizer.decode(ids, skipSpecial: addSpecial)
    }
    // Ids the model never produced: out-of-range ones must be handled too (a generator bug, a corrupt cache).
    let hostileIDs: [Int32] = [-1, Int32.max, Int32(truncatingIfNeeded: tokenizer.vocabularySize), 0]
    _ = tokenizer.decode(hostileIDs, skipSpecial: false)
    for id in hostileIDs {
        _ = tokenizer.bytes(of: id, skipSpecial: true)
        _ = tokenizer.tokenText(id)
        _ = tokenizer.isSpecialToken(id)
    }
    return 0
}
