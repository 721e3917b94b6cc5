import Foundation

/// What to generate and when to stop.
public struct GenerationOptions: Sendable {
    public var maxTokens: Int
    public var sampling: SamplingParameters
    /// Token ids that end generation (not included in the result): eos, end-of-generation ids, `<|im_end|>`.
    public var stopTokens: Set<Int>

    public init(maxTokens: Int = 256, sampling: SamplingParameters = .greedy, stopTokens: Set<Int> = []) {
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopTokens = stopTokens
    }
}

/// Why generation ended.
public enum GenerationStopReason: String, Sendable {
    case stopToken, maxTokens, cancelled, contextFull
}

public struct GenerationResult: Sendable {
    public var promptTokens: [Int]
    public var tokens: [Int]
    public var stopReason: GenerationStopReason
    /// Wall time of the prompt's forward pass, and of the single-token forward passes after it.
    public var prefillSeconds: Double
    public var decodeSeconds: Double
    /// Single-token forward passes run (the first generated token comes from the prefill's logits).
    public var decodeSteps: Int

    public var prefillTokensPerSecond: Double { prefillSeconds > 0 ? Double(promptTokens.count) / prefillSeconds : 0 }
    public var decodeTokensPerSecond: Double { decodeSeconds > 0 ? Double(decodeSteps) / decodeSeconds : 0 }
}

/// The generation loop: prefill the prompt, then sample, stream and feed back one token at a time.
public struct Generator {
    public let context: LlamaContext

    public init(context: LlamaContext) {
        self.context = context
    }

    /// Generates after `prompt`, starting from an empty cache. `onToken` sees each generated token as it
    /// is chosen; `isCancelled` is checked before every step, so a cancelled run stops within one token.
    public func generate(prompt: [Int], options: GenerationOptions,
                         isCancelled: () -> Bool = { false },
                         onToken: (Int) -> Void = { _ in }) throws -> GenerationResult {
        context.reset()
        var result = GenerationResult(promptTokens: prompt, tokens: [], stopReason: .maxTokens,
                                      prefillSeconds: 0, decodeSeconds: 0, decodeSteps: 0)
        guard !prompt.isEmpty else { return result }
        if isCancelled() { result.stopReason = .cancelled; return result }

        var sampler = Sampler(options.sampling)
        var history = prompt
        var started = DispatchTime.now().uptimeNanoseconds
        var logits = try context.evaluate(prompt)
        result.prefillSeconds = Self.seconds(since: started)

        while result.tokens.count < options.maxTokens {
            if isCancelled() { result.stopReason = .cancelled; break }
            // The sampler may apply penalties in place, so it works on a copy of the logits.
            let token = withUnsafeTemporaryAllocation(of: Float.self, capacity: logits.count) { buffer in
                _ = buffer.initialize(fromContentsOf: logits)
                return sampler.sample(logits: buffer, history: history)
            }
            if options.stopTokens.contains(token) { result.stopReason = .stopToken; break }
            result.tokens.append(token)
            history.append(token)
            onToken(token)
            if result.tokens.count == options.maxTokens { break }
            if context.position >= context.contextLimit { result.stopReason = .contextFull; break }
            started = DispatchTime.now().uptimeNanoseconds
            logits = try context.evaluate([token])
            result.decodeSeconds += Self.seconds(since: started)
            result.decodeSteps += 1
        }
        return result
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
