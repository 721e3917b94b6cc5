import Foundation
import Hummingbird
import OpenAIProtocol
import RemoteEngine
import Tokenizers
import XCTest

/// The OpenAI-compatible client against `tenor serve` on loopback, and against a scripted server for the
/// failures a real engine produces (rate limits, outages, dead ports).
final class RemoteEngineTests: XCTestCase {
    func testChatStreamsDeltasThatAddUpToTheReply() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess()
        defer { server.stop() }
        let engine = try RemoteEngine(configuration: .init(endpoint: server.baseURL, model: "SmolLM2-135M-Instruct.Q4_1"))
        let pieces = Pieces()
        let reply = try await engine.chat(messages: [.user("Name a colour.")], maxTokens: 6, temperature: 0,
                                          onDelta: { pieces.append($0) })
        let models = try await engine.models()
        try await engine.shutdown()
        XCTAssertFalse(reply.text.isEmpty)
        XCTAssertEqual(pieces.joined, reply.text)
        XCTAssertGreaterThan(pieces.count, 1)
        XCTAssertEqual(reply.attempts, 1)
        XCTAssertNotNil(reply.finishReason)
        XCTAssertEqual(models, ["SmolLM2-135M-Instruct.Q4_1"])
    }

    func testWrongModelIsAClearErrorNotARetry() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess()
        defer { server.stop() }
        let engine = try RemoteEngine(configuration: .init(endpoint: server.baseURL, model: "llama-70b"))
        do {
            _ = try await engine.chat(messages: [.user("x")], maxTokens: 2, temperature: 0)
            XCTFail("expected an error")
        } catch let error as RemoteEngineError {
            guard case .server(404, let body) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(body?.code, "model_not_found")
            XCTAssertTrue(error.description.contains("llama-70b"), error.description)
        }
        try await engine.shutdown()
    }

    func testCancellingTheTaskStopsTheRequestAndFreesTheServer() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess()
        defer { server.stop() }
        let engine = try RemoteEngine(configuration: .init(endpoint: server.baseURL, model: "SmolLM2-135M-Instruct.Q4_1"))
        let pieces = Pieces()
        let long = Task {
            try await engine.chat(messages: [.user("Count from 1 to 1000, one number per line.")], maxTokens: 400,
                                  temperature: 0, onDelta: { pieces.append($0) })
        }
        while pieces.count < 3 { try await Task.sleep(nanoseconds: 20_000_000) }
        long.cancel()
        do {
            _ = try await long.value
            XCTFail("expected cancellation")
        } catch is CancellationError {
        }
        let started = Date()
        let next = try await engine.chat(messages: [.user("Hi")], maxTokens: 2, temperature: 0)
        XCTAssertFalse(next.text.isEmpty)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the cancelled request still held the engine")
        try await engine.shutdown()
    }

    func testADeadPortFailsFastWithOneClearMessage() async throws {
        let port = try unusedPort()
        let engine = try RemoteEngine(configuration: .init(endpoint: "http://127.0.0.1:\(port)/v1", model: "m"))
        let started = Date()
        do {
            _ = try await engine.chat(messages: [.user("x")], maxTokens: 2, temperature: 0)
            XCTFail("expected an error")
        } catch let error as RemoteEngineError {
            guard case .unreachable = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.description.hasPrefix("cannot reach http://127.0.0.1:\(port)/v1"), error.description)
        }
        // Refused at once, not retried until the 5 s connect timeout.
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        try await engine.shutdown()
    }

    func testConfigurationErrorsAreCaughtUpFront() {
        XCTAssertThrowsError(try RemoteEngine(configuration: .init(endpoint: "gpu-box:8000", model: "m"))) {
            XCTAssertEqual($0 as? RemoteEngineError, .invalidEndpoint("gpu-box:8000"))
        }
        XCTAssertThrowsError(try RemoteEngine(configuration: .init(endpoint: "http://h/v1", model: "m",
                                                                  apiKeyEnvironmentVariable: "TENOR_NO_SUCH_KEY"),
                                              environment: [:])) {
            XCTAssertEqual($0 as? RemoteEngineError, .missingAPIKey(variable: "TENOR_NO_SUCH_KEY"))
        }
    }

    func testRateLimitsAndOutagesAreRetriedWithBackoffAndTheKeyIsSent() async throws {
        let script = ScriptedEngine(failures: [429, 503])
        try await script.serve { base in
            var configuration = RemoteEngineConfiguration(endpoint: base, model: "m", apiKeyEnvironmentVariable: "KEY")
            configuration.initialBackoffSeconds = 0.05
            let engine = try RemoteEngine(configuration: configuration, environment: ["KEY": "k1"])
            let pieces = Pieces()
            let reply = try await engine.chat(messages: [.system("s"), .user("u")], maxTokens: 5, temperature: 0.2,
                                              stop: ["\n"], onDelta: { pieces.append($0) })
            try await engine.shutdown()
            XCTAssertEqual(reply.text, "Hello there")
            XCTAssertEqual(pieces.joined, "Hello there")
            XCTAssertEqual(reply.attempts, 3)
            XCTAssertEqual(reply.finishReason, "stop")
            XCTAssertEqual(reply.usage?.completionTokens, 2)
        }
        XCTAssertEqual(script.authorizations, ["Bearer k1", "Bearer k1", "Bearer k1"])
        let sent = try XCTUnwrap(script.lastBody.flatMap { try? JSONDecoder().decode(ChatCompletionRequest.self, from: $0) })
        XCTAssertEqual(sent.messages.map(\.role), ["system", "user"])
        XCTAssertEqual(sent.stop?.values, ["\n"])
        XCTAssertEqual(sent.stream, true)
        XCTAssertEqual(sent.maxTokens, 5)
    }

    func testRetriesStopAfterTheLimitWithTheEnginesMessage() async throws {
        let script = ScriptedEngine(failures: [503, 503, 503])
        try await script.serve { base in
            var configuration = RemoteEngineConfiguration(endpoint: base, model: "m")
            configuration.maxRetries = 2
            configuration.initialBackoffSeconds = 0.01
            let engine = try RemoteEngine(configuration: configuration)
            do {
                _ = try await engine.chat(messages: [.user("u")], maxTokens: 5, temperature: 0)
                XCTFail("expected an error")
            } catch let error as RemoteEngineError {
                XCTAssertEqual(error.description, "the engine refused the request (HTTP 503): scripted failure 503")
            }
            try await engine.shutdown()
        }
        XCTAssertEqual(script.authorizations.count, 3)
    }

    func testAnEngineThatIgnoresStreamingIsReadToo() async throws {
        let script = ScriptedEngine(failures: [], plainJSON: true)
        try await script.serve { base in
            let engine = try RemoteEngine(configuration: .init(endpoint: base, model: "m"))
            let pieces = Pieces()
            let reply = try await engine.chat(messages: [.user("u")], maxTokens: 5, temperature: 0,
                                              onDelta: { pieces.append($0) })
            try await engine.shutdown()
            XCTAssertEqual(reply.text, "Hello there")
            XCTAssertEqual(pieces.joined, "Hello there")
            XCTAssertEqual(reply.finishReason, "stop")
        }
    }

    private func unusedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Text pieces collected from `onDelta`.
final class Pieces: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ piece: String) { lock.withLock { values.append(piece) } }
    var count: Int { lock.withLock { values.count } }
    var joined: String { lock.withLock { values.joined() } }
}

/// An OpenAI-compatible engine on loopback that fails with the given statuses first, then streams
/// "Hello there" in two chunks.
final class ScriptedEngine: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var failures: [Int]
    private var seenAuthorizations: [String] = []
    private var body: Data?
    /// Answer with one JSON body, as an engine that ignores `stream` does.
    private let plainJSON: Bool

    init(failures: [Int], plainJSON: Bool = false) {
        self.failures = failures
        self.plainJSON = plainJSON
    }

    var authorizations: [String] { lock.withLock { seenAuthorizations } }
    var lastBody: Data? { lock.withLock { body } }

    private func next(authorization: String, body: Data) -> Int? {
        lock.withLock {
            seenAuthorizations.append(authorization)
            self.body = body
            return failures.isEmpty ? nil : failures.removeFirst()
        }
    }

    /// Runs the server while `work` runs, with the server's base URL.
    func serve(_ work: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let collected = try await request.body.collect(upTo: 1 << 20)
            let failure = self.next(authorization: request.headers[.authorization] ?? "",
                                    body: Data(collected.readableBytesView))
            if let failure {
                let error = #"{"error": {"message": "scripted failure \#(failure)", "type": "server_error", "param": null, "code": null}}"#
                return Response(status: .init(code: failure), headers: [.contentType: "application/json", .retryAfter: "0"],
                                body: .init(byteBuffer: ByteBuffer(string: error)))
            }
            if self.plainJSON {
                let body = #"{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello there"}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}"#
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            let events = [
                #"{"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hello"}, "finish_reason": null}]}"#,
                #"{"choices": [{"index": 0, "delta": {"content": " there"}, "finish_reason": "stop"}]}"#,
                #"{"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}"#,
            ].map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
            return Response(status: .ok, headers: [.contentType: "text/event-stream"],
                            body: .init(byteBuffer: ByteBuffer(string: events)))
        }
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var ports = portStream.makeAsyncIterator()
            guard let port = await ports.next() else { return }
            try await work("http://127.0.0.1:\(port)/v1")
            group.cancelAll()
        }
    }
}
