import Foundation
import Testing
import Models
import TensorMath

/// Copy-draft speculative decoding and prefix reuse give exactly the tokens of plain decoding, on the tiny
/// Qwen2 fixture (fast), whatever the drafts.
@Suite struct SpeculativeDecodingTests {
    let model: LlamaModel
    let prompt = [5, 17, 250, 3, 99, 42, 7, 180, 5, 17, 250, 3, 12, 64]

    init() throws {
        model = try LlamaModel(path: LlamaGeneratorTests.modelPath)
    }

    private func run(_ prompt: [Int], _ options: GenerationOptions, context: LlamaContext? = nil,
                     activations: WeightMatrix.Activations = .automatic) throws -> (GenerationResult, [Int]) {
        let context = try context ?? LlamaContext(model: model, contextLimit: 96, threads: 2, activations: activations)
        var streamed: [Int] = []
        let result = try Generator(context: context).generate(prompt: prompt, options: options,
                                                            onToken: { streamed.append($0) })
        return (result, streamed)
    }

    @Test(arguments: [WeightMatrix.Activations.automatic, .quantized])
    func greedyWithDraftsIsPlainGreedy(activations: WeightMatrix.Activations) throws {
        let (plain, _) = try run(prompt, GenerationOptions(maxTokens: 24), activations: activations)
        // Drafts from the prompt (mostly wrong on random weights), from the answer itself (all right), and
        // from a mix, with several lengths.
        let sources = [[], plain.tokens, Array(plain.tokens.prefix(6)) + prompt + Array(plain.tokens.suffix(10))]
        var acceptedSome = false
        for source in sources {
            for length in [1, 4, 8] {
                let options = GenerationOptions(maxTokens: 24, draft: DraftOptions(source: source, maxDraftTokens: length))
                let (drafted, streamed) = try run(prompt, options, activations: activations)
                #expect(drafted.tokens == plain.tokens, "source \(source.count) tokens, drafts of \(length)")
                #expect(streamed == drafted.tokens)
                #expect(drafted.stopReason == plain.stopReason)
                #expect(drafted.acceptedDraftTokens <= drafted.draftedTokens)
                acceptedSome = acceptedSome || drafted.acceptedDraftTokens > 0
                if source == plain.tokens && length == 8 {
                    // Right drafts: most tokens come from them, in far fewer forward passes.
                    #expect(drafted.draftAcceptanceRate > 0.7)
                    #expect(drafted.decodeSteps < plain.decodeSteps / 2)
                }
            }
        }
        #expect(acceptedSome)
    }

    @Test func samplingWithDraftsDrawsTheSameTokens() throws {
        let sampling = SamplingParameters(temperature: 0.9, topK: 40, topP: 0.95, repetitionPenalty: 1.1, seed: 77)
        let (plain, _) = try run(prompt, GenerationOptions(maxTokens: 20, sampling: sampling))
        let options = GenerationOptions(maxTokens: 20, sampling: sampling,
                                        draft: DraftOptions(source: plain.tokens + prompt, maxDraftTokens: 6))
        let (drafted, _) = try run(prompt, options)
        #expect(drafted.tokens == plain.tokens)
        #expect(drafted.acceptedDraftTokens > 0)
    }

    @Test func stopTokensAndLimitsHoldWithDrafts() throws {
        let (plain, _) = try run(prompt, GenerationOptions(maxTokens: 16))
        let stop = plain.tokens[9]
        let cut = try #require(plain.tokens.firstIndex(of: stop))
        let draft = DraftOptions(source: plain.tokens, maxDraftTokens: 8)
        let (stopped, _) = try run(prompt, GenerationOptions(maxTokens: 16, stopTokens: [stop], draft: draft))
        #expect(stopped.tokens == Array(plain.tokens.prefix(cut)) && stopped.stopReason == .stopToken)
        let (short, _) = try run(prompt, GenerationOptions(maxTokens: 5, draft: draft))
        #expect(short.tokens == Array(plain.tokens.prefix(5)) && short.stopReason == .maxTokens)
        // A context with room for only a few generated tokens ends where plain decoding ends.
        let small = { try LlamaContext(model: self.model, contextLimit: self.prompt.count + 6, threads: 1) }
        let (plainFull, _) = try run(prompt, GenerationOptions(maxTokens: 16), context: try small())
        let (draftFull, _) = try run(prompt, GenerationOptions(maxTokens: 16, draft: draft), context: try small())
        #expect(draftFull.tokens == plainFull.tokens && draftFull.stopReason == .contextFull)
    }

    @Test func reusedPrefixGivesTheSameTokens() throws {
        let context = try LlamaContext(model: model, contextLimit: 96, threads: 2)
        let first = prompt + [33, 34]
        let second = prompt + [40, 41, 42]
        _ = try run(first, GenerationOptions(maxTokens: 8), context: context)
        let (reused, _) = try run(second, GenerationOptions(maxTokens: 12, reuseCachedPrefix: true), context: context)
        let (fresh, _) = try run(second, GenerationOptions(maxTokens: 12))
        #expect(reused.reusedPromptTokens == prompt.count)
        #expect(reused.tokens == fresh.tokens)
        // The same prompt again: everything but its last token is reused.
        let (again, _) = try run(second, GenerationOptions(maxTokens: 12, reuseCachedPrefix: true), context: context)
        #expect(again.reusedPromptTokens == second.count - 1 && again.tokens == fresh.tokens)
    }

    @Test func prefixCacheSavesAndRestoresAcrossContexts() throws {
        let cache = PrefixCache()
        let head = Array(prompt.prefix(10))
        let options = GenerationOptions(maxTokens: 10, prefixCache: cache, cachePrefixLength: head.count)
        let (first, _) = try run(prompt, options)
        #expect(cache.count == 1 && first.reusedPromptTokens == 0)
        // Another context, another prompt with the same head: the head comes from the cache.
        let other = head + [77, 78, 79]
        let (restored, _) = try run(other, options)
        let (fresh, _) = try run(other, GenerationOptions(maxTokens: 10))
        #expect(restored.reusedPromptTokens == head.count)
        #expect(restored.tokens == fresh.tokens)
    }

    @Test func drafterCopiesWhatFollowsTheLongestMatch() {
        var drafter = CopyDrafter(source: [1, 2, 3, 4, 5, 9, 2, 3, 7, 8], matchLength: 3)
        #expect(drafter.draft(after: [2, 3], limit: 3) == [7, 8])       // the latest of two equal matches
        #expect(drafter.draft(after: [1, 2, 3], limit: 3) == [4, 5, 9])  // the longer match wins
        #expect(drafter.draft(after: [6], limit: 3) == [])               // not in the source
        #expect(drafter.draft(after: [8], limit: 3) == [])               // nothing follows
        var strict = CopyDrafter(source: [1, 2, 3, 4], matchLength: 3, minimumMatch: 2)
        #expect(strict.draft(after: [9, 2], limit: 2) == [])
        #expect(strict.draft(after: [1, 2], limit: 2) == [3, 4])
    }
}
