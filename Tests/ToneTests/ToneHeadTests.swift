import Foundation
import Testing
import Models
import Tokenizers
@testable import Tone

private let tokenizerForTests: WordPieceTokenizer? = try? WordPieceTokenizer(contentsOf: ModelCatalog().directory
    .appendingPathComponent("all-minilm-l6-v2/tokenizer.json"))

/// Writes a safetensors file by hand (8-byte little-endian header length, JSON header, f32 data) so the
/// head's layout and forward pass are checked without any model installed.
private func writeHead(inputs: Int, hidden: Int, outputs: Int = 5, w1: [Float], b1: [Float], w2: [Float], b2: [Float]) throws -> String {
    var data = Data()
    var header: [String] = []
    var offset = 0
    for (name, shape, values) in [("w1", [inputs, hidden], w1), ("b1", [hidden], b1), ("w2", [hidden, outputs], w2), ("b2", [outputs], b2)] {
        let bytes = values.count * 4
        header.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
        offset += bytes
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    }
    let json = Data(("{" + header.joined(separator: ",") + "}").utf8)
    var file = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(json)
    file.append(data)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tone-head-\(UUID().uuidString).safetensors").path
    try file.write(to: URL(fileURLWithPath: path))
    return path
}

@Test func headForwardPassMatchesHandComputation() throws {
    // Token states of size 1, so inputs are [state, mean, 5 cues] = 7; 2 hidden units.
    // h = relu(x·w1 + b1), z = h·w2 + b2.
    let w1: [Float] = [1, -1,
                       0, 2,
                       -1, 0.5,
                       0, 0, 0, 0, 0, 0, 0, 0]
    let b1: [Float] = [0.5, -3]
    let w2: [Float] = [1, 0, -1, 2, 0.5,
                       3, 1, 0, 0, -2]
    let b2: [Float] = [0, 1, 0, -1, 0]
    let path = try writeHead(inputs: 7, hidden: 2, w1: w1, b1: b1, w2: w2, b2: b2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let head = try ToneHead(path: path)
    #expect(head.inputCount == 7 && head.hiddenCount == 2 && head.stateCount == 1)
    let x: [Float] = [1, 2, 3, 0, 0, 0, 0]
    // Hidden: [1·1 + 2·0 + 3·(−1) + 0.5, 1·(−1) + 2·2 + 3·0.5 − 3] = [−1.5 → 0, 1.5].
    let logits: [Float] = [0 + 1.5 * 3, 1 + 1.5 * 1, 0, -1, 1.5 * -2]
    for (got, logit) in zip(head.probabilities(x), logits) {
        #expect(abs(got - 1 / (1 + exp(-logit))) < 1e-6)
    }
    // Two tokens with states 1 and 5 (mean 3): the first token gives the same input as x above
    // except for the mean; check tokenLogits against probabilities().
    let states: [Float] = [1, 5]
    let tokenLogits = states.withUnsafeBufferPointer { head.tokenLogits(states: $0, tokenCount: 2, groupOfToken: [0, 0], cues: [[0, 0, 0, 0, 0]]) }
    #expect(tokenLogits.count == 10)
    for t in 0..<2 {
        let expected = head.probabilities([states[t], 3, 0, 0, 0, 0, 0])
        for k in 0..<5 { #expect(abs(1 / (1 + exp(-tokenLogits[t * 5 + k])) - expected[k]) < 1e-5) }
    }
}

@Test func headWithWrongShapesIsRefused() throws {
    let fourOutputs = try writeHead(inputs: 7, hidden: 2, outputs: 4, w1: [Float](repeating: 1, count: 14), b1: [0, 0],
                                    w2: [Float](repeating: 0, count: 8), b2: [0, 0, 0, 0])
    defer { try? FileManager.default.removeItem(atPath: fourOutputs) }
    #expect(throws: ToneError.self) { try ToneHead(path: fourOutputs) }
    let oddInputs = try writeHead(inputs: 8, hidden: 1, w1: [Float](repeating: 1, count: 8), b1: [0],
                                  w2: [Float](repeating: 0, count: 5), b2: [0, 0, 0, 0, 0])
    defer { try? FileManager.default.removeItem(atPath: oddInputs) }
    #expect(throws: ToneError.self) { try ToneHead(path: oddInputs) }
    #expect(throws: ToneError.self) { try ToneHead(path: "/nonexistent/tone-head.safetensors") }
}

@Test(.enabled(if: tokenizerForTests != nil)) func wordsKeepTheirRangesAndTokens() throws {
    // Ranges are UTF-16 offsets with outer punctuation trimmed; each token knows its word.
    let text = "Well, “idiots” aren’t welcome — ok?"
    var words: [String] = []
    let units = Array(text.utf16)
    let tokens = ToneTokens(text, tokenizer: try #require(tokenizerForTests))
    for range in tokens.words { words.append(String(decoding: units[range], as: UTF16.self)) }
    #expect(words == ["Well", "idiots", "aren’t", "welcome", "", "ok"])
    #expect(tokens.wordOfToken.count == tokens.ids.count - 2)
    #expect(tokens.wordOfToken == tokens.wordOfToken.sorted())
}

@Test func clausesFollowCommasAndConjunctions() {
    // "Honestly," is too short to stand alone and joins the next clause; "and" starts one.
    let starts = ["Honestly,", "whoever", "wrote", "it", "is", "an", "idiot", "and", "should", "never", "touch", "code."]
        .map { ToneTokens.conjunctions.contains($0.lowercased()) }
    let ends = [true] + [Bool](repeating: false, count: 11)
    #expect(ToneTokens.clauses(startsClause: starts, endsClause: ends) == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
}
