import Foundation
import Testing
import TensorMath
@testable import Models

/// The vectorised GELU against libm's erf, on a dense grid (including the clamped tails).
@Test func encoderGELUMatchesLibm() {
    let count = 200_003  // not a multiple of the vector width: the scalar tail runs too
    var values = (0..<count).map { Float(-8 + 16 * Double($0) / Double(count - 1)) }
    let expected = values.map { Double($0) * 0.5 * (1 + Foundation.erf(Double($0) / 2.0.squareRoot())) }
    values.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { BERTKernels.geluErf(base, count: count) } }
    let worst = zip(values, expected).map { abs(Double($0) - $1) }.max() ?? 1
    #expect(worst < 2e-6, "max abs error \(worst)")
}

@Test func encoderAddLayerNormMatchesScalar() {
    let width = 390  // 24 vectors and a tail of 6
    let x = (0..<width).map { Float(sin(Double($0) * 0.37)) * 3 + 0.5 }
    let residual = (0..<width).map { Float(cos(Double($0) * 0.11)) }
    let gamma = (0..<width).map { 1 + Float($0 % 7) * 0.1 }, beta = (0..<width).map { Float($0 % 5) * 0.01 }
    var fused = x, scalar = zip(x, residual).map { $0 + $1 }
    fused.withUnsafeMutableBufferPointer { f in
        guard let base = f.baseAddress else { return }
        BERTKernels.addLayerNorm(base, residual: residual, count: width, gamma: gamma, beta: beta, eps: 1e-12)
    }
    scalar.withUnsafeMutableBufferPointer { s in
        guard let base = s.baseAddress else { return }
        Ops.layerNorm(base, count: width, gamma: gamma, beta: beta, eps: 1e-12)
    }
    let worst = zip(fused, scalar).map { abs($0 - $1) }.max() ?? 1
    #expect(worst < 1e-5)
}

/// The panel-packed small-batch product against a plain double-precision loop over the same
/// half-rounded weights (the packed form stores halves; f32 products and sums), with output counts
/// that are not a multiple of the 16-wide panel and row counts around and below the 6-row block.
@Test func encoderPackedWeightsMatchNaiveProduct() {
    for (rows, outputs, inputs) in [(1, 16, 8), (7, 40, 33), (13, 384, 96), (6, 5, 3), (20, 48, 384), (4, 17, 9)] {
        let weight = (0..<outputs * inputs).map { Float(sin(Double($0) * 0.7)) }
        let x = (0..<rows * inputs).map { Float(cos(Double($0) * 0.3)) }
        let bias = (0..<outputs).map { Float($0) * 0.01 }
        let ldy = outputs + 3
        var y = [Float](repeating: .nan, count: rows * ldy)
        weight.withUnsafeBufferPointer { w in
            guard let wBase = w.baseAddress else { return }
            let packed = EncoderPackedWeights(wBase, outputs: outputs, inputs: inputs)
            // Two calls over disjoint panel ranges, as the threads split them.
            let middle = packed.panelCount / 2
            y.withUnsafeMutableBufferPointer { out in
                guard let yBase = out.baseAddress else { return }
                packed.multiply(x, rows: rows, bias: bias, into: yBase, ldy: ldy, panels: 0..<middle)
                packed.multiply(x, rows: rows, bias: bias, into: yBase, ldy: ldy, panels: middle..<packed.panelCount)
            }
        }
        var worst = 0.0
        for r in 0..<rows {
            for c in 0..<outputs {
                var sum = Double(bias[c])
                for i in 0..<inputs { sum += Double(x[r * inputs + i]) * Double(Float(Float16(weight[c * inputs + i]))) }
                worst = max(worst, abs(Double(y[r * ldy + c]) - sum))
            }
            // Padding columns beyond `outputs` are left untouched.
            #expect(y[r * ldy + outputs].isNaN)
        }
        #expect(worst < 1e-4, "\(rows)×\(outputs)×\(inputs): \(worst)")
    }
}
