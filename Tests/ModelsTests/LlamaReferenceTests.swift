import Foundation
import Testing
import Models

/// The forward pass against llama.cpp's logits and greedy continuations on SmolLM2 (Q4_1).
///
/// SmolLM2-135M at Q4_1 is very sensitive to rounding on these prompts: llama.cpp's logits move by NMSE up to
/// 2.4e-2 (above 1e-3 at about half the positions) when only its KV cache goes from f32 to f16. The fixture
/// Activation quantization (Q8_1 / Q8_0 inputs to the integer dot kernels) makes the network discontinuous:
/// any difference in float summation order flips a few roundings per layer, each as large as an f16 rounding
/// of that element, so two correct implementations agree only as closely as that. The fixture
/// records that movement per position (`f16_cache_nmse`) and llama.cpp's top-2 margins, and the checks are:
/// - NMSE < 1e-3 wherever llama.cpp itself is stable (its f16-cache movement < 1e-4), and per prompt a maximum
///   NMSE below 4× the larger of 1e-3 and llama.cpp's largest f16-cache movement on that prompt;
/// - the median NMSE over all positions < 1e-3;
/// - same argmax at ≥ 95% of positions, and every disagreement a near-tie in llama.cpp (margin < 0.5);
/// - greedy continuations identical up to the first near-tie (margin < 0.5), where either choice is right.
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

    @Test func prefillLogitsMatchLlamaCpp() throws {
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
                let llamaCppMovement = prompt.f16_cache_nmse[i]
                if llamaCppMovement < 1e-4 {
                    #expect(error < 1e-3, "\(prompt.name) position \(i): NMSE \(error) where llama.cpp is stable")
                }
                positions += 1
                let argmax = row.withUnsafeBufferPointer { Sampler.argmax($0) }
                if argmax == prompt.argmax[i] {
                    sameArgmax += 1
                } else {
                    #expect(prompt.argmax_margin[i] < Self.nearTie,
                            "\(prompt.name) position \(i): argmax \(argmax) ≠ \(prompt.argmax[i]), margin \(prompt.argmax_margin[i])")
                }
            }
            // No further from llama.cpp than a few times llama.cpp's own movement under a rounding change.
            let sensitivity = max(1e-3, prompt.f16_cache_nmse.max() ?? 0)
            let worst = errors.suffix(prompt.tokens.count).max() ?? 0
            #expect(worst < 4 * sensitivity, "\(prompt.name): max NMSE \(worst), llama.cpp's f16-cache movement up to \(sensitivity)")
            for (position, expected) in zip(prompt.full_positions, prompt.fullLogits(width: vocabulary)) {
                let row = Array(logits[(position * vocabulary)..<((position + 1) * vocabulary)])
                let full = normalizedMeanSquaredError(row, expected)
                #expect(full < 4 * sensitivity, "\(prompt.name) whole row \(position): NMSE \(full)")
            }
        }
        let median = errors.sorted()[errors.count / 2]
        #expect(median < 1e-3, "median NMSE \(median)")
        #expect(Double(sameArgmax) >= 0.95 * Double(positions), "argmax agrees at \(sameArgmax) of \(positions)")
    }

    /// Greedy decoding (prefill, then one token at a time through matVec) follows llama.cpp's 32 tokens.
    @Test func greedyContinuationMatchesLlamaCpp() throws {
        for prompt in reference.prompts {
            let context = try LlamaContext(model: model, contextLimit: 256, threads: 2)
            let result = try Generator(context: context).generate(
                prompt: prompt.tokens, options: GenerationOptions(maxTokens: prompt.greedy.count, sampling: .greedy))
            #expect(result.tokens.count == prompt.greedy.count)
            if let split = zip(result.tokens, prompt.greedy).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                #expect(prompt.greedy_margin[split] < Self.nearTie,
                        "\(prompt.name): token \(split) differs where llama.cpp's margin is \(prompt.greedy_margin[split])")
            }
        }
    }

    /// Feeding tokens one by one (decode path) gives the logits of a batched prefill.
    @Test func decodeStepsAgreeWithPrefill() throws {
        let tokens = Array(try #require(reference.prompts.first).tokens.prefix(12))
        let batched = try LlamaContext(model: model, contextLimit: 64, threads: 2)
        let expected = Array(try batched.evaluate(tokens))
        let stepwise = try LlamaContext(model: model, contextLimit: 64, threads: 1)
        var last: [Float] = []
        for token in tokens { last = Array(try stepwise.evaluate([token])) }
        #expect(normalizedMeanSquaredError(last, expected) < 1e-4)
    }
}
