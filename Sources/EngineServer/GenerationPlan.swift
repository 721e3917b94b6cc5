import Models
import OpenAIProtocol

/// A validated request, ready for the engine: the parts of chat and text completions that are the same.
struct GenerationPlan: Sendable {
    var promptTokens: [Int]
    var maxTokens: Int
    var sampling: SamplingParameters
    var stopStrings: [String]
    var stream: Bool
    var includeUsage: Bool

    /// The checks OpenAI makes on the sampling fields, with its messages' shape.
    static func sampling(temperature: Double?, topP: Double?, seed: UInt64?) throws -> SamplingParameters {
        let temperature = temperature ?? 1
        guard temperature.isFinite, (0...2).contains(temperature) else {
            throw APIError.invalidParameter("temperature", "\(temperature) is not valid for 'temperature': it must be between 0 and 2.")
        }
        let topP = topP ?? 1
        guard topP.isFinite, topP > 0, topP <= 1 else {
            throw APIError.invalidParameter("top_p", "\(topP) is not valid for 'top_p': it must be in (0, 1].")
        }
        if temperature == 0 { return .greedy }
        return SamplingParameters(temperature: Float(temperature), topK: 0, topP: Float(topP), repetitionPenalty: 1,
                                  seed: seed ?? UInt64.random(in: 0...UInt64(UInt32.max)))
    }

    static func stopStrings(_ stop: StopSequences?) throws -> [String] {
        let values = stop?.values ?? []
        guard values.count <= 4 else {
            throw APIError.invalidParameter("stop", "At most 4 stop sequences are allowed; \(values.count) were given.")
        }
        return values.filter { !$0.isEmpty }
    }

    static func choiceCount(_ n: Int?) throws {
        if let n, n != 1 {
            throw APIError.invalidParameter("n", "This server generates one choice per request; 'n' must be 1, not \(n).")
        }
    }

    /// `max_tokens` against the server's limit and the context: what is left after the prompt.
    static func maxTokens(requested: Int?, promptTokens: Int, contextLimit: Int, configuration: ServeConfiguration,
                          promptParam: String) throws -> Int {
        if let requested, requested < 1 {
            throw APIError.invalidParameter("max_tokens", "\(requested) is less than the minimum of 1 - 'max_tokens'.")
        }
        let room = contextLimit - promptTokens
        if let requested {
            guard requested <= room else {
                throw APIError.contextLengthExceeded(limit: contextLimit, promptTokens: promptTokens,
                                                     completionTokens: requested, param: promptParam)
            }
            guard requested <= configuration.maxTokensLimit else {
                throw APIError.invalidParameter("max_tokens", "max_tokens is too large: \(requested). This server "
                                                + "supports at most \(configuration.maxTokensLimit) completion tokens.")
            }
            return requested
        }
        guard room >= 1 else {
            throw APIError.contextLengthExceeded(limit: contextLimit, promptTokens: promptTokens,
                                                 completionTokens: 1, param: promptParam)
        }
        return min(room, configuration.defaultMaxTokens)
    }
}
