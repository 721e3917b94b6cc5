import Foundation
import Testing
import Models
import TensorMath

/// Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Q4_K / Q6_K matrices) against numpy in float64 over the dequantized GGUF
/// tensors (Scripts/reference/llama_reference.py, fixture qwen25_coder_1_5b_q4_k_m.json).
///
/// The K-quant matrices take 16-bit integer activations (`.automatic` → `.quantized16`) and run the integer kernels.
/// On this model that rounding stays far inside the bounds: NMSE < 1e-3 at every position of the three prompts,
/// the same argmax at ≥ 99% of them. Speculative decoding's batched check gives exactly the logits of single steps.
@Suite(.enabled(if: Qwen25Coder.isInstalled, "Qwen2.5-Coder-1.5B Q4_K_M GGUF not installed"))
struct LlamaQwen25ReferenceTests {
    let reference: LlamaReference
    let model: LlamaModel

    init() throws {
        reference = try LlamaReference.load("qwen25_coder_1_5b_q4_k_m")
        model = try #require(Qwen25Coder.model)
    }

    @Test func prefillLogitsMatchReference() throws {
        #expect(reference.prompts.count >= 3)
        let vocabulary = model.config.vocabularySize
        #expect(vocabulary == reference.vocabulary_size)
        var errors: [Double] = []
        var positions = 0, sameArgmax = 0
        let context = try LlamaContext(model: model, contextLimit: 256, threads: 2)
        for prompt in reference.prompts {
            context.reset()
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
        print("LlamaQwen25ReferenceTests: NMSE against numpy over \(positions) positions: median "
              + "\(sorted[sorted.count / 2]), max \(sorted.last ?? 0); argmax agrees at \(sameArgmax)")
    }

    /// Single decode steps and one batched pass over the same tokens give bit-identical logits, which is what
    /// makes speculative decoding's output that of plain greedy decoding.
    @Test func batchedRowsEqualSingleSteps() throws {
        let tokens = try #require(reference.prompts.first?.tokens)
        let head = Array(tokens.prefix(tokens.count - 6)), tail = Array(tokens.suffix(6))
        let vocabulary = model.config.vocabularySize
        let batched = try LlamaContext(model: model, contextLimit: 128, threads: 2)
        try batched.evaluate(head)
        let rows = Array(try batched.evaluateRows(tail))
        let stepped = try LlamaContext(model: model, contextLimit: 128, threads: 2)
        try stepped.evaluate(head)
        for (i, token) in tail.enumerated() {
            let row = Array(try stepped.evaluate([token]))
            #expect(row == Array(rows[(i * vocabulary)..<((i + 1) * vocabulary)]), "token \(i)")
        }
    }
}
