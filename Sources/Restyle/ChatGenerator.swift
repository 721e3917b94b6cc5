import Tokenizers

/// One chat completion Restyle asks for.
public struct ChatRequest: Sendable, Equatable {
    public var messages: [ChatMessage]
    public var maxTokens: Int
    /// 0 is greedy; above 0 samples with `seed`.
    public var temperature: Double
    public var seed: UInt64
    /// The text the answer is expected to copy long runs from (the passage being rewritten); a generator may
    /// draft tokens from it (speculative decoding), which must not change the answer.
    public var copySource: String?
    /// How many leading messages every request of this kind shares (the system turn and the style's
    /// examples); a generator may keep their prefill. Nil: all but the last.
    public var sharedMessages: Int?

    public init(messages: [ChatMessage], maxTokens: Int, temperature: Double = 0, seed: UInt64 = 0,
                copySource: String? = nil, sharedMessages: Int? = nil) {
        self.messages = messages; self.maxTokens = maxTokens; self.temperature = temperature; self.seed = seed
        self.copySource = copySource; self.sharedMessages = sharedMessages
    }
}

/// Produces the assistant's answer to a chat. The in-process decoder (`LocalChatGenerator`) conforms; so can
/// a remote OpenAI-compatible engine. Generation must stop promptly, throwing `CancellationError`, when the
/// calling task is cancelled.
public protocol ChatGenerator: Sendable {
    func complete(_ request: ChatRequest) async throws -> String
}
