import Foundation
import Testing
import Models

/// The forward pass against llama.cpp's logits and greedy continuations on SmolLM2 (Q4_1).
@Suite(.enabled(if: SmolLM2.isInstalled, "SmolLM2 GGUF not installed"))
struct LlamaReferenceTests {
    let reference: LlamaReference
    let model: LlamaModel

    init() throws {
        reference = try LlamaReference.load()
        model = try #require(SmolLM2.model)
    }

    @Test func configComesFromMetadata() {
        let c = model.config
        #expect(c.architecture == .llama)
        #expect(c.layerCount == 30 && c.embeddingLength == 576 && c.feedForwardLength == 1536)
        #expect(c.headCount == 9 && c.kvHeadCount == 3 && c.headDim == 64 && c.rotaryDim == 64)
        #expect(c.ropeTheta == 100_000 && c.contextLength == 8192 && c.vocabularySize == 49152)
        #expect(abs(c.rmsEpsilon - 1e-5) < 1e-9)
        // SmolLM2 ties the output projection to the token embedding.
        #expect(model.weights.output.data == model.weights.tokenEmbedding.data)
    }

    /// Prefill logits at every prompt position: NMSE < 1e-3 and the same argmax at ≥ 99% of positions.
    @Test func prefillLogitsMatchLlamaCpp() throws {
        let vocabulary = model.config.vocabularySize
        #expect(vocabulary == reference.vocabulary_size)
        var positions = 0, sameArgmax = 0
        for prompt in reference.prompts {
            let context = LlamaContext(model: model, contextLimit: 256, threads: 2)
            let logits = try context.evaluateAll(prompt.tokens)
            let expectedSubset = prompt.subsetLogits(width: reference.subset_ids.count)
            #expect(expectedSubset.count == prompt.tokens.count)
            for (i, expected) in expectedSubset.enumerated() {
                let row = Array(logits[(i * vocabulary)..<((i + 1) * vocabulary)])
                let actual = reference.subset_ids.map { row[$0] }
                let error = normalizedMeanSquaredError(actual, expected)
                #expect(error < 1e-3, "\(prompt.name) position \(i): NMSE \(error)")
                positions += 1
                if row.withUnsafeBufferPointer({ Sampler.argmax($0) }) == prompt.argmax[i] { sameArgmax += 1 }
            }
            for (position, expected) in zip(prompt.full_positions, prompt.fullLogits(width: vocabulary)) {
                let row = Array(logits[(position * vocabulary)..<((position + 1) * vocabulary)])
                let error = normalizedMeanSquaredError(row, expected)
                #expect(error < 1e-3, "\(prompt.name) full position \(position): NMSE \(error)")
            }
        }
        #expect(Double(sameArgmax) >= 0.99 * Double(positions), "argmax agrees at \(sameArgmax) of \(positions)")
    }

    /// Greedy decoding (prefill, then one token at a time through matVec) gives llama.cpp's 32 tokens.
    @Test func greedyContinuationMatchesLlamaCpp() throws {
        for prompt in reference.prompts {
            let context = LlamaContext(model: model, contextLimit: 256, threads: 2)
            let generator = Generator(context: context)
            let result = try generator.generate(prompt: prompt.tokens,
                                                options: GenerationOptions(maxTokens: prompt.greedy.count, sampling: .greedy))
            #expect(result.tokens == prompt.greedy, "\(prompt.name)")
        }
    }

    /// Feeding tokens one by one (decode path) gives the logits of a batched prefill.
    @Test func decodeStepsAgreeWithPrefill() throws {
        let tokens = Array(try #require(reference.prompts.first).tokens.prefix(12))
        let batched = LlamaContext(model: model, contextLimit: 64, threads: 2)
        let expected = Array(try batched.evaluate(tokens))
        let stepwise = LlamaContext(model: model, contextLimit: 64, threads: 1)
        var last: [Float] = []
        for token in tokens { last = Array(try stepwise.evaluate([token])) }
        #expect(normalizedMeanSquaredError(last, expected) < 1e-4)
    }
}
