import Foundation
import Testing
import TensorMath

@Suite struct RopeTests {
    /// Against the formula in Double: pair i of each head turns by position · theta^(-2i/d).
    @Test(arguments: [Rope.Layout.interleaved, .neox])
    func matchesFormula(layout: Rope.Layout) {
        let heads = 3, headDim = 64, position = 37
        let theta: Float = 100_000
        var rng = SeededRandom(seed: 51)
        let x = (0..<(heads * headDim)).map { _ in rng.gaussian() }
        var y = x
        y.withUnsafeMutableBufferPointer {
            Rope.apply($0.baseAddress!, heads: heads, headDim: headDim, position: position, theta: theta, layout: layout)
        }
        for h in 0..<heads {
            for i in 0..<(headDim / 2) {
                let (a, b) = layout == .interleaved ? (h * headDim + 2 * i, h * headDim + 2 * i + 1)
                                                    : (h * headDim + i, h * headDim + i + headDim / 2)
                let angle = Double(position) * pow(Double(theta), -2 * Double(i) / Double(headDim))
                let ea = Double(x[a]) * cos(angle) - Double(x[b]) * sin(angle)
                let eb = Double(x[a]) * sin(angle) + Double(x[b]) * cos(angle)
                #expect(abs(Double(y[a]) - ea) < 1e-5 && abs(Double(y[b]) - eb) < 1e-5)
            }
        }
    }

    @Test func precomputedFrequenciesAndFactors() {
        var rng = SeededRandom(seed: 53)
        let x = (0..<128).map { _ in rng.gaussian() }
        let factors = (0..<32).map { Float(1 + $0 % 3) }
        var a = x, b = x
        factors.withUnsafeBufferPointer { f in
            a.withUnsafeMutableBufferPointer {
                Rope.apply($0.baseAddress!, heads: 2, headDim: 64, position: 9, theta: 500_000, layout: .interleaved,
                           freqFactors: f.baseAddress!)
            }
        }
        let frequencies = Rope.Frequencies(rotaryDim: 64, theta: 500_000, freqFactors: factors)
        b.withUnsafeMutableBufferPointer {
            Rope.apply($0.baseAddress!, heads: 2, headDim: 64, position: 9, layout: .interleaved, frequencies: frequencies)
        }
        #expect(a == b)
        // Pair 1 (factor 2) turns by 9 · 500000^(-2/64) / 2.
        let angle = 9 * pow(500_000.0, -2.0 / 64) / 2
        #expect(abs(Double(b[2]) - (Double(x[2]) * cos(angle) - Double(x[3]) * sin(angle))) < 1e-5)
    }

    @Test func positionZeroIsIdentityAndPartialRotaryLeavesTail() {
        var rng = SeededRandom(seed: 52)
        let x = (0..<128).map { _ in rng.gaussian() }
        var y = x
        y.withUnsafeMutableBufferPointer {
            Rope.apply($0.baseAddress!, heads: 2, headDim: 64, position: 0, theta: 10_000, layout: .neox)
        }
        #expect(y == x)
        y.withUnsafeMutableBufferPointer {
            Rope.apply($0.baseAddress!, heads: 2, headDim: 64, position: 5, theta: 10_000, layout: .neox, rotaryDim: 32)
        }
        #expect(Array(y[32..<64]) == Array(x[32..<64]) && Array(y[96..<128]) == Array(x[96..<128]))
        #expect(Array(y[0..<32]) != Array(x[0..<32]))
    }
}

@Suite struct AttentionTests {
    /// Against a naive Double implementation with grouped-query heads and a padded cache stride.
    @Test func matchesNaiveGroupedQueryAttention() {
        let heads = 9, kvHeads = 3, headDim = 64, positions = 23, kvStride = kvHeads * headDim + 8
        var rng = SeededRandom(seed: 61)
        let q = (0..<(heads * headDim)).map { _ in rng.gaussian() }
        let k = (0..<(positions * kvStride)).map { _ in rng.gaussian() }
        let v = (0..<(positions * kvStride)).map { _ in rng.gaussian() }
        var expected = [Double](repeating: 0, count: heads * headDim)
        let scale = 1 / Double(headDim).squareRoot()
        for h in 0..<heads {
            let g = h / (heads / kvHeads)
            var scores = (0..<positions).map { p in
                (0..<headDim).reduce(0.0) { $0 + Double(q[h * headDim + $1]) * Double(k[p * kvStride + g * headDim + $1]) } * scale
            }
            let m = scores.max() ?? 0
            scores = scores.map { exp($0 - m) }
            let total = scores.reduce(0, +)
            for j in 0..<headDim {
                expected[h * headDim + j] = (0..<positions).reduce(0.0) {
                    $0 + scores[$1] / total * Double(v[$1 * kvStride + g * headDim + j])
                }
            }
        }
        var out = [Float](repeating: .nan, count: heads * headDim)
        var outPooled = out
        var scratch = [Float](repeating: 0, count: heads * positions)
        let pool = ThreadPool(threadCount: 2)
        q.withUnsafeBufferPointer { qp in
            k.withUnsafeBufferPointer { kp in
                v.withUnsafeBufferPointer { vp in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        out.withUnsafeMutableBufferPointer { op in
                            Attention.attend(query: qp.baseAddress!, keys: kp.baseAddress!, values: vp.baseAddress!,
                                             positions: positions, heads: heads, kvHeads: kvHeads, headDim: headDim,
                                             kvStride: kvStride, scratch: sp.baseAddress!, out: op.baseAddress!)
                        }
                        outPooled.withUnsafeMutableBufferPointer { op in
                            Attention.attend(query: qp.baseAddress!, keys: kp.baseAddress!, values: vp.baseAddress!,
                                             positions: positions, heads: heads, kvHeads: kvHeads, headDim: headDim,
                                             kvStride: kvStride, scratch: sp.baseAddress!, out: op.baseAddress!,
                                             pool: pool)
                        }
                    }
                }
            }
        }
        for i in 0..<out.count { #expect(abs(Double(out[i]) - expected[i]) < 1e-5) }
        #expect(out == outPooled)
    }

    /// The block form against the one-position form: causal prefill after cached rows equals attending each
    /// position in turn; the bidirectional form equals attending with every key visible.
    @Test func blockMatchesPerPosition() {
        let heads = 4, kvHeads = 2, headDim = 16, past = 3, count = 5, keyCount = past + count
        let kvStride = kvHeads * headDim, queryStride = heads * headDim
        var rng = SeededRandom(seed: 71)
        let q = (0..<(count * queryStride)).map { _ in rng.gaussian() }
        let k = (0..<(keyCount * kvStride)).map { _ in rng.gaussian() }
        let v = (0..<(keyCount * kvStride)).map { _ in rng.gaussian() }
        for causal in [true, false] {
            var block = [Float](repeating: .nan, count: count * queryStride)
            var single = [Float](repeating: .nan, count: count * queryStride)
            var scratch = [Float](repeating: 0, count: count * keyCount)
            q.withUnsafeBufferPointer { qp in
                k.withUnsafeBufferPointer { kp in
                    v.withUnsafeBufferPointer { vp in
                        scratch.withUnsafeMutableBufferPointer { sp in
                            block.withUnsafeMutableBufferPointer { op in
                                Attention.attendBlock(query: qp.baseAddress!, queryStride: queryStride,
                                                      keys: kp.baseAddress!, values: vp.baseAddress!, kvStride: kvStride,
                                                      count: count, pastCount: past, heads: heads, kvHeads: kvHeads,
                                                      headDim: headDim, causal: causal, scratch: sp.baseAddress!,
                                                      out: op.baseAddress!, outStride: queryStride)
                            }
                            single.withUnsafeMutableBufferPointer { op in
                                for i in 0..<count {
                                    Attention.attend(query: qp.baseAddress! + i * queryStride, keys: kp.baseAddress!,
                                                     values: vp.baseAddress!, positions: causal ? past + i + 1 : keyCount,
                                                     heads: heads, kvHeads: kvHeads, headDim: headDim, kvStride: kvStride,
                                                     scratch: sp.baseAddress!, out: op.baseAddress! + i * queryStride)
                                }
                            }
                        }
                    }
                }
            }
            for i in 0..<block.count { #expect(abs(block[i] - single[i]) < 1e-5, "causal \(causal) [\(i)]") }
        }
    }
}
