import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpenAIProtocol
import XCTest

/// `tenor serve` answered over raw HTTP: the limits and errors a client sees, and a request that
/// disconnects mid-stream freeing the engine for the next.
final class ServeHTTPTests: XCTestCase {
    private struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        }
        var error: [String: Any]? { json?["error"] as? [String: Any] }
    }

    private static func send(_ server: ServeProcess, _ method: HTTPMethod = .POST, path: String, body: String? = nil,
                      headers: [String: String] = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 4 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: fields, body: String(buffer: data))
    }

    private func chatBody(model: String, maxTokens: Int = 4, stream: Bool = false, temperature: Double = 0,
                          extra: String = "") -> String {
        #"{"model": "\#(model)", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": \#(maxTokens), "temperature": \#(temperature), "stream": \#(stream)\#(extra)}"#
    }

    func testModelsChatAndCompletion() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess()
        defer { server.stop() }
        let models = try await Self.send(server, .GET, path: "/models")
        XCTAssertEqual(models.status, 200)
        let list = try JSONDecoder().decode(ModelList.self, from: Data(models.body.utf8))
        XCTAssertEqual(list.data.map(\.id), ["SmolLM2-135M-Instruct.Q4_1"])

        let chat = try await Self.send(server, path: "/chat/completions", body: chatBody(model: "SmolLM2-135M-Instruct.Q4_1"))
        XCTAssertEqual(chat.status, 200, chat.body)
        let response = try JSONDecoder().decode(ChatCompletionResponse.self, from: Data(chat.body.utf8))
        XCTAssertEqual(response.choices.first?.message.role, "assistant")
        XCTAssertFalse(response.choices.first?.message.content.isEmpty ?? true)
        XCTAssertEqual(response.usage?.completionTokens, 4)
        XCTAssertEqual(response.choices.first?.finishReason, .length)

        // The same greedy request streamed gives the same text, in chunks, ended by [DONE].
        let streamed = try await Self.send(server, path: "/chat/completions",
                                      body: chatBody(model: "SmolLM2-135M-Instruct.Q4_1", stream: true,
                                                     extra: #", "stream_options": {"include_usage": true}"#))
        XCTAssertEqual(streamed.status, 200)
        XCTAssertEqual(streamed.headers["content-type"], "text/event-stream")
        var parser = ServerSentEventParser()
        let events = try parser.feed(Array(streamed.body.utf8))
        XCTAssertEqual(events.last, "[DONE]")
        let chunks = try events.dropLast().map { try JSONDecoder().decode(ChatCompletionChunk.self, from: Data($0.utf8)) }
        let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        XCTAssertEqual(text, response.choices.first?.message.content)
        XCTAssertEqual(chunks.first?.choices.first?.delta.role, "assistant")
        XCTAssertEqual(chunks.last?.usage?.completionTokens, 4)

        let completion = try await Self.send(server, path: "/completions", body: #"""
            {"model": "SmolLM2-135M-Instruct.Q4_1", "prompt": "1, 2, 3, 4,", "max_tokens": 12, "temperature": 0, "stop": [" 6"]}
            """#)
        XCTAssertEqual(completion.status, 200, completion.body)
        let text2 = try XCTUnwrap(((completion.json?["choices"] as? [[String: Any]])?.first)?["text"] as? String)
        XCTAssertFalse(text2.contains(" 6"), text2)
        XCTAssertEqual(((completion.json?["choices"] as? [[String: Any]])?.first)?["finish_reason"] as? String, "stop", text2)
    }

    func testRestyleIsServedAtTenorRewrite() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess()
        defer { server.stop() }
        let reply = try await Self.send(server, path: "/tenor/rewrite",
                                        body: #"{"text": "pls run `make test` before 1.2.0 ships", "style": "formal"}"#)
        XCTAssertEqual(reply.status, 200, reply.body)
        let response = try JSONDecoder().decode(TenorRewriteResponse.self, from: Data(reply.body.utf8))
        XCTAssertEqual(response.style, "formal")
        XCTAssertEqual(response.parts, 1)
        // Whatever the small test model wrote, what passed the checks keeps the code span and the version.
        XCTAssertTrue(response.text.contains("`make test`") && response.text.contains("1.2.0"), response.text)

        let unknown = try await Self.send(server, path: "/tenor/rewrite", body: #"{"text": "hi there", "style": "pirate"}"#)
        XCTAssertEqual(unknown.status, 400, unknown.body)
        XCTAssertEqual(unknown.error?["param"] as? String, "style")
        let empty = try await Self.send(server, path: "/tenor/rewrite", body: #"{"text": "  ", "style": "formal"}"#)
        XCTAssertEqual(empty.status, 400, empty.body)
        XCTAssertEqual(empty.error?["param"] as? String, "text")
        let level = try await Self.send(server, path: "/tenor/rewrite", body: #"{"text": "hi there", "style": "concise", "level": 0.5}"#)
        XCTAssertEqual(level.error?["param"] as? String, "level")
        let broken = try await Self.send(server, path: "/tenor/rewrite", body: #"{"text": "#)
        XCTAssertEqual(broken.status, 400, broken.body)
        let get = try await Self.send(server, .GET, path: "/tenor/rewrite")
        XCTAssertEqual(get.status, 405, get.body)
    }

    func testErrorsComeInOpenAIsFormatWithTheRightStatus() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess(arguments: ["--max-body-bytes", "65536", "--max-tokens-limit", "256"])
        defer { server.stop() }
        let model = "SmolLM2-135M-Instruct.Q4_1"

        let truncated = try await Self.send(server, path: "/chat/completions", body: #"{"model": "\#(model)", "messages": [{"ro"#)
        XCTAssertEqual(truncated.status, 400)
        XCTAssertEqual(truncated.error?["type"] as? String, "invalid_request_error")

        let missing = try await Self.send(server, path: "/chat/completions", body: #"{"model": "\#(model)"}"#)
        XCTAssertEqual(missing.status, 400)
        XCTAssertTrue((missing.error?["message"] as? String)?.contains("'messages'") ?? false, missing.body)

        let unknown = try await Self.send(server, path: "/chat/completions", body: chatBody(model: "gpt-4o"))
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.error?["code"] as? String, "model_not_found")

        let absurd = try await Self.send(server, path: "/chat/completions", body: chatBody(model: model, maxTokens: 1_000_000_000))
        XCTAssertEqual(absurd.status, 400)
        XCTAssertEqual(absurd.error?["code"] as? String, "context_length_exceeded")

        let overLimit = try await Self.send(server, path: "/chat/completions", body: chatBody(model: model, maxTokens: 300))
        XCTAssertEqual(overLimit.status, 400)
        XCTAssertEqual(overLimit.error?["param"] as? String, "max_tokens")

        let longPrompt = String(repeating: "word ", count: 2000)
        let tooLong = try await Self.send(server, path: "/completions", body: #"{"model": "\#(model)", "prompt": "\#(longPrompt)", "max_tokens": 1}"#)
        XCTAssertEqual(tooLong.status, 400)
        XCTAssertEqual(tooLong.error?["code"] as? String, "context_length_exceeded")

        let huge = try await Self.send(server, path: "/chat/completions", body: String(repeating: " ", count: 100_000))
        XCTAssertEqual(huge.status, 413)
        XCTAssertNotNil(huge.error)

        let temperature = try await Self.send(server, path: "/chat/completions", body: chatBody(model: model, temperature: 5))
        XCTAssertEqual(temperature.status, 400, temperature.body)

        let path = try await Self.send(server, .GET, path: "/nowhere")
        XCTAssertEqual(path.status, 404)
        XCTAssertNotNil(path.error)

        // After all that the server still answers.
        let fine = try await Self.send(server, path: "/chat/completions", body: chatBody(model: model, maxTokens: 1))
        XCTAssertEqual(fine.status, 200, fine.body)
    }

    func testBearerTokenIsRequiredWhenConfigured() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess(arguments: ["--api-key-env", "TENOR_TEST_SERVE_KEY"],
                                      environment: ["TENOR_TEST_SERVE_KEY": "s3cret"])
        defer { server.stop() }
        let none = try await Self.send(server, .GET, path: "/models")
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(none.error?["code"] as? String, "invalid_api_key")
        let wrong = try await Self.send(server, .GET, path: "/models", headers: ["Authorization": "Bearer s3creT"])
        XCTAssertEqual(wrong.status, 401)
        let right = try await Self.send(server, .GET, path: "/models", headers: ["Authorization": "Bearer s3cret"])
        XCTAssertEqual(right.status, 200)
    }

    func testAFullQueueIsRefusedWith503AndADroppedStreamFreesTheEngine() async throws {
        try SmolLM2.skipUnlessInstalled()
        let server = try ServeProcess(arguments: ["--max-queue", "1"])
        defer { server.stop() }
        let model = "SmolLM2-135M-Instruct.Q4_1"
        // A long streamed request (counting never ends on its own), dropped after its first chunk of text.
        let socket = try RawConnection(port: server.port)
        let body = #"{"model": "\#(model)", "prompt": "1, 2, 3, 4, 5,", "max_tokens": 400, "temperature": 0, "stream": true}"#
        try socket.send("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        _ = try socket.receive(until: "\"text\"", timeoutSeconds: 60)
        // While it runs: one more may wait, a third is refused.
        let shortBody = chatBody(model: model, maxTokens: 2)
        async let waiting = Self.send(server, path: "/chat/completions", body: shortBody)
        try await Task.sleep(nanoseconds: 300_000_000)
        let refused = try await Self.send(server, path: "/chat/completions", body: chatBody(model: model, maxTokens: 2))
        XCTAssertEqual(refused.status, 503, refused.body)
        XCTAssertEqual(refused.headers["retry-after"], "1")
        socket.close()
        // The dropped stream stops within a token or two, so the waiting request is served well before 400 tokens.
        let started = Date()
        let served = try await waiting
        XCTAssertEqual(served.status, 200, served.body)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }
}

/// A plain TCP connection to loopback, for requests that a well-behaved client would not make.
final class RawConnection {
    private let descriptor: Int32

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { Glibc.close(descriptor); throw Failure(description: "connect() failed") }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send() failed") }
            offset += sent
        }
    }

    /// Reads until `marker` appears (or the timeout passes); returns what was read.
    func receive(until marker: String, timeoutSeconds: Double) throws -> String {
        var received = [UInt8]()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
            if String(decoding: received, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() {
        Glibc.close(descriptor)
    }
}
