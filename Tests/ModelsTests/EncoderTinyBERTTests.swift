import Foundation
import Testing
import ModelFormats
import TensorMath
@testable import Models

/// A tiny random BERT written as safetensors, to test loading paths without the real model.
private struct TinyBERT {
    static let configuration = BERTConfiguration(vocabularySize: 11, hiddenSize: 16, layerCount: 2, headCount: 2,
                                                 intermediateSize: 32, maximumPositions: 8, tokenTypeCount: 2,
                                                 layerNormEpsilon: 1e-12)

    /// name → (shape, values); values are exactly representable in f16, so every dtype holds the same numbers.
    static let tensors: [(String, [Int], [Float])] = {
        let c = configuration, h = c.hiddenSize, i = c.intermediateSize
        var shapes: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [c.vocabularySize, h]),
            ("embeddings.position_embeddings.weight", [c.maximumPositions, h]),
            ("embeddings.token_type_embeddings.weight", [c.tokenTypeCount, h]),
            ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h]),
        ]
        for layer in 0..<c.layerCount {
            let p = "encoder.layer.\(layer)."
            for name in ["query", "key", "value"] {
                shapes += [(p + "attention.self.\(name).weight", [h, h]), (p + "attention.self.\(name).bias", [h])]
            }
            shapes += [(p + "attention.output.dense.weight", [h, h]), (p + "attention.output.dense.bias", [h]),
                       (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
                       (p + "intermediate.dense.weight", [i, h]), (p + "intermediate.dense.bias", [i]),
                       (p + "output.dense.weight", [h, i]), (p + "output.dense.bias", [h]),
                       (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h])]
        }
        var state: UInt32 = 12345
        return shapes.map { name, shape in
            let values = (0..<shape.reduce(1, *)).map { _ -> Float in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Float(Int(state >> 20) - 2048) / 4096  // multiples of 2⁻¹², |v| ≤ 0.5: exact in f16
            }
            return (name, shape, values)
        }
    }()

    /// A safetensors image of all tensors in `dtype` ("F32" or "F16"), names prefixed.
    static func image(dtype: String, prefix: String = "") -> [UInt8] {
        var header: [String] = [], data: [UInt8] = []
        for (name, shape, values) in tensors {
            let begin = data.count
            for value in values {
                if dtype == "F16" {
                    let bits = floatToFloat16(value)
                    data += [UInt8(bits & 0xFF), UInt8(bits >> 8)]
                } else {
                    data += withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
                }
            }
            header.append("\"\(prefix)\(name)\": {\"dtype\": \"\(dtype)\", \"shape\": \(shape), \"data_offsets\": [\(begin), \(data.count)]}")
        }
        var json = Array(("{" + header.joined(separator: ", ") + "}").utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json + data
    }
}

/// f16 weights (converted on load, word embeddings copied) and f32 weights (word embeddings read
/// in place from the mapping) give bit-identical hidden states; a `bert.` prefix is accepted.
@Test func encoderTinyBERTSameForF16AndF32() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-tiny-bert-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(TinyBERT.image(dtype: "F32")).write(to: URL(fileURLWithPath: path))
    let mapped = try BERTModel(weights: SafetensorsFile(path: path), configuration: TinyBERT.configuration)
    let converted = try BERTModel(weights: SafetensorsFile(bytes: TinyBERT.image(dtype: "F16", prefix: "bert.")),
                                  configuration: TinyBERT.configuration)
    let batch: [[Int32]] = [[2, 5, 7, 3], [2, 10, 3], [2, 1, 1, 1, 4, 6, 9, 3]]
    let a = mapped.hiddenStates(packed: batch), b = converted.hiddenStates(packed: batch)
    #expect(a.count == 15 * 16)
    #expect(a == b)
    #expect(a.allSatisfy { $0.isFinite })
    // Each sequence alone gives the same rows as in the packed batch.
    let alone = mapped.hiddenStates(packed: [batch[1]])
    let packedRows = Array(a[(4 * 16)..<(7 * 16)])
    #expect(zip(alone, packedRows).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func encoderTinyBERTRejectsWrongShapes() {
    var wrong = TinyBERT.configuration
    wrong.intermediateSize = 64
    #expect(throws: SafetensorsError.self) {
        try BERTModel(weights: SafetensorsFile(bytes: TinyBERT.image(dtype: "F32")), configuration: wrong)
    }
}
