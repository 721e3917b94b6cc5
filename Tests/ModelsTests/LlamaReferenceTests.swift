import Foundation
import Testing
import Models
import TensorMath

/// The forward pass on SmolLM2 (Q4_1) against numpy in float64 over the dequantized GGUF tensors, and beside
/// it llama.cpp.
///
/// The decoder keeps activations in f32 (`LlamaContext`'s default), so it computes the same function as the
/// reference up to float rounding: NMSE < 1e-3 at every position of every prompt, the same argmax at ≥ 99% of
/// positions, and the same 32-token greedy continuations. llama.cpp is no 1e-3 target on this model: it
/// quantizes activations to Q8 before every quantized product, which moves its logits from the reference by
/// NMSE up to ~1.6e-2 (its own f16 KV cache moves them as much); the `.quantized` mode, which does the same,
/// is checked against llama.cpp's argmax and continuations up to near-ties instead.
@Suite(.enabled(if: SmolLM2.isInstalled, "SmolLM2 GGUF not installed"))
struct LlamaReferenceTests {
    static let nearTie: Float = 0.5

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

    @Test func prefillLogitsMatchReference() throws {
        #expect(reference.prompts.count >= 3)
        let vocabulary = model.config.vocabularySize
        #expect(vocabulary == reference.vocabulary_size)
        var errors: [Double] = []
        var positions = 0, sameArgmax = 0
        for prompt in reference.prompts {
            let context = try LlamaContext(model: model, contextLimit: 256, threads: 2)
            let logits = try context.evaluateAll(prompt.tokens)
            let expectedSubset = prompt.subsetLogits(width: reference.subset_ids.count)
            #expect(expectedSubset.count == prompt.tokens.count)
            for (i, expected) in expectedSubset.enumerated() {
                let row = Array(logits[(i * vocabulary)..<((i + 1) * vocabulary)])
                let error = normalizedMeanSquaredError(reference.subset_ids.map { row[$0] }, expected)
                errors.append(error)
                #expect(error < 1e-3, "\(prompt.name) position \(i): NMSE \(error)")
                positions += 1
                let argmax = row.withUnsafeBufferPointer { Sampler.argmax($0) }
                if argmax == prompt.argmax[i] { sameArgmax += 1 }
            }
            for (position, expected) in zip(prompt.full_positions, prompt.fullLogits(width: vocabulary)) {
                let row = Array(logits[(position * vocabulary)..<((position + 1) * vocabulary)])
                let full = normalizedMeanSquaredError(row, expected)
                #expect(full < 1e-3, "\(prompt.name) whole row \(position): NMSE \(full)")
            }
        }
        #expect(Double(sameArgmax) >= 0.99 * Double(positions), "argmax agrees at \(sameArgmax) of \(positions)")
        let sorted = errors.sorted()
        print("LlamaReferenceTests: NMSE against numpy over \(positions) positions: median \(sorted[sorted.count / 2]), "
              + "max \(sorted.last ?? 0); argmax agrees at \(sameArgmax)")
    }

    /// Greedy decoding (prefill, then one token at a time through matVec) gives the reference's 32 tokens.
    @Test func greedyContinuationMatchesReference() throws {
        for prompt in reference.prompts {
            let context = try LlamaContext(model: model, contextLimit: 256, threads: 2)
            let result = try Generator(context: context).generate(
                prompt: prompt.tokens, options: GenerationOptions(maxTokens: prompt.greedy.count, sampling: .greedy))
            #expect(prompt.greedy.count == 32)
            #expect(result.tokens == prompt.greedy, "\(prompt.name)")
        }
    }

    /// With quantized activations (as llama.cpp computes) the argmax and greedy continuations follow
    /// llama.cpp's up to near-ties, and the logits stay as close to the reference as llama.cpp's do.
    @Test func quantizedActivationsFollowLlamaCpp() throws {
        let vocabulary = model.config.vocabularySize
        var positions = 0, sameArgmax = 0
        var errors: [Double] = [], llamaCppErrors: [Double] = []
        for prompt in reference.prompts {
            let context = try LlamaContext(model: model, contextLimit: 256, threads: 2, activations: .quantized)
            let logits = try context.evaluateAll(prompt.tokens)
            for (i, expected) in prompt.subsetLogits(width: reference.subset_ids.count).enumerated() {
                let row = Array(logits[(i * vocabulary)..<((i + 1) * vocabulary)])
                errors.append(normalizedMeanSquaredError(reference.subset_ids.map { row[$0] }, expected))
                llamaCppErrors.append(prompt.llama_cpp_nmse[i])
                positions += 1
                if row.withUnsafeBufferPointer({ Sampler.argmax($0) }) == prompt.llama_cpp_argmax[i] { sameArgmax += 1 }
            }
            context.reset()
            let result = try Generator(context: context).generate(
                prompt: prompt.tokens,
                options: GenerationOptions(maxTokens: prompt.llama_cpp_greedy.count, sampling: .greedy))
            if let split = zip(result.tokens, prompt.llama_cpp_greedy).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                #expect(prompt.llama_cpp_greedy_margin[split] < Self.nearTie,
                        "\(prompt.name): token \(split) differs where llama.cpp's margin is \(prompt.llama_cpp_greedy_margin[split])")
            }
        }
        #expect(Double(sameArgmax) >= 0.95 * Double(positions), "argmax agrees with llama.cpp at \(sameArgmax) of \(positions)")
        let median = errors.sorted()[errors.count / 2], llamaCppMedian = llamaCppErrors.sorted()[llamaCppErrors.count / 2]
        #expect(median < 2 * llamaCppMedian, "median NMSE \(median), llama.cpp's \(llamaCppMedian)")
    }

    /// Feeding tokens one by one (decode path) gives the logits of a batched prefill. With f32 activations only
    /// float summation order differs (sgemm from 16 tokens, the fused f32 kernels below). Quantized, only the
    /// fused path (below 16 tokens) quantizes as decode does; sgemm does not, so it is not compared.
    @Test(arguments: [(WeightMatrix.Activations.f32, [12, 20], 1e-6), (.quantized, [12], 1e-4)])
    func decodeStepsAgreeWithPrefill(activations: WeightMatrix.Activations, counts: [Int], tolerance: Double) throws {
        let tokens = try #require(reference.prompts.first).tokens
        for count in counts {
            let prefix = Array(tokens.prefix(count))
            let batched = try LlamaContext(model: model, contextLimit: 64, threads: 2, activations: activations)
            let expected = Array(try batched.evaluate(prefix))
            let stepwise = try LlamaContext(model: model, contextLimit: 64, threads: 1, activations: activations)
            var last: [Float] = []
            for token in prefix { last = Array(try stepwise.evaluate([token])) }
            let error = normalizedMeanSquaredError(last, expected)
            #expect(error < tolerance, "\(count) tokens: NMSE \(error)")
        }
    }
}
