import Testing
import TensorMath

/// The fused kernels (weights × quantized activations) against dequantize-both-then-dot in Double.
/// Integer block sums are exact, so the only differences are float rounding of scale products and sums, and
/// for Q4_1/Q5_1 the half-precision s = d·Σq of Q8_1 (|m|·|s|·2^-11 per block).
@Suite struct FusedDotTests {
    static let types: [GGMLType] = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K]

    struct Case {
        let weights: [UInt8], activations: [UInt8]
        let wHat: [Float], xHat: [Float], x: [Float]
        let tolerance: Double
    }

    static func makeCase(_ type: GGMLType, count: Int, seed: UInt64) throws -> Case {
        var rng = SeededRandom(seed: seed)
        let w = rng.weights(count)
        let x = (0..<count).map { _ in rng.gaussian() }
        let activation = Quantization.activationType(for: type)
        let wq = try #require(Quantization.quantize(w, to: type))
        let xq = try #require(Quantization.quantize(x, to: activation))
        let wHat = try #require(Quantization.dequantize(wq, type: type, count: count))
        let xHat = try #require(Quantization.dequantize(xq, type: activation, count: count))
        var tolerance = 2e-6 * zip(wHat, xHat).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) }
        if type == .q4_1 || type == .q5_1 {
            for block in 0..<(count / 32) {
                let m = wq.half(at: block * type.bytesPerBlock + 2), s = xq.half(at: block * 36 + 2)
                tolerance += Double(abs(m * s)) * 0x1p-11
            }
        }
        return Case(weights: wq, activations: xq, wHat: wHat, xHat: xHat, x: x, tolerance: tolerance)
    }

    static func fused(_ type: GGMLType, _ c: Case, count: Int, kernels: Quantization.Kernels = .automatic) -> Float {
        c.weights.withUnsafeBytes { w in
            c.activations.withUnsafeBytes { a in
                Quantization.dot(w.baseAddress!, type: type, activations: a.baseAddress!, count: count, kernels: kernels)
            }
        }
    }

    @Test(arguments: types)
    func fusedMatchesDequantizedDot(type: GGMLType) throws {
        // The first size leaves a remainder after the kernels' unrolled loops (4 blocks, or 32 floats).
        let first = type.blockSize == 1 ? 227 : type.blockSize == 32 ? 224 : 256
        for (count, seed) in [(first, UInt64(11)), (1536, 12), (4096, 13)] {
            let c = try Self.makeCase(type, count: count, seed: seed)
            let reference = exactDot(c.wHat, c.xHat)
            for kernels in Quantization.Kernels.allCases {
                let got = Double(Self.fused(type, c, count: count, kernels: kernels))
                #expect(abs(got - reference) <= c.tolerance,
                        "\(type.name) n=\(count) \(kernels): \(got) vs \(reference)")
            }
            // Against the unquantized activations the gap is bounded by the activation quantization error.
            let activationError = zip(c.wHat, zip(c.x, c.xHat)).reduce(0) {
                $0 + abs(Double($1.0)) * abs(Double($1.1.0) - Double($1.1.1))
            }
            let got = Double(Self.fused(type, c, count: count))
            #expect(abs(got - exactDot(c.wHat, c.x)) <= activationError + c.tolerance)
        }
    }

    /// The f32-activation kernels (every level) against Ŵ·x in Double: only float rounding separates them.
    @Test(arguments: types)
    func f32ActivationDotMatchesDequantizedDot(type: GGMLType) throws {
        let first = type.blockSize == 1 ? 227 : type.blockSize == 32 ? 224 : 256
        for (count, seed) in [(first, UInt64(15)), (1536, 16), (4096, 17)] {
            let c = try Self.makeCase(type, count: count, seed: seed)
            let reference = exactDot(c.wHat, c.x)
            let tolerance = 2e-6 * zip(c.wHat, c.x).reduce(0) { $0 + abs(Double($1.0) * Double($1.1)) }
            for kernels in Quantization.Kernels.allCases {
                let got = c.weights.withUnsafeBytes { w in
                    c.x.withUnsafeBufferPointer { x in
                        Quantization.dotF32(w.baseAddress!, type: type, activations: x.baseAddress!, count: count,
                                            kernels: kernels)
                    }
                }
                #expect(abs(Double(got) - reference) <= tolerance, "\(type.name) n=\(count) \(kernels): \(got) vs \(reference)")
            }
        }
    }

    @Test func kernelLevelIsReported() {
        #expect(["avx512vnni", "avx2", "scalar"].contains(Quantization.kernelLevel))
    }

    /// The SIMD activation quantizers write the same bytes as the scalar reference ones.
    @Test(arguments: [GGMLType.q8_0, .q8_1, .q8_K])
    func activationQuantizersAgree(type: GGMLType) throws {
        var rng = SeededRandom(seed: 14)
        var x = (0..<4096).map { _ in rng.gaussian() * (rng.uniform() < 0.05 ? 20 : 1) }
        x.replaceSubrange(0..<256, with: [Float](repeating: 0, count: 256))  // an all-zero block
        x[300] = 0.5  // exact ties round to even in both
        #expect(Quantization.quantize(x, to: type) == Quantization.quantize(x, to: type, kernels: .scalar))
    }
}
