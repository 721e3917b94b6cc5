import Foundation

/// The shape of a BERT encoder, from Hugging Face's `config.json`.
public struct BERTConfiguration: Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maximumPositions: Int
    public var tokenTypeCount: Int
    public var layerNormEpsilon: Float

    public var headDimension: Int { hiddenSize / headCount }

    public init(vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
                maximumPositions: Int, tokenTypeCount: Int, layerNormEpsilon: Float) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maximumPositions = maximumPositions
        self.tokenTypeCount = tokenTypeCount
        self.layerNormEpsilon = layerNormEpsilon
    }

    public init(contentsOf url: URL) throws {
        struct File: Decodable {
            let vocab_size: Int
            let hidden_size: Int
            let num_hidden_layers: Int
            let num_attention_heads: Int
            let intermediate_size: Int
            let max_position_embeddings: Int
            let type_vocab_size: Int?
            let layer_norm_eps: Double?
            let hidden_act: String?
            let position_embedding_type: String?
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)) } catch {
            throw SentenceEncoderError.invalidModel("\(url.lastPathComponent): \(error)")
        }
        guard file.hidden_act == nil || file.hidden_act == "gelu" else {
            throw SentenceEncoderError.invalidModel("hidden_act \(file.hidden_act ?? "") is not supported (only exact gelu)")
        }
        guard file.position_embedding_type == nil || file.position_embedding_type == "absolute" else {
            throw SentenceEncoderError.invalidModel("position_embedding_type \(file.position_embedding_type ?? "") is not supported")
        }
        self.init(vocabularySize: file.vocab_size, hiddenSize: file.hidden_size, layerCount: file.num_hidden_layers,
                  headCount: file.num_attention_heads, intermediateSize: file.intermediate_size,
                  maximumPositions: file.max_position_embeddings, tokenTypeCount: file.type_vocab_size ?? 2,
                  layerNormEpsilon: Float(file.layer_norm_eps ?? 1e-12))
        let sizes = [vocabularySize, hiddenSize, layerCount, headCount, intermediateSize, maximumPositions, tokenTypeCount]
        guard sizes.allSatisfy({ $0 > 0 && $0 <= 1 << 20 }), hiddenSize % headCount == 0 else {
            throw SentenceEncoderError.invalidModel("config.json sizes are out of range: \(sizes)")
        }
    }
}

public enum SentenceEncoderError: Error, CustomStringConvertible {
    case missingModel(String)
    case invalidModel(String)

    public var description: String {
        switch self {
        case .missingModel(let why): return "sentence encoder: model not found: \(why)"
        case .invalidModel(let why): return "sentence encoder: \(why)"
        }
    }
}
