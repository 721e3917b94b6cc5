import Foundation
import Models
import TensorMath

/// The SmolLM2 test model, loaded once for all suites (nil when not installed).
enum SmolLM2 {
    static let path: String = {
        let directory = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
            ?? (NSHomeDirectory() + "/.local/share/tenor/models")
        return directory + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    }()

    static let isInstalled = FileManager.default.fileExists(atPath: path)

    static let model: LlamaModel? = isInstalled ? try? LlamaModel(path: path) : nil
}

/// Qwen2.5-Coder-1.5B-Instruct Q4_K_M, Restyle's model (Q4_K and Q6_K matrices), loaded once (nil when not installed).
enum Qwen25Coder {
    static let path: String = {
        let directory = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
            ?? (NSHomeDirectory() + "/.local/share/tenor/models")
        return directory + "/qwen2.5-coder-1.5b-instruct/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    }()

    static let isInstalled = FileManager.default.fileExists(atPath: path)

    static let model: LlamaModel? = isInstalled ? try? LlamaModel(path: path) : nil
}

/// The reference written by Scripts/reference/llama_reference.py: numpy in float64 over the dequantized GGUF
/// tensors (logits, argmax, greedy continuations), with llama.cpp's argmax, greedy continuations and distance
/// from that reference beside it.
struct LlamaReference: Decodable {
    struct Prompt: Decodable {
        let name: String
        let tokens: [Int]
        let argmax: [Int]
        let argmax_margin: [Float]
        let subset_logits_f16: String
        let full_positions: [Int]
        let full_logits_f16: String
        let greedy: [Int]
        let greedy_margin: [Float]
        let llama_cpp_argmax: [Int]
        let llama_cpp_nmse: [Double]
        let llama_cpp_greedy: [Int]
        let llama_cpp_greedy_margin: [Float]
        let f16_cache_nmse: [Double]

        func subsetLogits(width: Int) -> [[Float]] { LlamaReference.rows(subset_logits_f16, width: width) }
        func fullLogits(width: Int) -> [[Float]] { LlamaReference.rows(full_logits_f16, width: width) }
    }

    let vocabulary_size: Int
    let subset_ids: [Int]
    let prompts: [Prompt]

    static func load(_ name: String = "smollm2_q4_1") throws -> LlamaReference {
        guard let url = Bundle.module.url(forResource: "Fixtures/llama/" + name, withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(LlamaReference.self, from: Data(contentsOf: url))
    }

    /// Base64 float16 little-endian values, split into rows of `width`.
    static func rows(_ base64: String, width: Int) -> [[Float]] {
        guard let data = Data(base64Encoded: base64) else { return [] }
        let values: [Float] = data.withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { i in
                float16ToFloat(UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8)
            }
        }
        return stride(from: 0, to: values.count, by: width).map { Array(values[$0..<min($0 + width, values.count)]) }
    }
}

/// Normalised mean squared error of `actual` against `expected`: Σ(a−e)² / Σe².
func normalizedMeanSquaredError(_ actual: [Float], _ expected: [Float]) -> Double {
    var error = 0.0, power = 0.0
    for (a, e) in zip(actual, expected) {
        error += Double(a - e) * Double(a - e)
        power += Double(e) * Double(e)
    }
    return error / max(power, .leastNormalMagnitude)
}
