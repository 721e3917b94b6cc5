/// `POST /v1/completions` (the legacy text-completion endpoint): the prompt is fed as is, no chat template.
public struct CompletionRequest: Codable, Sendable, Equatable {
    public var model: String
    /// A string, or an array holding exactly one string (several prompts in one request are refused).
    public var prompt: PromptInput
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var seed: UInt64?
    public var stop: StopSequences?
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var n: Int?
    /// Echoing the prompt back is not supported; `true` is refused.
    public var echo: Bool?

    public init(model: String, prompt: String, maxTokens: Int? = nil, temperature: Double? = nil,
                seed: UInt64? = nil, stop: [String]? = nil, stream: Bool? = nil) {
        self.model = model
        self.prompt = PromptInput(texts: [prompt])
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
        self.stop = stop.map(StopSequences.init)
        self.stream = stream
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, temperature, seed, stop, stream, n, echo
        case maxTokens = "max_tokens", topP = "top_p", streamOptions = "stream_options"
    }
}

/// `prompt`: a string or an array of strings (token-id arrays are not accepted).
public struct PromptInput: Codable, Sendable, Equatable {
    public var texts: [String]

    public init(texts: [String]) {
        self.texts = texts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) {
            texts = [one]
        } else if let many = try? container.decode([String].self) {
            texts = many
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "prompt must be a string or an array of strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if texts.count == 1 { try container.encode(texts[0]) } else { try container.encode(texts) }
    }
}
