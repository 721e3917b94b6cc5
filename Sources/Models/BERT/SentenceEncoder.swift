import Foundation
import ModelFormats
import Tokenizers

/// A sentence-transformers model made of a BERT encoder, pooling and (optionally) L2
/// normalisation — all-MiniLM-L6-v2 and its relatives — read from its directory:
///
///     config.json, model.safetensors, tokenizer.json      the Transformer module
///     sentence_bert_config.json                           max_seq_length (truncation)
///     1_Pooling/config.json                               mean or CLS pooling
///     modules.json                                        whether a Normalize module follows
public final class SentenceEncoder: Sendable {
    public enum Pooling: Sendable { case mean, cls }

    public let dimension: Int
    public let tokenizer: WordPieceTokenizer
    public let model: BERTModel
    public let pooling: Pooling
    public let normalizes: Bool
    /// Embeddings already computed, by sentence text.
    public let cache: EmbeddingCache
    /// Upper bound on the tokens packed into one forward pass (bounds the scratch memory:
    /// about 30 KB per token for MiniLM).
    public let maximumTokensPerBatch: Int

    public convenience init(directory: URL) throws {
        try self.init(directory: directory, cacheCapacity: 4096)
    }

    /// `overridingWeights`: a safetensors file whose tensors replace the model's same-named ones
    /// (see `BERTModel.init(weights:overrides:configuration:)`).
    public init(directory: URL, cacheCapacity: Int, maximumTokensPerBatch: Int = 2048, overridingWeights: URL? = nil) throws {
        let fileManager = FileManager.default
        for name in ["config.json", "model.safetensors", "tokenizer.json"] {
            let path = directory.appendingPathComponent(name).path
            guard fileManager.fileExists(atPath: path) else { throw SentenceEncoderError.missingModel(path) }
        }
        let configuration = try BERTConfiguration(contentsOf: directory.appendingPathComponent("config.json"))
        let weights: SafetensorsFile
        do { weights = try SafetensorsFile(path: directory.appendingPathComponent("model.safetensors").path) } catch {
            throw SentenceEncoderError.invalidModel("\(error)")
        }
        let overrides: SafetensorsFile?
        if let overridingWeights {
            do { overrides = try SafetensorsFile(path: overridingWeights.path) } catch {
                throw SentenceEncoderError.invalidModel("override weights: \(error)")
            }
        } else {
            overrides = nil
        }
        do { model = try BERTModel(weights: weights, overrides: overrides, configuration: configuration) } catch let error as SentenceEncoderError {
            throw error
        } catch {
            throw SentenceEncoderError.invalidModel("\(error)")
        }
        var tokenizer: WordPieceTokenizer
        do { tokenizer = try WordPieceTokenizer(contentsOf: directory.appendingPathComponent("tokenizer.json")) } catch {
            throw SentenceEncoderError.invalidModel("\(error)")
        }
        // sentence-transformers truncates at max_seq_length, not at the tokenizer.json's own setting.
        let settings = try Self.readSettings(directory)
        tokenizer.maximumLength = min(settings.maximumSequenceLength ?? tokenizer.maximumLength ?? configuration.maximumPositions,
                                      configuration.maximumPositions)
        self.tokenizer = tokenizer
        pooling = settings.pooling
        normalizes = settings.normalizes
        dimension = configuration.hiddenSize
        cache = EmbeddingCache(capacity: cacheCapacity)
        self.maximumTokensPerBatch = max(maximumTokensPerBatch, configuration.maximumPositions)
    }

    /// One vector per sentence, in input order. Cached sentences are not encoded again.
    public func embed(_ sentences: [String]) -> [[Float]] {
        var results = [[Float]?](repeating: nil, count: sentences.count)
        var missing: [String] = []
        var missingIndex: [String: Int] = [:]
        var owners: [(result: Int, missing: Int)] = []
        for (index, sentence) in sentences.enumerated() {
            if let vector = cache.vector(for: sentence) { results[index] = vector; continue }
            let slot: Int
            if let existing = missingIndex[sentence] { slot = existing } else {
                slot = missing.count
                missing.append(sentence)
                missingIndex[sentence] = slot
            }
            owners.append((index, slot))
        }
        if !missing.isEmpty {
            let vectors = embedUncached(missing)
            for (sentence, vector) in zip(missing, vectors) { cache.insert(vector, for: sentence) }
            for owner in owners { results[owner.result] = vectors[owner.missing] }
        }
        return results.map { $0 ?? [] }
    }

    /// One vector per sentence, in input order, always computed (benchmarks, tests).
    public func embedUncached(_ sentences: [String]) -> [[Float]] {
        let tokenized = sentences.map { tokenizer.encode($0) }
        var vectors = [[Float]](repeating: [], count: sentences.count)
        // Pack consecutive sentences into forward passes of at most maximumTokensPerBatch tokens.
        var batchStart = 0
        while batchStart < tokenized.count {
            var batchEnd = batchStart
            var tokens = 0
            while batchEnd < tokenized.count, batchEnd == batchStart || tokens + tokenized[batchEnd].count <= maximumTokensPerBatch {
                tokens += tokenized[batchEnd].count
                batchEnd += 1
            }
            let batch = Array(tokenized[batchStart..<batchEnd])
            let hidden = model.hiddenStates(packed: batch)
            var row = 0
            for (offset, sequence) in batch.enumerated() {
                vectors[batchStart + offset] = pool(hidden, firstRow: row, rowCount: sequence.count)
                row += sequence.count
            }
            batchStart = batchEnd
        }
        return vectors
    }

    private func pool(_ hidden: [Float], firstRow: Int, rowCount: Int) -> [Float] {
        let h = dimension
        var vector = [Float](repeating: 0, count: h)
        switch pooling {
        case .cls:
            for k in 0..<h { vector[k] = hidden[firstRow * h + k] }
        case .mean:
            for row in firstRow..<firstRow + rowCount {
                for k in 0..<h { vector[k] += hidden[row * h + k] }
            }
            let scale = 1 / Float(max(rowCount, 1))
            for k in 0..<h { vector[k] *= scale }
        }
        if normalizes {
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            // sentence-transformers divides by max(norm, 1e-12).
            let scale = 1 / max(norm, 1e-12)
            for k in 0..<h { vector[k] *= scale }
        }
        return vector
    }

    /// Cosine similarity of two vectors (their dot product when both are normalised).
    public static func cosineSimilarity(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var dot: Float = 0, normA: Float = 0, normB: Float = 0
        for k in 0..<a.count { dot += a[k] * b[k]; normA += a[k] * a[k]; normB += b[k] * b[k] }
        let denominator = (normA * normB).squareRoot()
        return denominator > 0 ? dot / denominator : 0
    }

    private struct Settings {
        var maximumSequenceLength: Int?
        var pooling: Pooling = .mean
        var normalizes = false
    }

    /// The sentence-transformers files around the Transformer module; each is optional.
    private static func readSettings(_ directory: URL) throws -> Settings {
        var settings = Settings()
        struct SentenceBERTConfig: Decodable { let max_seq_length: Int? }
        struct PoolingConfig: Decodable {
            let pooling_mode_cls_token: Bool?
            let pooling_mode_mean_tokens: Bool?
            let pooling_mode_max_tokens: Bool?
            let pooling_mode_mean_sqrt_len_tokens: Bool?
        }
        struct Module: Decodable { let type: String; let path: String? }
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
            let url = directory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { return nil }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw SentenceEncoderError.invalidModel("\(name): \(error)")
            }
        }
        if let config = try decode(SentenceBERTConfig.self, "sentence_bert_config.json"), let length = config.max_seq_length {
            guard length > 0 else { throw SentenceEncoderError.invalidModel("max_seq_length \(length) is not positive") }
            settings.maximumSequenceLength = length
        }
        let modules = try decode([Module].self, "modules.json") ?? []
        settings.normalizes = modules.contains { $0.type.hasSuffix(".Normalize") }
        let poolingPath = modules.first { $0.type.hasSuffix(".Pooling") }?.path ?? "1_Pooling"
        if let config = try decode(PoolingConfig.self, poolingPath + "/config.json") {
            if config.pooling_mode_max_tokens == true || config.pooling_mode_mean_sqrt_len_tokens == true {
                throw SentenceEncoderError.invalidModel("only mean or CLS pooling is supported")
            }
            if config.pooling_mode_cls_token == true && config.pooling_mode_mean_tokens != true { settings.pooling = .cls }
        }
        return settings
    }
}
