/// Token counts reported with a response (and in the last streamed chunk when asked for).
public struct Usage: Codable, Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = promptTokens + completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
    }
}

/// Why a choice ended: "stop" (end of turn or a stop string) or "length" (max_tokens or the context).
/// Other engines send other values ("tool_calls", "content_filter", "eos"); they decode as they are.
public struct FinishReason: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let stop = FinishReason(rawValue: "stop")
    public static let length = FinishReason(rawValue: "length")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The body of a non-streamed chat completion.
public struct ChatCompletionResponse: Codable, Sendable, Equatable {
    public struct Choice: Codable, Sendable, Equatable {
        public var index: Int
        public var message: ChatCompletionMessage
        public var finishReason: FinishReason?

        public init(index: Int, message: ChatCompletionMessage, finishReason: FinishReason?) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, message, finishReason = "finish_reason"
        }
    }

    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage?) {
        self.id = id
        self.object = "chat.completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// One server-sent event of a streamed chat completion.
public struct ChatCompletionChunk: Codable, Sendable, Equatable {
    public struct Delta: Codable, Sendable, Equatable {
        public var role: String?
        public var content: String?

        public init(role: String? = nil, content: String? = nil) {
            self.role = role
            self.content = content
        }
    }

    public struct Choice: Codable, Sendable, Equatable {
        public var index: Int
        public var delta: Delta
        public var finishReason: FinishReason?

        public init(index: Int, delta: Delta, finishReason: FinishReason?) {
            self.index = index
            self.delta = delta
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, delta, finishReason = "finish_reason"
        }

        // finish_reason is sent as null on every chunk but the last, as OpenAI does.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(delta, forKey: .delta)
            try container.encode(finishReason, forKey: .finishReason)
        }
    }

    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage? = nil) {
        self.id = id
        self.object = "chat.completion.chunk"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// The body of a text completion, and (with `object` "text_completion" too) each streamed chunk of one.
public struct CompletionResponse: Codable, Sendable, Equatable {
    public struct Choice: Codable, Sendable, Equatable {
        public var index: Int
        public var text: String
        public var finishReason: FinishReason?

        public init(index: Int, text: String, finishReason: FinishReason?) {
            self.index = index
            self.text = text
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, text, finishReason = "finish_reason", logprobs
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            index = try container.decode(Int.self, forKey: .index)
            text = try container.decode(String.self, forKey: .text)
            finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        }

        // logprobs and finish_reason are sent as null, as OpenAI does; the Python client expects the keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(text, forKey: .text)
            try container.encodeNil(forKey: .logprobs)
            try container.encode(finishReason, forKey: .finishReason)
        }
    }

    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage?) {
        self.id = id
        self.object = "text_completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// `GET /v1/models`.
public struct ModelList: Codable, Sendable, Equatable {
    public struct Model: Codable, Sendable, Equatable {
        public var id: String
        public var object: String
        public var created: Int
        public var ownedBy: String

        public init(id: String, created: Int, ownedBy: String) {
            self.id = id
            self.object = "model"
            self.created = created
            self.ownedBy = ownedBy
        }

        enum CodingKeys: String, CodingKey {
            case id, object, created, ownedBy = "owned_by"
        }
    }

    public var object: String
    public var data: [Model]

    public init(data: [Model]) {
        self.object = "list"
        self.data = data
    }
}
