import Foundation
import Tokenizers

/// What the language model is asked for one unit of text.
public struct GenerationRequest: Sendable {
    /// Chat messages: system instruction, few-shot turns, then the (masked) source as the last user turn.
    public var messages: [ChatMessage]
    /// The masked source; a generator may bias decoding toward its tokens (copy bias).
    public var source: String
    /// Candidates wanted: the first greedy, the rest sampled with seeds derived from `seed`.
    public var count: Int
    /// Upper bound on new tokens; the rewrite ends at a newline or the end-of-turn token before it.
    public var maxTokens: Int
    public var seed: UInt64

    public init(messages: [ChatMessage], source: String, count: Int, maxTokens: Int, seed: UInt64) {
        self.messages = messages; self.source = source; self.count = count; self.maxTokens = maxTokens; self.seed = seed
    }
}

public struct GeneratedText: Sendable, Equatable {
    public var text: String
    /// Mean log-likelihood per token under the model (fluency), when the generator knows it.
    public var meanLogLikelihood: Double?

    public init(text: String, meanLogLikelihood: Double? = nil) {
        self.text = text; self.meanLogLikelihood = meanLogLikelihood
    }
}

/// Produces rewrite candidates. The GGUF decoder plugs in here; generation must stop promptly
/// when the surrounding task is cancelled (throw `CancellationError`).
public protocol CandidateGenerator: Sendable {
    func candidates(for request: GenerationRequest) async throws -> [GeneratedText]
    /// Fluency of finished texts (after the rules, not necessarily what the model wrote): the model's mean
    /// log-probability per token of each text as the answer to the request's prompt; nil where unknown.
    func meanLogLikelihoods(of texts: [String], for request: GenerationRequest) async throws -> [Double?]
}

extension CandidateGenerator {
    public func meanLogLikelihoods(of texts: [String], for request: GenerationRequest) async throws -> [Double?] {
        texts.map { _ in nil }
    }
}

/// Builds the few-shot chat for a style.
public enum RestylePrompt {
    public static func messages(style: RestyleStyle, source: String) -> [ChatMessage] {
        var system = style.instruction
        system += " Keep code, links, numbers and names exactly as written. Reply with the rewritten text only."
        var messages: [ChatMessage] = [.system(system)]
        for example in style.examples {
            messages.append(.user(userTurn(style, example.source)))
            messages.append(.assistant(example.rewrite))
        }
        messages.append(.user(userTurn(style, source)))
        return messages
    }

    /// The task restated in every user turn, so a small model reads the text as something to rewrite,
    /// not as a message to answer (dev sets, 12 sentences each: polite 75% → 83%, casual 25% → 33%,
    /// formal unchanged, against the instruction in the system turn only).
    static func userTurn(_ style: RestyleStyle, _ text: String) -> String {
        "\(style.instruction)\nText: \(text)"
    }

    /// Removes what small models wrap around an answer: quotes, a "Rewritten:" label, text after the
    /// first line.
    public static func cleanAnswer(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let newline = text.firstIndex(of: "\n") { text = String(text[..<newline]) }
        for label in ["Rewritten text:", "Rewritten:", "Rewrite:", "Answer:", "Output:", "Assistant:"]
        where text.lowercased().hasPrefix(label.lowercased()) {
            text = String(text.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        if text.count >= 2, let first = text.first, let last = text.last,
           (first == "\"" && last == "\"") || (first == "“" && last == "”") {
            text = String(text.dropFirst().dropLast())
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
