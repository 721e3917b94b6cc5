import Foundation
import OpenAIProtocol
import XCTest

/// The wire types read what OpenAI's clients send and write what they expect.
final class ProtocolTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    private func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testChatRequestAcceptsStringAndTextPartsAndIgnoresUnknownFields() throws {
        let request = try decode(ChatCompletionRequest.self, """
            {"model": "m", "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": [{"type": "text", "text": "Hello, "}, {"type": "text", "text": "world"}]},
                {"role": "assistant", "content": null}],
             "max_tokens": 12, "temperature": 0.5, "stop": "\\n", "stream": true,
             "stream_options": {"include_usage": true}, "presence_penalty": 0, "user": "u1"}
            """)
        XCTAssertEqual(request.messages.map(\.content), ["Be brief.", "Hello, world", ""])
        XCTAssertEqual(request.requestedMaxTokens, 12)
        XCTAssertEqual(request.stop?.values, ["\n"])
        XCTAssertEqual(request.stream, true)
        XCTAssertEqual(request.streamOptions?.includeUsage, true)
    }

    func testMaxCompletionTokensWinsAndStopMayBeAnArray() throws {
        let request = try decode(ChatCompletionRequest.self, """
            {"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": 5,
             "max_completion_tokens": 9, "stop": ["a", "b"]}
            """)
        XCTAssertEqual(request.requestedMaxTokens, 9)
        XCTAssertEqual(request.stop?.values, ["a", "b"])
    }

    func testImagePartsAreRefusedNotDropped() {
        XCTAssertThrowsError(try decode(ChatCompletionRequest.self, """
            {"model": "m", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}
            """))
    }

    func testCompletionPromptIsAStringOrStrings() throws {
        XCTAssertEqual(try decode(CompletionRequest.self, #"{"model": "m", "prompt": "Once"}"#).prompt.texts, ["Once"])
        XCTAssertEqual(try decode(CompletionRequest.self, #"{"model": "m", "prompt": ["a", "b"]}"#).prompt.texts, ["a", "b"])
        XCTAssertThrowsError(try decode(CompletionRequest.self, #"{"model": "m", "prompt": [1, 2]}"#))
    }

    func testErrorEnvelopeHasOpenAIsFourFields() throws {
        let body = try object(APIError.Envelope(error: .modelNotFound("gpt-x")))
        let error = try XCTUnwrap(body["error"] as? [String: Any])
        XCTAssertEqual(Set(error.keys), ["message", "type", "param", "code"])
        XCTAssertEqual(error["code"] as? String, "model_not_found")
        XCTAssertEqual(error["param"] as? String, "model")
        XCTAssertEqual(APIError.modelNotFound("gpt-x").status, 404)
        // Null param and code are sent as null, not left out.
        let invalid = try XCTUnwrap(try object(APIError.Envelope(error: .invalidJSON("x")))["error"] as? [String: Any])
        XCTAssertTrue(invalid["param"] is NSNull)
    }

    func testErrorStatusesMatchOpenAIs() {
        XCTAssertEqual(APIError.invalidJSON("x").status, 400)
        XCTAssertEqual(APIError.contextLengthExceeded(limit: 512, promptTokens: 10, completionTokens: 1000, param: "messages").status, 400)
        XCTAssertEqual(APIError.contextLengthExceeded(limit: 512, promptTokens: 10, completionTokens: 1000, param: "messages").code,
                       "context_length_exceeded")
        XCTAssertEqual(APIError.invalidAPIKey.status, 401)
        XCTAssertEqual(APIError.bodyTooLarge(limit: 10).status, 413)
        XCTAssertEqual(APIError.queueFull(waiting: 3).status, 503)
    }

    func testOtherEnginesErrorsDecodeWithNumericCodes() throws {
        let envelope = try decode(APIError.Envelope.self, #"{"error": {"message": "busy", "type": "server_error", "code": 503}}"#)
        XCTAssertEqual(envelope.error.code, "503")
        XCTAssertEqual(envelope.error.message, "busy")
    }

    func testStreamChunkSendsFinishReasonNullUntilTheEnd() throws {
        let chunk = ChatCompletionChunk(id: "c", created: 1, model: "m",
                                        choices: [.init(index: 0, delta: .init(content: "Hi"), finishReason: nil)])
        let choice = try XCTUnwrap((try object(chunk)["choices"] as? [[String: Any]])?.first)
        XCTAssertTrue(choice["finish_reason"] is NSNull)
        XCTAssertEqual((choice["delta"] as? [String: Any])?["content"] as? String, "Hi")
        XCTAssertEqual(try object(chunk)["object"] as? String, "chat.completion.chunk")
    }

    func testUnknownFinishReasonsDecode() throws {
        let response = try decode(ChatCompletionResponse.self, """
            {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "tool_calls"}]}
            """)
        XCTAssertEqual(response.choices.first?.finishReason?.rawValue, "tool_calls")
    }

    // MARK: Server-sent events

    func testParserJoinsEventsSplitAnywhere() throws {
        let stream = "data: {\"a\":1}\r\n\r\n: keep-alive\n\nevent: x\ndata: one\ndata: two\n\ndata: [DONE]\n\n"
        for split in [1, 2, 3, 7, 1000] {
            var parser = ServerSentEventParser()
            var events: [String] = []
            var bytes = Array(stream.utf8)[...]
            while !bytes.isEmpty {
                events += try parser.feed(bytes.prefix(split))
                bytes = bytes.dropFirst(split)
            }
            XCTAssertEqual(events, ["{\"a\":1}", "one\ntwo", "[DONE]"], "split every \(split) bytes")
        }
    }

    func testParserRefusesEndlessLines() {
        var parser = ServerSentEventParser(maxLineBytes: 16)
        XCTAssertThrowsError(try parser.feed(Array(repeating: UInt8(ascii: "x"), count: 17)))
    }

    func testParserReturnsAnUnterminatedLastEvent() throws {
        var parser = ServerSentEventParser()
        XCTAssertEqual(try parser.feed(Array("data: tail".utf8)), [])
        XCTAssertEqual(parser.finish(), "tail")
    }

    // MARK: Stop strings

    private func run(_ pieces: [String], stops: [String]) -> (text: String, stopped: Bool) {
        var matcher = StopStringMatcher(stops: stops)
        var text = ""
        for piece in pieces { text += matcher.append(piece) }
        text += matcher.finish()
        return (text, matcher.isStopped)
    }

    func testStopStringSplitAcrossPiecesIsCutAndNotShown() {
        let result = run(["Hello", " wor", "ld. E", "ND here"], stops: ["END"])
        XCTAssertEqual(result.text, "Hello world. ")
        XCTAssertTrue(result.stopped)
    }

    func testEarliestOfSeveralStopsWins() {
        XCTAssertEqual(run(["a, b. c"], stops: [".", ","]).text, "a")
    }

    func testHeldBackPrefixIsReleasedWhenNoStopFollows() {
        var matcher = StopStringMatcher(stops: ["STOP"])
        XCTAssertEqual(matcher.append("go ST"), "go ")
        XCTAssertEqual(matcher.append("ay"), "STay")
        XCTAssertEqual(matcher.append("ST"), "")
        XCTAssertEqual(matcher.finish(), "ST")
        XCTAssertFalse(matcher.isStopped)
    }

    func testNoStopsPassesTextThrough() {
        XCTAssertEqual(run(["a", "b"], stops: []).text, "ab")
        XCTAssertEqual(run(["a", "b"], stops: [""]).text, "ab")
    }
}
