import Foundation
import ModelFormats
import TensorMath

/// The token-level tone head (Sources/Tone/Resources/tone-head.safetensors, written by
/// Scripts/train-tone/finetune_top.py together with the encoder's top layers). For each token t of a sentence:
///
///     x_t = [h_t (the encoder's last-layer state, d), mean of its group's token states (d), the group's cues (5)]
///     hidden = relu(x_t · w1 + b1)          w1: [2d + 5, H] f32 row-major, b1: [H]
///     z_t = hidden · w2 + b2                w2: [H, 5],                    b2: [5]
///
/// A sentence's logit per output is the maximum over its tokens, so one offending word scores the
/// same in a short or a long sentence. Standardisation is folded into w1/b1, and b2 is shifted so that
/// z = 0 (p = 0.5) is the per-category threshold chosen on the dev splits. A token is part of the
/// offending words when its toxic logit plus `spanOffset` (the 1-element tensor `span`) is ≥ 0, or its
/// reported category's logit is. Outputs: insult, profanity, hate, threat, toxic.
public struct ToneHead: Sendable {
    public static let outputCount = 5
    public let inputCount: Int
    public let hiddenCount: Int
    /// d: the encoder's hidden size this head reads.
    public let stateCount: Int
    public let spanOffset: Float
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
        guard inputCount > ToneCues.count, (inputCount - ToneCues.count) % 2 == 0 else {
            throw ToneError.invalidHead("\(path): w1 has \(inputCount) rows, expected 2 × state size + \(ToneCues.count)")
        }
        stateCount = (inputCount - ToneCues.count) / 2
        do {
            w1 = try file.floats("w1", shape: [inputCount, hiddenCount])
            b1 = try file.floats("b1", shape: [hiddenCount])
            w2 = try file.floats("w2", shape: [hiddenCount, Self.outputCount])
            b2 = try file.floats("b2", shape: [Self.outputCount])
            spanOffset = file.tensors["span"] == nil ? 0 : try file.floats("span", shape: [1])[0]
        } catch {
            throw ToneError.invalidHead("\(path): \(error)")
        }
    }

    /// Logits (threshold-shifted) for `tokenCount` tokens whose states are rows of `states`
    /// (`tokenCount × stateCount` floats), `tokenCount × 5` values row after row. Each token reads the
    /// mean state and the cues of its group (`groupOfToken`, e.g. its clause; all 0 for the sentence).
    public func tokenLogits(states: UnsafeBufferPointer<Float>, tokenCount: Int, groupOfToken: [Int],
                            cues: [[Float]]) -> [Float] {
        let projected = project(states: states, rowCount: tokenCount)
        return projected.withUnsafeBufferPointer {
            tokenLogits(states: states, projected: $0, tokenCount: tokenCount, groupOfToken: groupOfToken, cues: cues)
        }
    }

    /// The token part of the hidden layer for `rowCount` rows of states at once:
    /// states[rows×d] · w1[0..<d, :] (one OpenBLAS call; many small calls cost more in thread hand-offs).
    public func project(states: UnsafeBufferPointer<Float>, rowCount: Int) -> [Float] {
        var hidden = [Float](repeating: 0, count: rowCount * hiddenCount)
        guard rowCount > 0, states.count >= rowCount * stateCount else { return hidden }
        w1.withUnsafeBufferPointer { w in
            hidden.withUnsafeMutableBufferPointer { h in
                guard let a = states.baseAddress, let b = w.baseAddress, let c = h.baseAddress else { return }
                BLAS.matmul(a, b, c, m: rowCount, n: hiddenCount, k: stateCount)
            }
        }
        return hidden
    }

    /// As above, with the token part already computed (`project`), `tokenCount × hiddenCount` values.
    public func tokenLogits(states: UnsafeBufferPointer<Float>, projected: UnsafeBufferPointer<Float>, tokenCount: Int,
                            groupOfToken: [Int], cues: [[Float]]) -> [Float] {
        let d = stateCount, hCount = hiddenCount, o = Self.outputCount
        guard tokenCount > 0, states.count >= tokenCount * d, projected.count >= tokenCount * hCount,
              groupOfToken.count == tokenCount,
              let groups = groupOfToken.max().map({ $0 + 1 }), cues.count >= groups,
              cues.allSatisfy({ $0.count == ToneCues.count }) else { return [] }
        // The mean and the cues are the same for every token of a group: their part of the hidden layer once.
        var bases: [[Float]] = []
        for group in 0..<groups {
            var mean = [Float](repeating: 0, count: d)
            var members = 0
            for t in 0..<tokenCount where groupOfToken[t] == group {
                members += 1
                for k in 0..<d { mean[k] += states[t * d + k] }
            }
            let scale = 1 / Float(max(members, 1))
            for k in 0..<d { mean[k] *= scale }
            var base = b1
            w1.withUnsafeBufferPointer { w in
                base.withUnsafeMutableBufferPointer { b in
                    for (i, value) in (mean + cues[group]).enumerated() where value != 0 {
                        let row = (d + i) * hCount
                        for j in 0..<hCount { b[j] += value * w[row + j] }
                    }
                }
            }
            bases.append(base)
        }
        var logits = [Float](repeating: 0, count: tokenCount * o)
        for t in 0..<tokenCount {
            let base = bases[groupOfToken[t]]
            for k in 0..<o { logits[t * o + k] = b2[k] }
            for j in 0..<hCount {
                let value = projected[t * hCount + j] + base[j]
                guard value > 0 else { continue }
                for k in 0..<o { logits[t * o + k] += value * w2[j * o + k] }
            }
        }
        return logits
    }

    /// The five output probabilities of one token, given its full input vector of `inputCount` values.
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
        return logits.map(sigmoid)
    }
}

func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

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
