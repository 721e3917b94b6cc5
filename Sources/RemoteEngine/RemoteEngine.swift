import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpenAIProtocol
import Tokenizers

/// A client for an OpenAI-compatible engine (vLLM, llama.cpp's server, Ollama, TGI, `tenor serve`):
/// chat completions streamed over server-sent events, with timeouts, retries with backoff on 429/5xx,
/// and cancellation (cancelling the calling task closes the connection, which stops the engine's work).
///
/// Call `shutdown()` once the engine is no longer needed (it owns a connection pool).
public final class RemoteEngine: Sendable {
    public let configuration: RemoteEngineConfiguration
    private let client: HTTPClient
    private let apiKey: String?
    private let base: String

    /// - Throws: `RemoteEngineError.invalidEndpoint`, or `.missingAPIKey` when the configured variable is unset.
    public init(configuration: RemoteEngineConfiguration,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let endpoint = configuration.endpoint.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw RemoteEngineError.invalidEndpoint(configuration.endpoint)
        }
        if let variable = configuration.apiKeyEnvironmentVariable {
            guard let key = environment[variable], !key.isEmpty else { throw RemoteEngineError.missingAPIKey(variable: variable) }
            apiKey = key
        } else {
            apiKey = nil
        }
        self.configuration = configuration
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .milliseconds(Int64(configuration.connectTimeoutSeconds * 1000)),
            read: .milliseconds(Int64(configuration.readTimeoutSeconds * 1000)))
        var clientConfiguration = HTTPClient.Configuration(timeout: timeout)
        // A refused connection fails at once instead of being retried until the connect timeout: a dead
        // endpoint then costs milliseconds, and the caller falls back to the local model straight away.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    /// Closes the connection pool; the engine cannot be used afterwards.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Generates the assistant's reply to `messages`. `onDelta` receives the text as it streams (the
    /// pieces add up to the reply's text). Retries happen only before the first piece arrived.
    /// - Throws: `RemoteEngineError`, or `CancellationError` when the calling task is cancelled.
    public func chat(messages: [ChatMessage], maxTokens: Int, temperature: Double, stop: [String] = [],
                     seed: UInt64? = nil, onDelta: @Sendable (String) -> Void = { _ in }) async throws -> RemoteChatReply {
        let request = ChatCompletionRequest(
            model: configuration.model, messages: messages.map { .init(role: $0.role, content: $0.content) },
            maxTokens: maxTokens, temperature: temperature, seed: seed, stop: stop.isEmpty ? nil : stop, stream: true)
        let body = try JSONEncoder().encode(request)
        var attempt = 0
        while true {
            attempt += 1
            do {
                var reply = try await streamChat(body: body, onDelta: onDelta)
                reply.attempts = attempt
                return reply
            } catch let failure as Retry {
                guard attempt <= configuration.maxRetries else { throw failure.error }
                let backoff = min(configuration.maxBackoffSeconds,
                                  failure.retryAfter ?? configuration.initialBackoffSeconds * pow(2, Double(attempt - 1)))
                // Jitter, so several clients refused together do not come back together.
                let delay = backoff * Double.random(in: 0.8...1.2)
                try await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1e9))
            }
        }
    }

    /// The model names the engine serves (`GET /v1/models`).
    public func models() async throws -> [String] {
        var request = HTTPClientRequest(url: base + "/models")
        request.method = .GET
        addHeaders(to: &request)
        let response = try await execute(request)
        let data = try await collect(response)
        guard response.status == .ok else { throw Self.serverError(status: Int(response.status.code), body: data) }
        do {
            return try JSONDecoder().decode(ModelList.self, from: data).data.map(\.id)
        } catch {
            throw RemoteEngineError.malformedResponse("GET /models: \(error)")
        }
    }

    // MARK: One try

    /// A failure worth another try, with the engine's `Retry-After` when it sent one.
    private struct Retry: Error {
        var error: RemoteEngineError
        var retryAfter: Double?
    }

    private func streamChat(body: Data, onDelta: @Sendable (String) -> Void) async throws -> RemoteChatReply {
        var request = HTTPClientRequest(url: base + "/chat/completions")
        request.method = .POST
        addHeaders(to: &request)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await execute(request)
        guard response.status == .ok else {
            let data = try await collect(response)
            let error = Self.serverError(status: Int(response.status.code), body: data)
            if error.isRetryable {
                throw Retry(error: error, retryAfter: response.headers.first(name: "Retry-After").flatMap(Double.init))
            }
            throw error
        }

        var reply = RemoteChatReply(text: "", finishReason: nil, usage: nil, attempts: 1)
        // An engine that ignores `stream` answers with one JSON body: read it as a single event.
        if let type = response.headers.first(name: "Content-Type"), type.lowercased().hasPrefix("application/json") {
            let data = try await collect(response)
            _ = try handle(String(decoding: data, as: UTF8.self), into: &reply, onDelta: onDelta)
            return reply
        }
        var parser = ServerSentEventParser(maxLineBytes: 8 << 20)
        var done = false
        do {
            for try await buffer in response.body {
                for event in try parser.feed(buffer.readableBytesView) {
                    if try handle(event, into: &reply, onDelta: onDelta) { done = true; break }
                }
                if done { break }
            }
        } catch let error as RemoteEngineError {
            throw error
        } catch is ServerSentEventParser.LineTooLong {
            throw RemoteEngineError.malformedResponse("an event line is longer than 8 MiB")
        } catch {
            throw try transportError(error)
        }
        if !done, let last = parser.finish() { _ = try handle(last, into: &reply, onDelta: onDelta) }
        if reply.finishReason == nil && !done && reply.text.isEmpty {
            throw RemoteEngineError.malformedResponse("the stream ended without any text or finish_reason")
        }
        return reply
    }

    /// Applies one event's data; true at `[DONE]`.
    private func handle(_ data: String, into reply: inout RemoteChatReply, onDelta: @Sendable (String) -> Void) throws -> Bool {
        if data == "[DONE]" { return true }
        let chunk: StreamedChunk
        do {
            chunk = try JSONDecoder().decode(StreamedChunk.self, from: Data(data.utf8))
        } catch {
            throw RemoteEngineError.malformedResponse("an event is not a chat completion chunk: \(data.prefix(200))")
        }
        if let error = chunk.error { throw RemoteEngineError.server(status: 200, error: error) }
        if let usage = chunk.usage { reply.usage = usage }
        for choice in chunk.choices ?? [] {
            if let piece = choice.delta?.content ?? choice.message?.content ?? choice.text, !piece.isEmpty {
                reply.text += piece
                onDelta(piece)
            }
            if let reason = choice.finishReason { reply.finishReason = reason }
        }
        return false
    }

    // MARK: HTTP

    private func addHeaders(to request: inout HTTPClientRequest) {
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.headers.add(name: "User-Agent", value: "tenor")
    }

    private func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            return try await client.execute(request, timeout: .milliseconds(Int64(configuration.requestTimeoutSeconds * 1000)))
        } catch {
            throw try transportError(error)
        }
    }

    /// A small body (an error message), read up to 1 MiB.
    private func collect(_ response: HTTPClientResponse) async throws -> Data {
        do {
            let buffer = try await response.body.collect(upTo: 1 << 20)
            return Data(buffer.readableBytesView)
        } catch {
            throw try transportError(error)
        }
    }

    /// Cancellation stays cancellation; timeouts and connection failures get their own cases.
    private func transportError(_ error: any Error) throws -> RemoteEngineError {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: throw CancellationError()
            case .readTimeout:
                return .timedOut(endpoint: base, seconds: configuration.readTimeoutSeconds)
            case .deadlineExceeded:
                return .timedOut(endpoint: base, seconds: configuration.requestTimeoutSeconds)
            case .connectTimeout:
                return .unreachable(endpoint: base, detail: "no connection within \(configuration.connectTimeoutSeconds) s")
            case .remoteConnectionClosed:
                return .unreachable(endpoint: base, detail: "the connection was closed by the engine")
            default:
                break
            }
        }
        let text = String(describing: error)
        if text.contains("refused") || text.contains("ECONNREFUSED") {
            return .unreachable(endpoint: base, detail: "connection refused (is the engine running?)")
        }
        return .unreachable(endpoint: base, detail: text)
    }

    private static func serverError(status: Int, body: Data) -> RemoteEngineError {
        var error = try? JSONDecoder().decode(APIError.Envelope.self, from: body).error
        error?.status = status
        if error == nil, !body.isEmpty {
            // Not OpenAI's format (a proxy's HTML page, Ollama's {"error": "…"}): keep the text for the message.
            var message = String(decoding: body.prefix(300), as: UTF8.self)
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let text = object["error"] as? String {
                message = text
            }
            error = APIError(status: status, message: message, type: "error")
        }
        return .server(status: status, error: error)
    }
}
