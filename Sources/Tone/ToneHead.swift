import Foundation
import ModelFormats

/// The tone classifier head (Sources/Tone/Resources/tone-head.safetensors, written by Scripts/train-tone/train.py):
///
///     x = [embedding (384, L2-normalised mean pool), cues (5)]
///     h = relu(x · w1 + b1)          w1: [389, H] f32 row-major, b1: [H]
///     p = sigmoid(h · w2 + b2)       w2: [H, 5],                 b2: [5]
///
/// Standardisation is folded into w1/b1, and b2 is shifted so that p = 0.5 is the per-category
/// threshold chosen on the dev splits. Outputs: insult, profanity, hate, threat, toxic.
public struct ToneHead: Sendable {
    public static let outputCount = 5
    public let inputCount: Int
    public let hiddenCount: Int
    let w1: [Float], b1: [Float], w2: [Float], b2: [Float]

    public init(path: String) throws {
        let file: SafetensorsFile
        do { file = try SafetensorsFile(path: path) } catch { throw ToneError.invalidHead("\(path): \(error)") }
        guard let w1Info = file.tensors["w1"], w1Info.shape.count == 2,
              let w2Info = file.tensors["w2"], w2Info.shape.count == 2 else {
            throw ToneError.invalidHead("\(path): w1 and w2 must be matrices")
        }
        inputCount = w1Info.shape[0]
        hiddenCount = w1Info.shape[1]
        guard w2Info.shape == [hiddenCount, Self.outputCount] else {
            throw ToneError.invalidHead("\(path): w2 has shape \(w2Info.shape), expected [\(hiddenCount), \(Self.outputCount)]")
        }
        do {
            w1 = try file.floats("w1", shape: [inputCount, hiddenCount])
            b1 = try file.floats("b1", shape: [hiddenCount])
            w2 = try file.floats("w2", shape: [hiddenCount, Self.outputCount])
            b2 = try file.floats("b2", shape: [Self.outputCount])
        } catch {
            throw ToneError.invalidHead("\(path): \(error)")
        }
    }

    /// The five output probabilities for one input vector of `inputCount` values.
    public func probabilities(_ input: [Float]) -> [Float] {
        precondition(input.count == inputCount, "tone head input has \(input.count) values, expected \(inputCount)")
        var hidden = b1
        input.withUnsafeBufferPointer { x in
            w1.withUnsafeBufferPointer { w in
                hidden.withUnsafeMutableBufferPointer { h in
                    for i in 0..<inputCount where x[i] != 0 {
                        let xi = x[i], row = i * hiddenCount
                        for j in 0..<hiddenCount { h[j] += xi * w[row + j] }
                    }
                }
            }
        }
        var logits = b2
        for j in 0..<hiddenCount where hidden[j] > 0 {
            for k in 0..<Self.outputCount { logits[k] += hidden[j] * w2[j * Self.outputCount + k] }
        }
        return logits.map { 1 / (1 + exp(-$0)) }
    }
}

public enum ToneError: Error, CustomStringConvertible {
    case invalidHead(String)
    case missingModel(String)
    public var description: String {
        switch self {
        case .invalidHead(let detail): "invalid tone head: \(detail)"
        case .missingModel(let detail): "tone model missing: \(detail)"
        }
    }
}
