import ModelFormats
import TensorMath

/// A Llama-family decoder loaded from a GGUF file: hyper-parameters and weights, immutable and shareable.
/// Running it needs a `LlamaContext` (KV cache and scratch), as llama.cpp splits model and context.
public final class LlamaModel: Sendable {
    public let config: LlamaConfig
    public let weights: LlamaWeights

    public init(gguf: GGUFFile) throws {
        config = try LlamaConfig(gguf: gguf)
        weights = try LlamaWeights(gguf: gguf, config: config)
    }

    public convenience init(path: String) throws {
        try self.init(gguf: GGUFFile(path: path))
    }

    /// The GGUF file the weights live in (for the tokenizer and chat template).
    public var gguf: GGUFFile { weights.file }
}
