/// `POST /v1/chat/completions`: the fields Tenor reads. Unknown fields are ignored, as OpenAI-compatible
/// servers do, so clients that send `presence_penalty`, `user` or `tools` are not refused for it.
public struct ChatCompletionRequest: Codable, Sendable, Equatable {
    public var model: String
    public var messages: [ChatCompletionMessage]
    public var maxTokens: Int?
    /// The newer name of `max_tokens` (OpenAI's reasoning models); either is accepted.
    public var maxCompletionTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var seed: UInt64?
    public var stop: StopSequences?
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    /// Only 1 is served; more is refused with a 400 rather than silently answered once.
    public var n: Int?

    public init(model: String, messages: [ChatCompletionMessage], maxTokens: Int? = nil, temperature: Double? = nil,
                topP: Double? = nil, seed: UInt64? = nil, stop: [String]? = nil, stream: Bool? = nil,
                includeUsage: Bool? = nil) {
        self.model = model
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.stop = stop.map(StopSequences.init)
        self.stream = stream
        self.streamOptions = includeUsage.map { StreamOptions(includeUsage: $0) }
    }

    /// `max_completion_tokens` wins over `max_tokens` when both are sent.
    public var requestedMaxTokens: Int? { maxCompletionTokens ?? maxTokens }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, stop, stream, n
        case maxTokens = "max_tokens", maxCompletionTokens = "max_completion_tokens", topP = "top_p"
        case streamOptions = "stream_options"
    }
}

/// `stream_options`: `include_usage` adds a last chunk with the token counts before `[DONE]`.
public struct StreamOptions: Codable, Sendable, Equatable {
    public var includeUsage: Bool?

    public init(includeUsage: Bool?) {
        self.includeUsage = includeUsage
    }

    enum CodingKeys: String, CodingKey {
        case includeUsage = "include_usage"
    }
}

/// One message of a chat request. `content` may be a string or an array of parts
/// (`[{"type": "text", "text": "…"}]`); text parts are joined, other parts are refused.
public struct ChatCompletionMessage: Codable, Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    enum CodingKeys: String, CodingKey {
        case role, content
    }

    private struct Part: Codable {
        var type: String
        var text: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(String.self, forKey: .role)
        if try container.decodeNil(forKey: .content) {
            content = ""
        } else if let text = try? container.decode(String.self, forKey: .content) {
            content = text
        } else {
            let parts = try container.decode([Part].self, forKey: .content)
            var text = ""
            for part in parts {
                guard part.type == "text", let piece = part.text else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .content, in: container,
                        debugDescription: "only text content parts are supported, not '\(part.type)'")
                }
                text += piece
            }
            content = text
        }
    }
}

/// `stop`: one string or up to four (OpenAI's limit, which Tenor keeps).
public struct StopSequences: Codable, Sendable, Equatable {
    public var values: [String]

    public init(_ values: [String]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            values = []
        } else if let one = try? container.decode(String.self) {
            values = [one]
        } else {
            values = try container.decode([String].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
