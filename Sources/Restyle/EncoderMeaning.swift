import Foundation
import Models

/// Meaning kept = cosine of the sentence encoder's embeddings (all-MiniLM-L6-v2 by default), clamped to
/// 0...1. The encoder caches embeddings by text, so a source scored against several candidates is
/// encoded once.
public struct EncoderMeaning: MeaningScorer {
    public let encoder: SentenceEncoder

    public init(encoder: SentenceEncoder) { self.encoder = encoder }

    /// Loads the encoder from its sentence-transformers directory.
    public init(directory: URL) throws { encoder = try SentenceEncoder(directory: directory) }

    public func similarities(source: String, candidates: [String]) async throws -> [Double] {
        let vectors = encoder.embed([source] + candidates)
        guard let reference = vectors.first else { return candidates.map { _ in 0 } }
        return vectors.dropFirst().map { max(0, min(1, Double(SentenceEncoder.cosineSimilarity(reference, $0)))) }
    }
}
