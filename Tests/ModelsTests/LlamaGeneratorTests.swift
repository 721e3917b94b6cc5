import Foundation
import Testing
import Models

/// The generation loop and error paths, on the tiny Qwen2 fixture (fast).
@Suite struct LlamaGeneratorTests {
    static let modelPath = Bundle.module.url(forResource: "Fixtures/llama/tiny_qwen2", withExtension: "gguf")?.path ?? ""
    let model: LlamaModel
    let prompt = [5, 17, 250, 3, 99, 42, 7, 180]

    init() throws {
        model = try LlamaModel(path: Self.modelPath)
    }

    private func generate(_ options: GenerationOptions, contextLimit: Int = 64,
                          isCancelled: @escaping () -> Bool = { false }) throws -> (GenerationResult, [Int]) {
        let generator = Generator(context: try LlamaContext(model: model, contextLimit: contextLimit, threads: 1))
        var streamed: [Int] = []
        let result = try generator.generate(prompt: prompt, options: options, isCancelled: isCancelled) { streamed.append($0) }
        return (result, streamed)
    }

    @Test func streamsEveryTokenAndStopsAtMaxTokens() throws {
        let (result, streamed) = try generate(GenerationOptions(maxTokens: 10))
        #expect(result.tokens.count == 10 && result.stopReason == .maxTokens)
        #expect(streamed == result.tokens)
        #expect(result.promptTokens == prompt)
        #expect(result.decodeSteps == 9)
    }

    @Test func stopsBeforeAStopToken() throws {
        let (free, _) = try generate(GenerationOptions(maxTokens: 10))
        let stop = free.tokens[3]
        let firstIndex = try #require(free.tokens.firstIndex(of: stop))
        let (result, streamed) = try generate(GenerationOptions(maxTokens: 10, stopTokens: [stop]))
        #expect(result.stopReason == .stopToken)
        #expect(result.tokens == Array(free.tokens.prefix(firstIndex)))
        #expect(streamed == result.tokens)
    }

    @Test func cancellationStopsBetweenTokens() throws {
        var checks = 0
        let (result, _) = try generate(GenerationOptions(maxTokens: 10), isCancelled: {
            checks += 1
            return checks > 3
        })
        #expect(result.stopReason == .cancelled)
        #expect(result.tokens.count == 2)  // one check before the prefill, then one before each token
    }

    @Test func sameSeedSameSampledTokens() throws {
        let sampling = SamplingParameters(temperature: 1.2, topK: 50, topP: 0.9, seed: 1234)
        let (a, _) = try generate(GenerationOptions(maxTokens: 12, sampling: sampling))
        let (b, _) = try generate(GenerationOptions(maxTokens: 12, sampling: sampling))
        #expect(a.tokens == b.tokens)
        var other = sampling
        other.seed = 99
        let (c, _) = try generate(GenerationOptions(maxTokens: 12, sampling: other))
        #expect(a.tokens != c.tokens)
    }

    @Test func stopsWhenTheContextIsFull() throws {
        let (result, _) = try generate(GenerationOptions(maxTokens: 20), contextLimit: prompt.count + 3)
        #expect(result.stopReason == .contextFull)
        #expect(result.tokens.count == 4)  // three fit in the cache; the fourth comes from the last logits
    }

    @Test func rejectsTokensOutsideTheVocabularyAndOverflow() throws {
        let context = try LlamaContext(model: model, contextLimit: 4, threads: 1)
        #expect(throws: LlamaModelError.tokenOutOfRange(token: 320, vocabularySize: 320)) { try context.evaluate([1, 320]) }
        #expect(throws: LlamaModelError.tokenOutOfRange(token: -1, vocabularySize: 320)) { try context.evaluate([-1]) }
        #expect(throws: LlamaModelError.contextFull(limit: 4)) { try context.evaluate([1, 2, 3, 4, 5]) }
        #expect(context.position == 0)
        try context.evaluate([1, 2, 3, 4])
        #expect(throws: LlamaModelError.contextFull(limit: 4)) { try context.evaluate([5]) }
    }
}

/// Damaged and hostile model files give errors, never crashes.
@Suite struct LlamaHostileFileTests {
    let original: Data

    init() throws {
        original = try Data(contentsOf: URL(fileURLWithPath: LlamaGeneratorTests.modelPath))
    }

    private func load(_ data: Data) throws -> LlamaModel {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-hostile-\(UUID().uuidString).gguf")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LlamaModel(path: url.path)
    }

    /// The file with the u32 value of metadata `key` replaced.
    private func withMetadata(_ key: String, setTo value: UInt32) throws -> Data {
        let keyBytes = Data(key.utf8)
        let range = try #require(original.range(of: keyBytes))
        var data = original
        // After the key: u32 value type (4 = UINT32), then the value.
        let typeOffset = range.upperBound
        #expect(data[typeOffset] == 4)
        withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange((typeOffset + 4)..<(typeOffset + 8), with: $0) }
        return data
    }

    @Test func truncatedFilesThrow() {
        for length in [0, 3, 64, 1000, original.count / 2, original.count - 1] {
            #expect(throws: (any Error).self, "length \(length)") { _ = try load(original.prefix(length)) }
        }
    }

    @Test func inconsistentHyperParametersThrow() throws {
        #expect(throws: LlamaModelError.badTensor(name: "token_embd.weight", problem: "shape [128, 320] is not [96, vocabulary]")) {
            _ = try load(try withMetadata("qwen2.embedding_length", setTo: 96))
        }
        #expect(throws: LlamaModelError.invalidMetadata(key: "qwen2.block_count", problem: "0 is out of range 1...1024")) {
            _ = try load(try withMetadata("qwen2.block_count", setTo: 0))
        }
        #expect(throws: LlamaModelError.missingTensor("blk.2.attn_norm.weight")) {
            _ = try load(try withMetadata("qwen2.block_count", setTo: 3))
        }
        #expect(throws: (any Error).self) { _ = try load(try withMetadata("qwen2.attention.head_count_kv", setTo: 3)) }
        #expect(throws: (any Error).self) { _ = try load(try withMetadata("qwen2.feed_forward_length", setTo: 4096)) }
        #expect(throws: (any Error).self) { _ = try load(try withMetadata("qwen2.attention.head_count", setTo: 0x7fff_ffff)) }
    }

    @Test func wrongArchitectureThrows() throws {
        var data = original
        let range = try #require(data.range(of: Data("qwen2".utf8)))
        data.replaceSubrange(range, with: Data("gpt99".utf8))
        #expect(throws: LlamaModelError.unsupportedArchitecture("gpt99")) { _ = try load(data) }
    }
}

extension LlamaGeneratorTests {
    @Test func contextLimitIsClampedAndAbsurdOnesThrow() throws {
        #expect(try LlamaContext(model: model, threads: 1).contextLimit == 128)  // the model's 128 < 4096
        #expect(try LlamaContext(model: model, contextLimit: 1_000_000, threads: 1).contextLimit == 128)
        #expect(LlamaContext.defaultContextLimit == 4096)
    }
}
