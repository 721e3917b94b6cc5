import Foundation
import Testing
@testable import LanguageServer

/// A small deterministic generator so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func bodies() -> [Data] {
    [
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":"héllo 😀 世界 é"}}}"#,
        "{}",
        #"{"jsonrpc":"2.0","id":"x\r\n\r\nContent-Length: 3","result":null}"#,
    ].map { Data($0.utf8) }
}

private func feedAll(_ decoder: inout FrameDecoder, _ chunks: [Data]) -> [FrameDecoder.Event] {
    chunks.flatMap { decoder.feed($0) }
}

@Suite struct FrameDecoderTests {
    @Test func decodesMessagesSplitAnywhere() {
        let expected = bodies()
        let stream = expected.reduce(into: Data()) { $0.append(FrameDecoder.frame($1)) }
        var rng = SplitMix64(state: 42)
        for _ in 0..<300 {
            var chunks: [Data] = []
            var offset = 0
            while offset < stream.count {
                let size = Int.random(in: 1...max(1, min(40, stream.count - offset)), using: &rng)
                chunks.append(stream.subdata(in: offset..<offset + size))
                offset += size
            }
            var decoder = FrameDecoder()
            #expect(feedAll(&decoder, chunks) == expected.map { .message($0) })
            #expect(decoder.isAtMessageBoundary)
        }
    }

    @Test func byteAtATime() {
        let stream = FrameDecoder.frame(bodies()[1])
        var decoder = FrameDecoder()
        let events = stream.flatMap { decoder.feed(Data([$0])) }
        #expect(events == [.message(bodies()[1])])
    }

    @Test func acceptsOtherHeadersAndCaseAndBareNewlines() {
        let body = Data("{}".utf8)
        var decoder = FrameDecoder()
        var stream = Data("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".utf8)
        stream.append(body)
        stream.append(Data("Content-Length:2\n\n".utf8))
        stream.append(body)
        #expect(decoder.feed(stream) == [.message(body), .message(body)])
    }

    @Test func skipsGarbageHeadersAndResynchronises() {
        let good = bodies()[0]
        for garbage in ["garbage\r\n\r\n", "Content-Length: abc\r\n\r\n", "Content-Length: -5\r\n\r\n",
                        "Content-Length: \r\n\r\n", "Content-Length: 99999999999999999999999\r\n\r\n",
                        "X-Header: 1\r\n\r\n", "\u{FF}\u{FE}\r\n\r\n"] {
            var decoder = FrameDecoder()
            var stream = Data(garbage.utf8)
            stream.append(FrameDecoder.frame(good))
            let events = decoder.feed(stream)
            #expect(events.count == 2, "garbage \(garbage.debugDescription)")
            if case .malformedHeader = events.first {} else { Issue.record("expected malformed header first") }
            #expect(events.last == .message(good))
        }
    }

    @Test func resynchronisesAfterBodyLeftoversOnTheHeaderLine() {
        // A frame that declared too few bytes leaves the rest of its body in front of the next header.
        let good = bodies()[0]
        var decoder = FrameDecoder()
        var stream = Data("Content-Length: 5\r\n\r\n{\"id\":1,\"method\":\"x\"}".utf8)
        stream.append(FrameDecoder.frame(good))
        let events = decoder.feed(stream)
        #expect(events.first == .message(Data("{\"id\"".utf8)))
        #expect(events.last == .message(good))
    }

    @Test func dropsEndlessHeaders() {
        var decoder = FrameDecoder(maxHeaderBytes: 1024)
        let junk = Data(repeating: UInt8(ascii: "a"), count: 10_000)
        let events = decoder.feed(junk)
        #expect(events.contains { if case .malformedHeader = $0 { true } else { false } })
        var stream = Data("\r\n\r\n".utf8)  // ends the junk block
        stream.append(FrameDecoder.frame(bodies()[2]))
        #expect(decoder.feed(stream).last == .message(bodies()[2]))
    }

    @Test func oversizedBodyIsDiscardedInChunks() {
        let limit = 1000
        var decoder = FrameDecoder(maxMessageBytes: limit)
        // Declares 10 GB: nothing may be allocated up front; we feed 3 MB and then stop.
        var events = decoder.feed(Data("Content-Length: 10000000000\r\n\r\n{\"id\":7,\"method\":\"x\",".utf8))
        for _ in 0..<3 { events += decoder.feed(Data(repeating: 0x20, count: 1 << 20)) }
        #expect(events.isEmpty)
        #expect(!decoder.isAtMessageBoundary)

        // A fully delivered oversized body yields one event with its prefix, then decoding goes on.
        var small = FrameDecoder(maxMessageBytes: 10)
        let big = Data(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/didOpen","params":{}}"#.utf8)
        var stream = FrameDecoder.frame(big)
        stream.append(FrameDecoder.frame(Data("{}".utf8)))
        let result = small.feed(stream)
        #expect(result == [.oversized(declaredLength: big.count, prefix: big), .message(Data("{}".utf8))])
        if case .oversized(_, let prefix) = result.first {
            #expect(MessageClassifier.recoverID(from: prefix) == .int(7))
        }
    }

    @Test func truncatedBodyIsNotAMessage() {
        var decoder = FrameDecoder()
        #expect(decoder.feed(Data("Content-Length: 100\r\n\r\n{\"id\":1".utf8)).isEmpty)
        #expect(!decoder.isAtMessageBoundary)
    }

    @Test func randomGarbageNeverCrashesAndValidFramesStillDecode() {
        var rng = SplitMix64(state: 7)
        let good = bodies()[0]
        for _ in 0..<200 {
            var decoder = FrameDecoder(maxMessageBytes: 512, maxHeaderBytes: 256)
            let length = Int.random(in: 0..<600, using: &rng)
            let alphabet = Array("Content-Length: 0123456789\r\n{}\"id\u{00}\u{FF}".utf8)
            let garbage = Data((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            _ = decoder.feed(garbage)
            // Whatever state the garbage left, a blank line plus generous padding and a frame recovers:
            // an open body is at most 512 bytes (larger ones are discarded), then headers resynchronise.
            var recovery = Data(repeating: 0x20, count: 600)
            recovery.append(Data("\r\n\r\n".utf8))
            recovery.append(FrameDecoder.frame(good))
            let events = decoder.feed(recovery)
            #expect(events.last == .message(good))
        }
    }
}

@Suite struct MessageClassifierTests {
    @Test func classifiesRequestsNotificationsResponses() throws {
        if case .success(.request(let id, let method, _)) = MessageClassifier.classify(body: Data(#"{"id":"a","method":"m"}"#.utf8)) {
            #expect(id == .string("a")); #expect(method == "m")
        } else { Issue.record("not a request") }
        if case .success(.notification(let method, _)) = MessageClassifier.classify(body: Data(#"{"method":"n"}"#.utf8)) {
            #expect(method == "n")
        } else { Issue.record("not a notification") }
        if case .success(.response(let id, .failure(let error))) =
            MessageClassifier.classify(body: Data(#"{"id":3,"error":{"code":-1,"message":"no"}}"#.utf8)) {
            #expect(id == .int(3)); #expect(error.code == -1)
        } else { Issue.record("not an error response") }
    }

    @Test func parseErrorsRecoverTheIdWhenUnambiguous() {
        guard case .failure(let problem) = MessageClassifier.classify(body: Data(#"{"id": 12, "method": "x", "#.utf8)) else {
            Issue.record("expected failure"); return
        }
        #expect(problem.error.code == ErrorCode.parseError)
        #expect(problem.ids == [.int(12)])
        guard case .failure(let none) = MessageClassifier.classify(body: Data("not json".utf8)) else { return }
        #expect(none.ids.isEmpty)
    }

    @Test func batchesAreRefusedForEveryRequestInside() {
        let body = Data(#"[{"id":1,"method":"a"},{"method":"b"},{"id":"z","method":"c"}]"#.utf8)
        guard case .failure(let problem) = MessageClassifier.classify(body: body) else { Issue.record("accepted"); return }
        #expect(problem.error.code == ErrorCode.invalidRequest)
        #expect(problem.ids == [.int(1), .string("z")])
    }

    @Test func invalidUTF8IsRepaired() {
        var body = Data(#"{"method":"m","params":{"text":"a"#.utf8)
        body.append(contentsOf: [0xC3, 0x28, 0xFF])
        body.append(Data(#""}}"#.utf8))
        guard case .success(.notification(_, let params)) = MessageClassifier.classify(body: body) else {
            Issue.record("not repaired"); return
        }
        #expect(params?["text"]?.stringValue?.contains("\u{FFFD}") == true)
    }

    @Test func wrongTypesAreInvalidRequests() {
        for text in [#"{"id":true,"method":"m"}"#, #"{"method":5}"#, #"{"method":"m","params":3}"#, "42", #"{"x":1}"#] {
            guard case .failure(let problem) = MessageClassifier.classify(body: Data(text.utf8)) else {
                Issue.record("accepted \(text)"); continue
            }
            #expect(problem.error.code == ErrorCode.invalidRequest, "\(text)")
        }
    }
}
