/// An error as OpenAI sends it: `{"error": {"message", "type", "param", "code"}}` with an HTTP status.
/// The official clients map the status to an exception class (400 BadRequestError, 401 AuthenticationError,
/// 404 NotFoundError, 413/422 …, 429 RateLimitError, 5xx InternalServerError) and show `message`.
public struct APIError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var type: String
    public var param: String?
    public var code: String?
    /// The HTTP status the error is sent with (not part of the JSON).
    public var status: Int

    public init(status: Int, message: String, type: String, param: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    public var description: String { "\(status) \(type)\(code.map { " (\($0))" } ?? ""): \(message)" }

    enum CodingKeys: String, CodingKey {
        case message, type, param, code
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(String.self, forKey: .message)
        type = (try? container.decodeIfPresent(String.self, forKey: .type)) ?? "error"
        param = try? container.decodeIfPresent(String.self, forKey: .param)
        // Some engines send a numeric code; keep it as text.
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
            code = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        } else {
            code = nil
        }
        status = 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(type, forKey: .type)
        try container.encode(param, forKey: .param)
        try container.encode(code, forKey: .code)
    }

    /// The JSON body: the error wrapped in `{"error": …}`.
    public struct Envelope: Codable, Sendable, Equatable {
        public var error: APIError

        public init(error: APIError) {
            self.error = error
        }
    }
}

extension APIError {
    public static func invalidJSON(_ detail: String) -> APIError {
        APIError(status: 400, message: "We could not parse the JSON body of your request: \(detail)",
                 type: "invalid_request_error")
    }

    public static func invalidParameter(_ param: String, _ message: String) -> APIError {
        APIError(status: 400, message: message, type: "invalid_request_error", param: param,
                 code: "invalid_value")
    }

    public static func modelNotFound(_ model: String) -> APIError {
        APIError(status: 404, message: "The model `\(model)` does not exist or you do not have access to it.",
                 type: "invalid_request_error", param: "model", code: "model_not_found")
    }

    /// The prompt plus `max_tokens` do not fit the context (OpenAI's wording and code).
    public static func contextLengthExceeded(limit: Int, promptTokens: Int, completionTokens: Int,
                                             param: String) -> APIError {
        APIError(status: 400,
                 message: "This model's maximum context length is \(limit) tokens. However, you requested "
                     + "\(promptTokens + completionTokens) tokens (\(promptTokens) in the \(param), "
                     + "\(completionTokens) in the completion). Please reduce the length of the \(param) or completion.",
                 type: "invalid_request_error", param: param, code: "context_length_exceeded")
    }

    public static let invalidAPIKey = APIError(
        status: 401, message: "Incorrect API key provided. Send it as `Authorization: Bearer <key>`.",
        type: "invalid_request_error", code: "invalid_api_key")

    public static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: 413, message: "The request body is larger than this server's limit of \(limit) bytes.",
                 type: "invalid_request_error", code: "request_too_large")
    }

    public static func queueFull(waiting: Int) -> APIError {
        APIError(status: 503, message: "The engine is busy: \(waiting) requests are already waiting. Retry shortly.",
                 type: "server_error", code: "queue_full")
    }

    public static func notFound(path: String) -> APIError {
        APIError(status: 404, message: "Unknown path \(path). This server serves /v1/models, /v1/chat/completions and /v1/completions.",
                 type: "invalid_request_error", code: "unknown_url")
    }

    public static func methodNotAllowed(_ method: String, path: String) -> APIError {
        APIError(status: 405, message: "\(method) is not allowed on \(path).", type: "invalid_request_error",
                 code: "method_not_allowed")
    }

    public static func internalError(_ message: String) -> APIError {
        APIError(status: 500, message: message, type: "server_error", code: "internal_error")
    }

    public static func timeout(_ message: String) -> APIError {
        APIError(status: 408, message: message, type: "invalid_request_error", code: "request_timeout")
    }
}
