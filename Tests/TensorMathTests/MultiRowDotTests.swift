import Testing
import TensorMath

/// The multi-row K-quant kernels (one weight row against up to eight Q8_K or Q16_K activation rows, what matVec
/// and matMul run) against their definition: the dequantized weights times the dequantized activations, in Double.
/// Integer sums are exact, so only the float rounding of the block scales and the final sums separates them.
@Suite struct MultiRowDotTests {
    static let types: [GGMLType] = [.q4_K, .q5_K, .q6_K]

    @Test(arguments: types)
    func everyLevelMatchesDefinitionAndIgnoresBatchSize(type: GGMLType) throws {
        for (count, seed) in [(256, UInt64(21)), (1536, 22), (8960, 23)] {
            var rng = SeededRandom(seed: seed)
            let wq = try #require(Quantization.quantize(rng.weights(count), to: type))
            let wHat = try #require(Quantization.dequantize(wq, type: type, count: count))
            let rows = 11
            var xs: [UInt8] = []
            var references: [Double] = [], tolerances: [Double] = []
            for r in 0..<rows {
                // One row with outliers (a few activations 50× the rest), as real residual streams have.
                let x = (0..<count).map { i in rng.gaussian() * (r == 3 && i % 97 == 0 ? 50 : 1) }
                let xq = try #require(Quantization.quantize(x, to: .q8_K))
                let xHat = try #require(Quantization.dequantize(xq, type: .q8_K, count: count))
                xs += xq
                references.append(exactDot(wHat, xHat))
                tolerances.append(2e-6 * zip(wHat, xHat).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) })
            }
            expectEveryLevel(wq, type: type, xs, rows: rows, count: count, references: references,
                             tolerances: tolerances, dot: dotRows)
        }
    }

    /// The 16-bit-activation kernels (Q16_K, what `.quantized16` runs) at every level against their definition:
    /// dequantized weights times dequantized activations in Double; a row's bits the same alone and in a batch
    /// of 11 (more than one pass of 8). Q16_K itself: |x − d·q| ≤ d/2 with d = max|x|/32767, up to the float
    /// rounding of x·32767/max|x| (≤ 32767·2⁻²⁴ ≈ 0.002 steps).
    @Test(arguments: types)
    func sixteenBitKernelsMatchDefinitionAtEveryLevel(type: GGMLType) throws {
        for (count, seed) in [(256, UInt64(41)), (1536, 42), (8960, 43)] {
            var rng = SeededRandom(seed: seed)
            let wq = try #require(Quantization.quantize(rng.weights(count), to: type))
            let wHat = try #require(Quantization.dequantize(wq, type: type, count: count))
            let rows = 11
            var xs: [UInt8] = []
            var references: [Double] = [], tolerances: [Double] = []
            for r in 0..<rows {
                // Outliers (a few activations 60× the rest) and, in one row, the largest magnitudes at the clamp.
                let x = (0..<count).map { i in rng.gaussian() * (r == 3 && i % 97 == 0 ? 60 : 1) * (r == 5 ? 1e4 : 1) }
                let xq = try #require(Quantization.quantize16(x))
                let xHat = try #require(Quantization.dequantize16(xq, count: count))
                for block in stride(from: 0, to: count, by: 256) {
                    let amax = x[block..<(block + 256)].map { abs($0) }.max() ?? 0
                    for i in block..<(block + 256) {
                        #expect(abs(Double(x[i]) - Double(xHat[i])) <= Double(amax) / 32767 * 0.5025)
                    }
                }
                xs += xq
                references.append(exactDot(wHat, xHat))
                tolerances.append(2e-6 * zip(wHat, xHat).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) })
            }
            expectEveryLevel(wq, type: type, xs, rows: rows, count: count, references: references,
                             tolerances: tolerances, dot: dotRows16)
        }
    }

    /// Large integer sums stay exact (the int32 lanes' bound in kquant_q16.c): constant rows of weights and
    /// activations, which the quantizers turn into their largest codes, with every sign combination.
    @Test(arguments: types)
    func sixteenBitKernelsDoNotOverflowAtTheExtremes(type: GGMLType) throws {
        let count = 256
        for sign in [Float(1), -1] {
            let wq = try #require(Quantization.quantize([Float](repeating: sign, count: count), to: type))
            let wHat = try #require(Quantization.dequantize(wq, type: type, count: count))
            for xSign in [Float(1), -1] {
                let xq = try #require(Quantization.quantize16([Float](repeating: xSign, count: count)))
                let xHat = try #require(Quantization.dequantize16(xq, count: count))
                let reference = exactDot(wHat, xHat)
                for kernels in Quantization.Kernels.allCases {
                    let out = dotRows16(wq, type: type, xq, stride: xq.count, rows: 1, count: count, kernels: kernels)
                    #expect(abs(Double(out[0]) - reference) <= 1e-5 * abs(reference) + 1e-6,
                            "\(type.name) \(kernels) w \(sign) x \(xSign): \(out[0]) vs \(reference)")
                }
            }
        }
    }

    /// The 8-bit kernels (Q8_K16, what `.quantized8or16` gives a row without outliers on AVX-512 VNNI) at every
    /// level against their definition, in batches that mix both formats: rows 2 and 7 each hold one activation
    /// 300× the rest and are in Q16_K. A row's bits are the same alone and in a batch of 11. Q8_K16 itself:
    /// |x − d·q| ≤ d/2 with d = max|x|/127 over each 16 elements. The quantizer's choice follows the documented
    /// rule: 16 bits for one value above 20× the row's root mean square (at 1536 and 8960 elements rows 2 and 7
    /// only; a single value cannot reach 20× at 256) or on a CPU without AVX-512 VNNI.
    @Test(arguments: types)
    func eightBitKernelsMatchDefinitionAtEveryLevel(type: GGMLType) throws {
        for (count, seed) in [(256, UInt64(51)), (1536, 52), (8960, 53)] {
            var rng = SeededRandom(seed: seed)
            let wq = try #require(Quantization.quantize(rng.weights(count), to: type))
            let wHat = try #require(Quantization.dequantize(wq, type: type, count: count))
            let rows = 11
            var xs: [UInt8] = []
            var references: [Double] = [], tolerances: [Double] = []
            for r in 0..<rows {
                let x = (0..<count).map { i in
                    rng.gaussian() * (r == 3 && i % 97 == 0 ? 10 : 1) * ((r == 2 || r == 7) && i == 100 ? 300 : 1)
                }
                let eightBit = r != 2 && r != 7
                let xq = try #require(eightBit ? Quantization.quantize8or16(x, forceEightBit: true)
                                                : Quantization.quantize16(x))
                let xHat = try #require(Quantization.dequantize16(xq, count: count))
                let amaxRow = Double(x.map { abs($0) }.max() ?? 0)
                let meanSquare = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(count)
                let chosen = try #require(Quantization.quantize8or16(x))
                let ruleSaysEightBit = amaxRow * amaxRow <= 400 * meanSquare && Quantization.kernelLevel == "avx512vnni"
                let expected = ruleSaysEightBit ? Quantization.quantize8or16(x, forceEightBit: true) : Quantization.quantize16(x)
                let chosenAsRuled = chosen == expected
                #expect(chosenAsRuled, "row \(r): format")
                if count >= 1536 && Quantization.kernelLevel == "avx512vnni" {
                    #expect(ruleSaysEightBit == eightBit, "row \(r): the rule")
                }
                for block in stride(from: 0, to: count, by: eightBit ? 16 : 256) {
                    let width = eightBit ? 16 : 256
                    let amax = x[block..<(block + width)].map { abs($0) }.max() ?? 0
                    let step = Double(amax) / (eightBit ? 127 : 32767)
                    for i in block..<(block + width) {
                        #expect(abs(Double(x[i]) - Double(xHat[i])) <= step * 0.5025, "row \(r) element \(i)")
                    }
                }
                xs += xq
                references.append(exactDot(wHat, xHat))
                tolerances.append(2e-6 * zip(wHat, xHat).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) })
            }
            expectEveryLevel(wq, type: type, xs, rows: rows, count: count, references: references,
                             tolerances: tolerances, dot: dotRows16)
        }
    }

    /// `.quantized8or16` (the decoder's default for K-quants) through `matMul` and `matVec`: within the rounding
    /// of the activations (Σ|ŵ|·|x − x̂|) of Ŵ·x, and a token's bits independent of its batch; tokens 1 and 5
    /// carry an outlier (16 bits), the others take 8 bits on AVX-512 VNNI.
    @Test(arguments: types)
    func mixedProductsAreNearlyExactAndBatchIndependent(type: GGMLType) throws {
        let rows = 24, cols = 1536, tokens = 9
        var rng = SeededRandom(seed: 61)
        let wq = try #require(Quantization.quantize(rng.weights(rows * cols), to: type))
        let wHat = try #require(Quantization.dequantize(wq, type: type, count: rows * cols))
        let x = (0..<(tokens * cols)).map { i in
            rng.gaussian() * ((i / cols == 1 || i / cols == 5) && i % cols == 7 ? 500 : 1)
        }
        try wq.withUnsafeBytes { raw in
            let matrix = try WeightMatrix(type: type, rows: rows, cols: cols, data: raw.baseAddress!)
            let pool = ThreadPool(threadCount: 2)
            var batched = [Float](repeating: .nan, count: tokens * rows)
            x.withUnsafeBufferPointer { xp in
                batched.withUnsafeMutableBufferPointer { yp in
                    matrix.matMul(xp.baseAddress!, count: tokens, into: yp.baseAddress!, pool: pool,
                                  activations: .automatic)
                }
            }
            for t in 0..<tokens {
                var single = [Float](repeating: .nan, count: rows)
                x.withUnsafeBufferPointer { xp in
                    single.withUnsafeMutableBufferPointer { yp in
                        matrix.matVec(xp.baseAddress! + t * cols, into: yp.baseAddress!, pool: pool,
                                      activations: .automatic)
                    }
                }
                let xt = Array(x[(t * cols)..<((t + 1) * cols)])
                let xq = try #require(Quantization.quantize8or16(xt))
                let xHat = try #require(Quantization.dequantize16(xq, count: cols))
                for r in 0..<rows {
                    #expect(single[r].bitPattern == batched[t * rows + r].bitPattern, "\(type.name) token \(t) row \(r)")
                    let w = Array(wHat[(r * cols)..<((r + 1) * cols)])
                    let rounding = (0..<cols).reduce(0.0) { $0 + abs(Double(w[$1])) * abs(Double(xt[$1]) - Double(xHat[$1])) }
                    let floats = 2e-6 * zip(w, xt).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) }
                    #expect(abs(Double(single[r]) - exactDot(w, xt)) <= rounding + floats, "\(type.name) token \(t) row \(r)")
                }
            }
        }
    }

    /// `.quantized16` through `matMul` and `matVec` (what the decoder runs): within the 16-bit rounding of Ŵ·x
    /// with x unquantized, and a token's bits independent of its batch (9 tokens: one pass of 8 and one of 1).
    @Test(arguments: types)
    func sixteenBitProductsAreNearlyExact(type: GGMLType) throws {
        let rows = 24, cols = 1536, tokens = 9
        var rng = SeededRandom(seed: 31)
        let wq = try #require(Quantization.quantize(rng.weights(rows * cols), to: type))
        let wHat = try #require(Quantization.dequantize(wq, type: type, count: rows * cols))
        let x = (0..<(tokens * cols)).map { i in rng.gaussian() * (i % 211 == 0 ? 60 : 1) }
        try wq.withUnsafeBytes { raw in
            let matrix = try WeightMatrix(type: type, rows: rows, cols: cols, data: raw.baseAddress!)
            let pool = ThreadPool(threadCount: 2)
            var batched = [Float](repeating: .nan, count: tokens * rows)
            x.withUnsafeBufferPointer { xp in
                batched.withUnsafeMutableBufferPointer { yp in
                    matrix.matMul(xp.baseAddress!, count: tokens, into: yp.baseAddress!, pool: pool,
                                  activations: .quantized16)
                }
            }
            for t in 0..<tokens {
                var single = [Float](repeating: .nan, count: rows)
                x.withUnsafeBufferPointer { xp in
                    single.withUnsafeMutableBufferPointer { yp in
                        matrix.matVec(xp.baseAddress! + t * cols, into: yp.baseAddress!, pool: pool,
                                      activations: .quantized16)
                    }
                }
                let xt = Array(x[(t * cols)..<((t + 1) * cols)])
                let halfStep = (0..<cols).map { i in
                    let block = (i / 256) * 256
                    return Double((block..<(block + 256)).map { abs(xt[$0]) }.max() ?? 0) / 32767 / 2
                }
                for r in 0..<rows {
                    #expect(single[r].bitPattern == batched[t * rows + r].bitPattern, "\(type.name) token \(t) row \(r)")
                    let w = Array(wHat[(r * cols)..<((r + 1) * cols)])
                    let rounding = zip(w, halfStep).reduce(0) { $0 + abs(Double($1.0)) * $1.1 }
                    let floats = 2e-6 * zip(w, xt).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) }
                    #expect(abs(Double(single[r]) - exactDot(w, xt)) <= rounding + floats, "\(type.name) token \(t) row \(r)")
                }
            }
        }
    }

    /// At every kernel level, each of `rows` activation rows (`xs`, equal strides) against `references` within
    /// `tolerances`, and alone with the same float bits as in the batch.
    func expectEveryLevel(_ wq: [UInt8], type: GGMLType, _ xs: [UInt8], rows: Int, count: Int, references: [Double],
                          tolerances: [Double],
                          dot: ([UInt8], GGMLType, [UInt8], Int, Int, Int, Quantization.Kernels) -> [Float]) {
        let stride = xs.count / rows
        for kernels in Quantization.Kernels.allCases {
            let batched = dot(wq, type, xs, stride, rows, count, kernels)
            for r in 0..<rows {
                #expect(abs(Double(batched[r]) - references[r]) <= tolerances[r],
                        "\(type.name) n=\(count) \(kernels) row \(r): \(batched[r]) vs \(references[r])")
                let alone = dot(wq, type, Array(xs[(r * stride)..<((r + 1) * stride)]), stride, 1, count, kernels)
                #expect(alone[0].bitPattern == batched[r].bitPattern, "\(type.name) \(kernels) row \(r)")
            }
        }
    }

    func dotRows16(_ w: [UInt8], type: GGMLType, _ x: [UInt8], stride: Int, rows: Int, count: Int,
                   kernels: Quantization.Kernels) -> [Float] {
        var out = [Float](repeating: .nan, count: rows)
        w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                out.withUnsafeMutableBufferPointer { o in
                    Quantization.dotRows16(wp.baseAddress!, type: type, activations: xp.baseAddress!, stride: stride,
                                           rows: rows, count: count, into: o.baseAddress!, kernels: kernels)
                }
            }
        }
        return out
    }

    func dotRows(_ w: [UInt8], type: GGMLType, _ x: [UInt8], stride: Int, rows: Int, count: Int,
                 kernels: Quantization.Kernels) -> [Float] {
        var out = [Float](repeating: .nan, count: rows)
        w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                out.withUnsafeMutableBufferPointer { o in
                    Quantization.dotRows(wp.baseAddress!, type: type, activations: xp.baseAddress!, stride: stride,
                                         rows: rows, count: count, into: o.baseAddress!, kernels: kernels)
                }
            }
        }
        return out
    }
}
