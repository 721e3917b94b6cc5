import Foundation
import Testing
import Models
import ModelFormats

/// A tiny random Qwen2 model (Scripts/reference/tiny_qwen2.py) against llama.cpp: Q/K/V biases, NeoX rope,
/// a separate output matrix, 4:2 grouped heads, F16/Q8_0/Q4_0/Q5_0/Q5_1 weights.
@Suite struct LlamaQwen2Tests {
    struct Reference: Decodable {
        let tokens: [Int]
        let vocabulary_size: Int
        let logits_f32: String
        let greedy: [Int]
        let greedy_margin: [Float]
    }

    /// Random weights give flat logits with frequent near-ties; a choice within this margin may go either way.
    static let nearTie: Float = 0.1

    let model: LlamaModel
    let reference: Reference

    init() throws {
        let gguf = try #require(Bundle.module.url(forResource: "Fixtures/llama/tiny_qwen2", withExtension: "gguf"))
        let json = try #require(Bundle.module.url(forResource: "Fixtures/llama/tiny_qwen2", withExtension: "json"))
        model = try LlamaModel(path: gguf.path)
        reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: json))
    }

    @Test func readsQwen2Config() {
        let c = model.config
        #expect(c.architecture == .qwen2 && c.hasAttentionBias && c.ropeLayout == .neox)
        #expect(c.headCount == 4 && c.kvHeadCount == 2 && c.headDim == 32 && c.vocabularySize == 320)
        #expect(model.weights.output.data != model.weights.tokenEmbedding.data)
    }

    @Test func logitsMatchLlamaCpp() throws {
        let data = try #require(Data(base64Encoded: reference.logits_f32))
        let expected: [Float] = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let vocabulary = reference.vocabulary_size
        // Batches of 16 force chunked prefill across three forward passes.
        let context = try LlamaContext(model: model, contextLimit: 64, threads: 2, batchLimit: 16)
        let actual = try context.evaluateAll(reference.tokens)
        #expect(actual.count == expected.count)
        var sameArgmax = 0
        for i in 0..<reference.tokens.count {
            let a = Array(actual[(i * vocabulary)..<((i + 1) * vocabulary)])
            let e = Array(expected[(i * vocabulary)..<((i + 1) * vocabulary)])
            let error = normalizedMeanSquaredError(a, e)
            #expect(error < 1e-3, "position \(i): NMSE \(error)")
            let expectedBest = e.withUnsafeBufferPointer { Sampler.argmax($0) }
            if a.withUnsafeBufferPointer({ Sampler.argmax($0) }) == expectedBest {
                sameArgmax += 1
            } else {
                let runnerUp = e.enumerated().filter { $0.offset != expectedBest }.map(\.element).max() ?? 0
                #expect(e[expectedBest] - runnerUp < Self.nearTie, "position \(i): argmax differs away from a near-tie")
            }
        }
        #expect(Double(sameArgmax) >= 0.95 * Double(reference.tokens.count))
    }

    @Test func greedyMatchesLlamaCpp() throws {
        let context = try LlamaContext(model: model, contextLimit: 64, threads: 2)
        let result = try Generator(context: context).generate(
            prompt: reference.tokens, options: GenerationOptions(maxTokens: reference.greedy.count))
        #expect(result.tokens.count == reference.greedy.count)
        if let split = zip(result.tokens, reference.greedy).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            #expect(reference.greedy_margin[split] < Self.nearTie, "token \(split) differs where llama.cpp's margin is \(reference.greedy_margin[split])")
        }
    }
}
