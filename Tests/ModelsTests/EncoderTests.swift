import Foundation
import Testing
@testable import Models

private let miniLMDirectory: URL = {
    let root = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
        ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/tenor/models").path
    return URL(fileURLWithPath: root).appendingPathComponent("all-minilm-l6-v2")
}()
private let miniLMInstalled = FileManager.default.fileExists(atPath: miniLMDirectory.appendingPathComponent("model.safetensors").path)

/// Loaded once for all tests in this file (about 90 MB of weights).
private let sharedEncoder: Result<SentenceEncoder, Error> = Result { try SentenceEncoder(directory: miniLMDirectory) }

private func referenceVectors() throws -> (sentences: [String], vectors: [[Float]]) {
    let sentencesURL = try #require(Bundle.module.url(forResource: "Fixtures/encoder/minilm_sentences", withExtension: "json"))
    let vectorsURL = try #require(Bundle.module.url(forResource: "Fixtures/encoder/minilm_embeddings", withExtension: "f16"))
    let sentences = try JSONDecoder().decode([String].self, from: Data(contentsOf: sentencesURL))
    let bytes = [UInt8](try Data(contentsOf: vectorsURL))
    let dimension = 384
    try #require(bytes.count == sentences.count * dimension * 2)
    let vectors = (0..<sentences.count).map { sentence in
        (0..<dimension).map { k -> Float in
            let offset = (sentence * dimension + k) * 2
            return Float(Float16(bitPattern: UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8))
        }
    }
    return (sentences, vectors)
}

/// Every reference sentence (numpy float64 BERT, Scripts/reference/encoder_reference.py) in one
/// packed batch: cosine ≥ 0.9999 each.
@Test(.enabled(if: miniLMInstalled)) func encoderMatchesNumpyReference() throws {
    let encoder = try sharedEncoder.get()
    let (sentences, expected) = try referenceVectors()
    #expect(sentences.count >= 200)
    let vectors = encoder.embedUncached(sentences)
    var worst: (cosine: Float, sentence: String) = (1, "")
    for (index, vector) in vectors.enumerated() {
        #expect(vector.count == 384)
        let cosine = SentenceEncoder.cosineSimilarity(vector, expected[index])
        if cosine < worst.cosine { worst = (cosine, sentences[index]) }
    }
    #expect(worst.cosine >= 0.9999, "worst: \(worst.cosine) for \(worst.sentence.debugDescription)")
    // One at a time, short passes take the packed small-batch kernel instead of sgemm.
    for index in 0..<40 {
        let alone = encoder.embedUncached([sentences[index]])[0]
        let cosine = SentenceEncoder.cosineSimilarity(alone, expected[index])
        #expect(cosine >= 0.9999, "\(sentences[index].debugDescription) alone: \(cosine)")
    }
}

/// The model card's example pair.
@Test(.enabled(if: miniLMInstalled)) func encoderKnownSimilarity() throws {
    let encoder = try sharedEncoder.get()
    let vectors = encoder.embed(["A man is eating food.", "A man is eating a piece of bread."])
    let similarity = SentenceEncoder.cosineSimilarity(vectors[0], vectors[1])
    #expect(abs(similarity - 0.7553) <= 0.001, "similarity \(similarity)")
    let norm = vectors[0].reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(abs(norm - 1) < 1e-5)
}

/// Packing sentences of different lengths into one pass must not change any of them, and
/// results come back in input order.
@Test(.enabled(if: miniLMInstalled)) func encoderBatchEqualsOneByOne() throws {
    let encoder = try sharedEncoder.get()
    let sentences = ["Short.", "A somewhat longer sentence about the weather in spring.", "", "Short.",
                     String(repeating: "very long input ", count: 200)]
    let batched = encoder.embedUncached(sentences)
    for (sentence, vector) in zip(sentences, batched) {
        let alone = encoder.embedUncached([sentence])[0]
        let difference = zip(vector, alone).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-5, "\(sentence.prefix(30)): \(difference)")
    }
    #expect(batched[0] == batched[3])
}

@Test(.enabled(if: miniLMInstalled)) func encoderUsesCacheForUnchangedSentences() throws {
    let encoder = try SentenceEncoder(directory: miniLMDirectory, cacheCapacity: 8)
    let first = encoder.embed(["The cat sat.", "The dog ran."])
    let before = encoder.cache.statistics
    let second = encoder.embed(["The dog ran.", "The cat sat on the mat."])
    let after = encoder.cache.statistics
    #expect(second[0] == first[1])
    #expect(after.hits - before.hits == 1)
    #expect(after.misses - before.misses == 1)
    #expect(encoder.dimension == 384)
}

@Test func encoderMissingDirectoryThrows() {
    #expect(throws: SentenceEncoderError.self) {
        try SentenceEncoder(directory: URL(fileURLWithPath: "/nonexistent/tenor-model"))
    }
}
