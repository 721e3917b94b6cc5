import Foundation
import Testing
import ModelFormats

/// The installed SmolLM2 model, or nil when it is not installed (tests are then skipped).
let smolLM2Path: String? = {
    let directory = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
        ?? NSHomeDirectory() + "/.local/share/tenor/models"
    let path = directory + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

@Suite(.enabled(if: smolLM2Path != nil, "SmolLM2 GGUF not installed"))
struct GGUFSmolLM2Tests {
    @Test func readsTheRealModel() throws {
        let gguf = try GGUFFile(path: try #require(smolLM2Path))
        #expect(gguf.version == 3)
        #expect(gguf.architecture == "llama")
        #expect(gguf.int("llama.block_count") == 30)
        #expect(gguf.int("llama.embedding_length") == 576)
        #expect(gguf.int("llama.attention.head_count_kv") == 3)
        #expect(gguf.float("llama.rope.freq_base") == 100_000)
        #expect(gguf.string("tokenizer.ggml.model") == "gpt2")
        #expect(gguf.string("tokenizer.ggml.pre") == "smollm")
        #expect(gguf.stringArray("tokenizer.ggml.tokens")?.count == 49152)
        #expect(gguf.stringArray("tokenizer.ggml.merges")?.count == 48900)
        #expect(gguf.intArray("tokenizer.ggml.token_type")?.count == 49152)
        #expect(gguf.string("tokenizer.chat_template")?.contains("<|im_start|>") == true)

        #expect(gguf.tensors.count == 272)
        let embedding = try gguf.tensor("token_embd.weight")
        #expect(embedding.dimensions == [576, 49152])
        #expect(embedding.typeName == "Q8_0")
        #expect(embedding.byteCount == 576 * 49152 / 32 * 34)
        #expect(try gguf.tensorData("token_embd.weight").count == embedding.byteCount)
        let norm = try gguf.tensor("output_norm.weight")
        #expect(norm.typeName == "F32")
        #expect(norm.dimensions == [576])
        // RMS-norm weights are finite and not all zero.
        let weights = try gguf.tensorData("output_norm.weight").bindMemory(to: Float.self)
        #expect(weights.allSatisfy { $0.isFinite })
        #expect(weights.contains { $0 != 0 })
        // Tensors do not overlap and lie inside the file.
        let sorted = gguf.tensors.values.sorted { $0.offset < $1.offset }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            #expect(previous.offset + previous.byteCount <= next.offset, "\(previous.name) overlaps \(next.name)")
        }
    }
}
