import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAIProtocol

/// Routes the OpenAI endpoints to the engine. Every failure is answered in OpenAI's error format, so
/// the official clients raise the exception they document (BadRequestError, NotFoundError, …).
struct OpenAIResponder: HTTPResponder {
    typealias Context = ServeContext

    let engine: Engine
    let configuration: ServeConfiguration
    let rewriter: (any ServedRewriter)?
    let startTime = Int(Date().timeIntervalSince1970)

    func respond(to request: Request, context: ServeContext) async throws -> Response {
        do {
            return try await route(request, context: context)
        } catch let error as APIError {
            return Self.errorResponse(error)
        } catch {
            return Self.errorResponse(.internalError("The server failed: \(error)"))
        }
    }

    private func route(_ request: Request, context: ServeContext) async throws -> Response {
        var path = request.uri.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        switch (request.method, path) {
        case (.get, "/health"):
            let load = engine.load
            return Self.json(#"{"status":"ok","waiting":\#(load.waiting),"running":\#(load.running)}"#)
        case (.get, "/v1/models"):
            try authorize(request)
            return try Self.json(ModelList(data: [.init(id: configuration.modelName, created: startTime, ownedBy: "tenor")]))
        case (.get, _) where path.hasPrefix("/v1/models/"):
            try authorize(request)
            let name = String(path.dropFirst("/v1/models/".count)).removingPercentEncoding ?? ""
            guard name == configuration.modelName else { throw APIError.modelNotFound(name) }
            return try Self.json(ModelList.Model(id: name, created: startTime, ownedBy: "tenor"))
        case (.post, "/v1/chat/completions"):
            try authorize(request)
            let body = try await readBody(request)
            return try await chatCompletion(try Self.decode(ChatCompletionRequest.self, from: body), context: context)
        case (.post, "/v1/completions"):
            try authorize(request)
            let body = try await readBody(request)
            return try await completion(try Self.decode(CompletionRequest.self, from: body), context: context)
        case (.post, "/v1/tenor/rewrite"):
            try authorize(request)
            guard let rewriter else { throw APIError.notFound(path: path) }
            let body = try await readBody(request)
            return try Self.json(try await rewriter.rewrite(try Self.decode(TenorRewriteRequest.self, from: body)))
        case (_, "/v1/chat/completions"), (_, "/v1/completions"), (_, "/v1/models"), (_, "/health"), (_, "/v1/tenor/rewrite"):
            throw APIError.methodNotAllowed(request.method.rawValue, path: path)
        default:
            throw APIError.notFound(path: path)
        }
    }

    // MARK: Requests

    /// The bearer token, compared in constant time.
    private func authorize(_ request: Request) throws {
        guard let key = configuration.apiKey else { return }
        let sent = request.headers[.authorization] ?? ""
        let expected = Array("Bearer \(key)".utf8)
        let given = Array(sent.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        guard difference == 0 else { throw APIError.invalidAPIKey }
    }

    /// The body, refused with 413 past the limit (at once when Content-Length says so).
    private func readBody(_ request: Request) async throws -> ByteBuffer {
        let limit = configuration.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw APIError.bodyTooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws -> T {
        guard body.readableBytes > 0 else { throw APIError.invalidJSON("the body is empty") }
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.invalidJSON(Self.describe(error))
        }
    }

    /// A DecodingError in a sentence a client can act on (the field's path and what was wrong).
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the body" : "'" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "it is not valid JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is a required property"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be of type \(type)"
        @unknown default:
            return "\(error)"
        }
    }

    private func checkModel(_ model: String) throws {
        guard model == configuration.modelName else { throw APIError.modelNotFound(model) }
    }

    // MARK: Endpoints

    private func chatCompletion(_ request: ChatCompletionRequest, context: ServeContext) async throws -> Response {
        try checkModel(request.model)
        try GenerationPlan.choiceCount(request.n)
        guard !request.messages.isEmpty else {
            throw APIError.invalidParameter("messages", "'messages' must hold at least one message.")
        }
        let sampling = try GenerationPlan.sampling(temperature: request.temperature, topP: request.topP, seed: request.seed)
        let stops = try GenerationPlan.stopStrings(request.stop)
        let prompt = await engine.encodeChat(request.messages)
        let maxTokens = try GenerationPlan.maxTokens(
            requested: request.requestedMaxTokens, promptTokens: prompt.count, contextLimit: engine.contextLimit,
            configuration: configuration, promptParam: "messages")
        let plan = GenerationPlan(promptTokens: prompt, maxTokens: maxTokens, sampling: sampling, stopStrings: stops,
                                  stream: request.stream ?? false, includeUsage: request.streamOptions?.includeUsage ?? false)
        return try await start(plan, kind: .chat, context: context)
    }

    private func completion(_ request: CompletionRequest, context: ServeContext) async throws -> Response {
        try checkModel(request.model)
        try GenerationPlan.choiceCount(request.n)
        guard request.prompt.texts.count == 1, let text = request.prompt.texts.first else {
            throw APIError.invalidParameter("prompt", "This server takes one prompt per request, not \(request.prompt.texts.count).")
        }
        if request.echo == true { throw APIError.invalidParameter("echo", "'echo' is not supported.") }
        let sampling = try GenerationPlan.sampling(temperature: request.temperature, topP: request.topP, seed: request.seed)
        let stops = try GenerationPlan.stopStrings(request.stop)
        let prompt = await engine.encode(text)
        guard !prompt.isEmpty else { throw APIError.invalidParameter("prompt", "The prompt is empty.") }
        // The legacy endpoint's default is 16 tokens (OpenAI's).
        let maxTokens = try GenerationPlan.maxTokens(
            requested: request.maxTokens ?? min(16, max(1, engine.contextLimit - prompt.count)), promptTokens: prompt.count,
            contextLimit: engine.contextLimit, configuration: configuration, promptParam: "prompt")
        let plan = GenerationPlan(promptTokens: prompt, maxTokens: maxTokens, sampling: sampling, stopStrings: stops,
                                  stream: request.stream ?? false, includeUsage: request.streamOptions?.includeUsage ?? false)
        return try await start(plan, kind: .text, context: context)
    }

    enum Kind { case chat, text }

    /// Queues the job and answers: a streamed response starts at once (the client sees the role chunk while
    /// it waits its turn); a plain one when the job is done. The connection's close cancels the job.
    private func start(_ plan: GenerationPlan, kind: Kind, context: ServeContext) async throws -> Response {
        guard let submitted = engine.submit(promptTokens: plan.promptTokens, maxTokens: plan.maxTokens,
                                            sampling: plan.sampling, stopStrings: plan.stopStrings) else {
            var response = Self.errorResponse(.queueFull(waiting: engine.maxQueued))
            response.headers[.retryAfter] = "1"
            return response
        }
        let (job, events) = submitted
        context.channel.closeFuture.whenComplete { _ in job.cancel() }
        let writer = ResponseFormatter(kind: kind, model: configuration.modelName, created: Int(Date().timeIntervalSince1970))
        if plan.stream {
            return streamingResponse(events: events, job: job, writer: writer, includeUsage: plan.includeUsage)
        }
        var text = ""
        var outcome: EngineOutcome?
        var failure: String?
        for await event in events {
            switch event {
            case .delta(let piece): text += piece
            case .finished(let finished): outcome = finished
            case .failed(let message): failure = message
            }
        }
        guard let outcome, !outcome.cancelled else {
            throw APIError.internalError(failure ?? "The request was cancelled.")
        }
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try writer.complete(text: text, outcome: outcome))))
    }

    private func streamingResponse(events: AsyncStream<EngineEvent>, job: EngineJob, writer: ResponseFormatter,
                                   includeUsage: Bool) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { body in
            var finished = false
            defer { if !finished { job.cancel() } }
            if let first = try writer.firstChunk() { try await body.write(ByteBuffer(string: first)) }
            for await event in events {
                switch event {
                case .delta(let piece):
                    try await body.write(ByteBuffer(string: try writer.chunk(piece)))
                case .finished(let outcome):
                    guard !outcome.cancelled else { break }
                    try await body.write(ByteBuffer(string: try writer.lastChunk(outcome, includeUsage: includeUsage)))
                    try await body.write(ByteBuffer(string: ServerSentEvents.done))
                case .failed(let message):
                    let error = try JSONEncoder().encode(APIError.Envelope(error: .internalError(message)))
                    try await body.write(ByteBuffer(string: ServerSentEvents.event(json: String(decoding: error, as: UTF8.self))))
                }
            }
            finished = true
            try await body.finish(nil)
        })
    }

    // MARK: Responses

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func errorResponse(_ error: APIError) -> Response {
        let data = (try? JSONEncoder().encode(APIError.Envelope(error: error))) ?? Data(#"{"error":{"message":"error"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json"]
        // After a refused or unread body the connection is not reused: the rest of the body is not read.
        if error.status == 413 || error.status == 408 { headers[.connection] = "close" }
        return Response(status: HTTPResponse.Status(code: error.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
