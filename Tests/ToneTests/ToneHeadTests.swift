import Foundation
import Testing
@testable import Tone

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
    // 3 inputs, 2 hidden units: h = relu(x·w1 + b1), p = sigmoid(h·w2 + b2).
    let w1: [Float] = [1, -1,
                       0, 2,
                       -1, 0.5]
    let b1: [Float] = [0.5, -3]
    let w2: [Float] = [1, 0, -1, 2, 0.5,
                       3, 1, 0, 0, -2]
    let b2: [Float] = [0, 1, 0, -1, 0]
    let path = try writeHead(inputs: 3, hidden: 2, w1: w1, b1: b1, w2: w2, b2: b2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let head = try ToneHead(path: path)
    #expect(head.inputCount == 3 && head.hiddenCount == 2)
    let x: [Float] = [1, 2, 3]
    // Hidden: [1·1 + 2·0 + 3·(−1) + 0.5, 1·(−1) + 2·2 + 3·0.5 − 3] = [−1.5 → 0, 1.5].
    let logits: [Float] = [0 + 1.5 * 3, 1 + 1.5 * 1, 0, -1, 1.5 * -2]
    for (got, logit) in zip(head.probabilities(x), logits) {
        #expect(abs(got - 1 / (1 + exp(-logit))) < 1e-6)
    }
}

@Test func headWithWrongShapesIsRefused() throws {
    let fourOutputs = try writeHead(inputs: 2, hidden: 2, outputs: 4, w1: [1, 2, 3, 4], b1: [0, 0],
                                    w2: [Float](repeating: 0, count: 8), b2: [0, 0, 0, 0])
    defer { try? FileManager.default.removeItem(atPath: fourOutputs) }
    #expect(throws: ToneError.self) { try ToneHead(path: fourOutputs) }
    #expect(throws: ToneError.self) { try ToneHead(path: "/nonexistent/tone-head.safetensors") }
}
