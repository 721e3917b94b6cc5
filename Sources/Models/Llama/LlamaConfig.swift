import ModelFormats
import TensorMath

/// Why a Llama-family model could not be loaded or run. Messages name the key or tensor at fault;
/// callers add the file's path.
public enum LlamaModelError: Error, CustomStringConvertible, Equatable {
    case unsupportedArchitecture(String)
    case missingMetadata(String)
    case invalidMetadata(key: String, problem: String)
    case missingTensor(String)
    case badTensor(name: String, problem: String)
    case tokenOutOfRange(token: Int, vocabularySize: Int)
    case contextFull(limit: Int)
    case contextTooLarge(tokens: Int)

    public var description: String {
        switch self {
        case .unsupportedArchitecture(let name):
            "model architecture '\(name)' is not supported (supported: \(LlamaConfig.Architecture.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .missingMetadata(let key): "GGUF metadata has no key '\(key)'"
        case .invalidMetadata(let key, let problem): "GGUF metadata '\(key)': \(problem)"
        case .missingTensor(let name): "GGUF file has no tensor '\(name)'"
        case .badTensor(let name, let problem): "tensor '\(name)': \(problem)"
        case .tokenOutOfRange(let token, let size): "token id \(token) is outside the vocabulary (size \(size))"
        case .contextFull(let limit): "the context is full (\(limit) tokens)"
        case .contextTooLarge(let tokens): "cannot allocate a KV cache for \(tokens) tokens"
        }
    }
}

/// The hyper-parameters of a Llama-family decoder, read from GGUF metadata (`{arch}.…` keys).
public struct LlamaConfig: Sendable, Equatable {
    public enum Architecture: String, Sendable, CaseIterable {
        /// Llama 1–3, SmolLM2, Mistral (no attention biases; GGUF Q/K rows permuted for interleaved rope).
        case llama
        /// Qwen2 / Qwen2.5 (biases on Q, K and V; NeoX rope).
        case qwen2
    }

    public var architecture: Architecture
    public var layerCount: Int
    /// Width of the residual stream (`embedding_length`).
    public var embeddingLength: Int
    public var feedForwardLength: Int
    public var headCount: Int
    public var kvHeadCount: Int
    public var headDim: Int
    /// Leading elements of each head that rope rotates (`rope.dimension_count`, default headDim).
    public var rotaryDim: Int
    public var rmsEpsilon: Float
    public var ropeTheta: Float
    /// Multiplies positions before rope (1 / factor for linear rope scaling).
    public var ropePositionScale: Float
    /// The context the model was trained for (`context_length`).
    public var contextLength: Int
    public var vocabularySize: Int

    public var queryDim: Int { headCount * headDim }
    public var kvDim: Int { kvHeadCount * headDim }
    public var ropeLayout: Rope.Layout { architecture == .qwen2 ? .neox : .interleaved }
    public var hasAttentionBias: Bool { architecture == .qwen2 }

    public init(architecture: Architecture, layerCount: Int, embeddingLength: Int, feedForwardLength: Int,
                headCount: Int, kvHeadCount: Int, headDim: Int, rotaryDim: Int, rmsEpsilon: Float,
                ropeTheta: Float, ropePositionScale: Float = 1, contextLength: Int, vocabularySize: Int) {
        self.architecture = architecture
        self.layerCount = layerCount
        self.embeddingLength = embeddingLength
        self.feedForwardLength = feedForwardLength
        self.headCount = headCount
        self.kvHeadCount = kvHeadCount
        self.headDim = headDim
        self.rotaryDim = rotaryDim
        self.rmsEpsilon = rmsEpsilon
        self.ropeTheta = ropeTheta
        self.ropePositionScale = ropePositionScale
        self.contextLength = contextLength
        self.vocabularySize = vocabularySize
    }

    /// Reads and checks the hyper-parameters. The vocabulary size comes from `token_embd.weight`'s rows
    /// (`{arch}.vocab_size` is often absent).
    public init(gguf: GGUFFile) throws {
        let name = gguf.architecture
        guard let architecture = Architecture(rawValue: name) else {
            throw LlamaModelError.unsupportedArchitecture(name.isEmpty ? "(none given)" : name)
        }
        let prefix = name + "."
        func positiveInt(_ key: String, default fallback: Int? = nil, limit: Int = 1 << 24) throws -> Int {
            guard let value = gguf.int(prefix + key) ?? fallback else { throw LlamaModelError.missingMetadata(prefix + key) }
            guard value > 0, value <= limit else {
                throw LlamaModelError.invalidMetadata(key: prefix + key, problem: "\(value) is out of range 1...\(limit)")
            }
            return value
        }
        func positiveFloat(_ key: String, default fallback: Float?) throws -> Float {
            guard let value = gguf.float(prefix + key) ?? fallback else { throw LlamaModelError.missingMetadata(prefix + key) }
            guard value.isFinite, value > 0 else {
                throw LlamaModelError.invalidMetadata(key: prefix + key, problem: "\(value) is not a positive number")
            }
            return value
        }

        self.architecture = architecture
        layerCount = try positiveInt("block_count", limit: 1024)
        embeddingLength = try positiveInt("embedding_length")
        feedForwardLength = try positiveInt("feed_forward_length")
        headCount = try positiveInt("attention.head_count", limit: 4096)
        kvHeadCount = try positiveInt("attention.head_count_kv", default: headCount, limit: headCount)
        guard headCount % kvHeadCount == 0 else {
            throw LlamaModelError.invalidMetadata(key: prefix + "attention.head_count_kv",
                                                  problem: "\(kvHeadCount) does not divide head_count \(headCount)")
        }
        guard embeddingLength % headCount == 0 else {
            throw LlamaModelError.invalidMetadata(key: prefix + "attention.head_count",
                                                  problem: "\(headCount) does not divide embedding_length \(embeddingLength)")
        }
        headDim = try positiveInt("attention.key_length", default: embeddingLength / headCount, limit: 1 << 16)
        rotaryDim = try positiveInt("rope.dimension_count", default: headDim, limit: headDim)
        guard rotaryDim % 2 == 0 else {
            throw LlamaModelError.invalidMetadata(key: prefix + "rope.dimension_count", problem: "\(rotaryDim) is odd")
        }
        rmsEpsilon = try positiveFloat("attention.layer_norm_rms_epsilon", default: 1e-5)
        ropeTheta = try positiveFloat("rope.freq_base", default: 10_000)
        contextLength = try positiveInt("context_length", default: 2048, limit: 1 << 24)

        switch gguf.string(prefix + "rope.scaling.type") ?? "none" {
        case "none":
            ropePositionScale = 1
        case "linear":
            ropePositionScale = 1 / (try positiveFloat("rope.scaling.factor", default: 1))
        case let other:
            // YaRN and friends change attention too; computing them wrongly would be worse than refusing.
            throw LlamaModelError.invalidMetadata(key: prefix + "rope.scaling.type", problem: "'\(other)' is not supported")
        }

        guard let embedding = gguf.tensors["token_embd.weight"] else { throw LlamaModelError.missingTensor("token_embd.weight") }
        guard embedding.dimensions.count == 2, embedding.dimensions[0] == embeddingLength, embedding.dimensions[1] > 0 else {
            throw LlamaModelError.badTensor(name: "token_embd.weight",
                                            problem: "shape \(embedding.dimensions) is not [\(embeddingLength), vocabulary]")
        }
        vocabularySize = embedding.dimensions[1]
    }
}
