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
    // The same sentence twice in one batch: equal up to rounding. Not bit for bit: this batch has more rows
    // than BERTModel.smallBatchTokens, so its dense layers run on OpenBLAS's sgemm, whose kernels for some
    // cores (Debian's OpenBLAS, core "Zen", AVX2 without AVX-512) round a row differently depending on its
    // place in the kernel's row block: rows 0–3 and 19–22 of one product, with equal inputs, differ in the
    // last bits, also on one thread (checked with cblas_sgemm directly, 7 Dec 2026).
    let twins = zip(batched[0], batched[3]).map { abs($0 - $1) }.max() ?? 1
    #expect(twins < 1e-6, "\(twins)")
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

/// A safetensors file of f32 tensors written by hand (8-byte header length, JSON header, data).
private func writeSafetensors(_ tensors: [(name: String, shape: [Int], value: Float)]) throws -> URL {
    var header: [String] = []
    var data = Data()
    for tensor in tensors {
        let count = tensor.shape.reduce(1, *)
        header.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],"
                      + "\"data_offsets\":[\(data.count),\(data.count + count * 4)]}")
        for _ in 0..<count { withUnsafeBytes(of: tensor.value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    }
    let json = Data(("{" + header.joined(separator: ",") + "}").utf8)
    var file = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(json)
    file.append(data)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("encoder-override-\(UUID().uuidString).safetensors")
    try file.write(to: url)
    return url
}

/// Override weights replace same-named tensors (Tone's fine-tuned top layers); an unknown name or a
/// wrong shape is refused with the tensor's name.
@Test(.enabled(if: miniLMInstalled)) func overrideWeightsReplaceNamedTensors() throws {
    let original = try sharedEncoder.get().embedUncached(["The cat sat on the mat."])[0]
    let zeroBias = try writeSafetensors([("encoder.layer.5.output.LayerNorm.bias", [384], 0)])
    defer { try? FileManager.default.removeItem(at: zeroBias) }
    let replaced = try SentenceEncoder(directory: miniLMDirectory, cacheCapacity: 1, overridingWeights: zeroBias)
        .embedUncached(["The cat sat on the mat."])[0]
    #expect(replaced.count == original.count && replaced != original)

    let unknown = try writeSafetensors([("encoder.layer.6.output.LayerNorm.bias", [384], 0)])
    defer { try? FileManager.default.removeItem(at: unknown) }
    let wrongShape = try writeSafetensors([("encoder.layer.5.output.LayerNorm.bias", [383], 0)])
    defer { try? FileManager.default.removeItem(at: wrongShape) }
    for (url, name) in [(unknown, "encoder.layer.6.output.LayerNorm.bias"), (wrongShape, "encoder.layer.5.output.LayerNorm.bias")] {
        do {
            _ = try SentenceEncoder(directory: miniLMDirectory, cacheCapacity: 1, overridingWeights: url)
            Issue.record("\(name): accepted")
        } catch {
            #expect("\(error)".contains(name), "\(error)")
        }
    }
}
