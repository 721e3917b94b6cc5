import Foundation

/// Copy-draft speculative decoding (prompt lookup): draft the next tokens by finding the last generated ones in
/// `source` (the text being rewritten), check the draft in one batched forward pass, keep the longest prefix the
/// model itself would have chosen. The output is exactly that of plain decoding: greedy gives the same tokens,
/// and sampling the same tokens for the same seed (each kept token is drawn from the same logits with the same
/// random numbers; a draft only saves forward passes).
public struct DraftOptions: Sendable {
    /// Tokens to copy drafts from; empty means the prompt.
    public var source: [Int]
    /// Most tokens drafted per step, at most 7: the token and its draft then go through one pass of the 8-row
    /// product kernels (a ninth row pays the weight unpacking again, about one decode step of work), and f32
    /// activations stay below sgemm's 16 tokens (a check must compute exactly what a single step does).
    public var maxDraftTokens: Int
    /// Longest suffix of the generated text looked up in the source.
    public var matchLength: Int
    /// Shortest suffix match that yields a draft (a draft that continues the last accepted copy needs only one
    /// token: the copy is under way).
    public var minimumMatch: Int

    public init(source: [Int] = [], maxDraftTokens: Int = 7, matchLength: Int = 3, minimumMatch: Int = 2) {
        self.source = source
        self.maxDraftTokens = maxDraftTokens
        self.matchLength = matchLength
        self.minimumMatch = minimumMatch
    }
}

/// What to generate and when to stop.
public struct GenerationOptions: Sendable {
    public var maxTokens: Int
    public var sampling: SamplingParameters
    /// Token ids that end generation (not included in the result): eos, end-of-generation ids, `<|im_end|>`.
    public var stopTokens: Set<Int>
    /// Copy-draft speculative decoding; nil decodes one token per forward pass.
    public var draft: DraftOptions?
    /// Keep the cached keys and values of the longest common prefix of the prompt and what the context holds
    /// (the previous prompt and its answer) instead of starting from an empty cache. The logits are the same
    /// (K-quant models: bit for bit; f32-activation models up to float rounding where a suffix of 16+ tokens
    /// goes through sgemm).
    public var reuseCachedPrefix: Bool
    /// Saved prefixes to restore from (the longest prefix of the prompt found there), and to save into.
    public var prefixCache: PrefixCache?
    /// When set (with `prefixCache`), the state after this many prompt tokens is saved there, e.g. the length
    /// of a style's system turn and examples, so the next prompt that starts with them skips their prefill.
    public var cachePrefixLength: Int?

    public init(maxTokens: Int = 256, sampling: SamplingParameters = .greedy, stopTokens: Set<Int> = [],
                draft: DraftOptions? = nil, reuseCachedPrefix: Bool = false, prefixCache: PrefixCache? = nil,
                cachePrefixLength: Int? = nil) {
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopTokens = stopTokens
        self.draft = draft
        self.reuseCachedPrefix = reuseCachedPrefix
        self.prefixCache = prefixCache
        self.cachePrefixLength = cachePrefixLength
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
    /// Wall time of the prompt's forward pass, and of the forward passes after it.
    public var prefillSeconds: Double
    public var decodeSeconds: Double
    /// Forward passes run after the prefill (the first generated token comes from the prefill's logits).
    public var decodeSteps: Int
    /// Prompt tokens whose keys and values came from the context or a `PrefixCache` instead of a prefill.
    public var reusedPromptTokens: Int = 0
    /// Tokens drafted (speculative decoding), and how many of them were kept.
    public var draftedTokens: Int = 0
    public var acceptedDraftTokens: Int = 0

    public var prefillTokensPerSecond: Double {
        prefillSeconds > 0 ? Double(promptTokens.count - reusedPromptTokens) / prefillSeconds : 0
    }
    /// Forward passes per second after the prefill.
    public var decodeTokensPerSecond: Double { decodeSeconds > 0 ? Double(decodeSteps) / decodeSeconds : 0 }
    /// Tokens generated per second after the prefill's (the first one comes with the prefill).
    public var generatedTokensPerSecond: Double {
        decodeSeconds > 0 ? Double(max(0, tokens.count - 1)) / decodeSeconds : 0
    }
    /// Share of drafted tokens kept.
    public var draftAcceptanceRate: Double { draftedTokens > 0 ? Double(acceptedDraftTokens) / Double(draftedTokens) : 0 }
}

/// The generation loop: prefill the prompt, then sample, stream and feed back tokens (one per forward pass, or
/// a checked draft of several).
public struct Generator {
    public let context: LlamaContext

    public init(context: LlamaContext) {
        self.context = context
    }

    /// Generates after `prompt`, starting from an empty cache (or a reused prefix, see `GenerationOptions`).
    /// `onToken` sees each generated token as it is chosen; `isCancelled` is checked before every step, so a
    /// cancelled run stops within one step.
    public func generate(prompt: [Int], options: GenerationOptions,
                         isCancelled: () -> Bool = { false },
                         onToken: (Int) -> Void = { _ in }) throws -> GenerationResult {
        var result = GenerationResult(promptTokens: prompt, tokens: [], stopReason: .maxTokens,
                                      prefillSeconds: 0, decodeSeconds: 0, decodeSteps: 0)
        guard !prompt.isEmpty else {
            context.reset()
            return result
        }
        if isCancelled() {
            context.reset()
            result.stopReason = .cancelled
            return result
        }

        var started = DispatchTime.now().uptimeNanoseconds
        var logits = try prefill(prompt, options: options, result: &result)
        result.prefillSeconds = Self.seconds(since: started)

        var sampler = Sampler(options.sampling)
        var history = prompt
        var drafter = options.draft.map {
            CopyDrafter(source: $0.source.isEmpty ? prompt : $0.source, matchLength: $0.matchLength,
                        minimumMatch: $0.minimumMatch)
        }
        let maxDraft = min(max(0, options.draft?.maxDraftTokens ?? 0), 7, context.batchLimit - 1)
        // A token already drawn from the last logits (the model's choice where a draft went wrong).
        var chosen: Int?
        // Drafts grow while they are kept whole and shrink to just past what was kept when one goes wrong, so a
        // rewrite that stops copying pays for short checks only.
        var draftLength = min(4, maxDraft)

        func sample(_ row: UnsafeBufferPointer<Float>) -> Int {
            // The sampler may apply penalties in place, so it works on a copy of the logits.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: row.count) { buffer in
                _ = buffer.initialize(fromContentsOf: row)
                return sampler.sample(logits: buffer, history: history)
            }
        }
        /// Appends a chosen token; false when generation ends here.
        func emit(_ token: Int) -> Bool {
            if options.stopTokens.contains(token) { result.stopReason = .stopToken; return false }
            result.tokens.append(token)
            history.append(token)
            onToken(token)
            return result.tokens.count < options.maxTokens
        }

        generation: while result.tokens.count < options.maxTokens {
            if isCancelled() { result.stopReason = .cancelled; break }
            let token = chosen ?? sample(logits)
            chosen = nil
            guard emit(token) else { break }
            if context.position >= context.contextLimit { result.stopReason = .contextFull; break }

            // Room for the token and its draft in the cache, and drafts no longer than the tokens still wanted.
            let room = min(draftLength, context.contextLimit - context.position - 1,
                           options.maxTokens - result.tokens.count)
            let draft = room > 0 ? drafter?.draft(after: Array(history[prompt.count...]), limit: room) ?? [] : []
            started = DispatchTime.now().uptimeNanoseconds
            defer {
                result.decodeSeconds += Self.seconds(since: started)
                result.decodeSteps += 1
            }
            if draft.isEmpty {
                logits = try context.evaluate([token])
                continue
            }
            let base = context.position
            let rows = try context.evaluateRows([token] + draft)
            let vocabulary = context.model.config.vocabularySize
            func row(_ i: Int) -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(rebasing: rows[(i * vocabulary)..<((i + 1) * vocabulary)]) }
            result.draftedTokens += draft.count
            var kept = 0
            while kept < draft.count {
                if isCancelled() { result.stopReason = .cancelled; context.rewind(to: base + 1 + kept); break generation }
                let next = sample(row(kept))
                guard next == draft[kept] else {
                    chosen = next
                    break
                }
                kept += 1
                result.acceptedDraftTokens += 1
                guard emit(next) else {
                    context.rewind(to: base + 1 + kept)
                    break generation
                }
            }
            drafter?.accepted(kept)
            draftLength = kept == draft.count ? min(maxDraft, 2 * draftLength) : max(1, kept + 1)
            context.rewind(to: base + 1 + kept)
            // Everything kept: the next token comes from the last row; otherwise `chosen` holds it.
            if chosen == nil { logits = row(kept) }
        }
        return result
    }

    /// Brings the cache to the prompt (reusing what the options allow) and returns the last token's logits.
    private func prefill(_ prompt: [Int], options: GenerationOptions,
                         result: inout GenerationResult) throws -> UnsafeBufferPointer<Float> {
        var reused = options.reuseCachedPrefix ? context.cachedPrefixLength(of: prompt) : 0
        if let cache = options.prefixCache, let saved = cache.longestPrefix(of: prompt), saved.tokens.count > reused {
            try context.restore(saved)
            reused = saved.tokens.count
        }
        // The last prompt token is always run, for its logits.
        reused = min(reused, prompt.count - 1)
        if reused == 0 { context.reset() } else { context.rewind(to: reused) }
        result.reusedPromptTokens = reused
        if let cache = options.prefixCache, let save = options.cachePrefixLength, save > reused, save < prompt.count {
            try context.evaluate(Array(prompt[reused..<save]))
            cache.store(context.snapshot(count: save))
            return try context.evaluate(Array(prompt[save...]))
        }
        return try context.evaluate(Array(prompt[reused...]))
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
