import OpenAIProtocol

/// A finished remote chat completion.
public struct RemoteChatReply: Sendable, Equatable {
    /// The assistant's text (stop strings excluded, as the engine cut it).
    public var text: String
    /// "stop", "length", or what the engine said; nil when it said nothing.
    public var finishReason: String?
    /// Token counts, when the engine sent them.
    public var usage: Usage?
    /// Tries made (1 when the first succeeded).
    public var attempts: Int
}
