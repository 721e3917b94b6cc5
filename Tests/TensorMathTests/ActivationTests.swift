import Foundation
import Testing
import TensorMath

/// The vectorized SiLU and softmax against Double formulas, over the whole useful range and its edges.
@Suite struct ActivationTests {
    @Test func siluMatchesFormula() {
        var x: [Float] = (0..<4001).map { Float($0 - 2000) * 0.05 }  // -100 ... 100
        x += [0, -0.0, 1e-30, -1e-30, 88, -88, 89, -89, 200, -200, .infinity, -.infinity]
        let original = x
        x.withUnsafeMutableBufferPointer { Ops.silu($0.baseAddress!, count: $0.count) }
        for (v, y) in zip(original, x) {
            let expected = Double(v) / (1 + exp(-Double(v)))
            if v == .infinity { #expect(y == .infinity); continue }
            if v == -.infinity { #expect(y == -.infinity); continue }  // the clamped exp keeps the sign
            // Below -87 the clamped exp leaves |error| < 1e-35 (values are ~0 either way).
            #expect(abs(Double(y) - expected) <= 4e-7 * abs(expected) + 1e-35, "silu(\(v)) = \(y), want \(expected)")
        }
    }

    @Test func softmaxMatchesFormula() {
        var rng = SeededRandom(seed: 81)
        for count in [1, 7, 8, 9, 100, 1000] {
            var x = (0..<count).map { _ in rng.gaussian() * 10 }
            let original = x
            x.withUnsafeMutableBufferPointer { Ops.softmax($0.baseAddress!, count: count) }
            let m = Double(original.max() ?? 0)
            let total = original.reduce(0.0) { $0 + exp(Double($1) - m) }
            for (v, y) in zip(original, x) {
                let expected = exp(Double(v) - m) / total
                // Rounding v - max to float shifts exp by up to |v - max|·2^-24 relative.
                let tolerance = 6e-7 + abs(Double(v) - m) * 0x1p-23
                #expect(abs(Double(y) - expected) <= tolerance * expected + 1e-37)
            }
        }
    }
}
