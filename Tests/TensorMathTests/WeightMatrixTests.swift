import Testing
import TensorMath

/// matVec and matMul against a naive f32 reference: the dequantized matrix times the dequantized activations,
/// accumulated in Double.
@Suite struct WeightMatrixTests {
    static let types: [GGMLType] = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K]

    struct Fixture {
        let type: GGMLType, rows: Int, cols: Int
        let bytes: UnsafeMutableRawPointer
        let dense: [Float]  // dequantized W, rows × cols
        var matrix: WeightMatrix { get throws { try WeightMatrix(type: type, rows: rows, cols: cols, data: bytes) } }

        init(type: GGMLType, rows: Int, cols: Int, seed: UInt64) throws {
            self.type = type
            self.rows = rows
            self.cols = cols
            var rng = SeededRandom(seed: seed)
            let w = rng.weights(rows * cols)
            let rowBytes = try #require(type.byteCount(elements: cols))
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: rowBytes * rows, alignment: 64)
            var dense = [Float](repeating: 0, count: rows * cols)
            w.withUnsafeBufferPointer { src in
                dense.withUnsafeMutableBufferPointer { out in
                    for r in 0..<rows {
                        Quantization.quantize(src.baseAddress! + r * cols, count: cols, to: type,
                                              into: bytes + r * rowBytes)
                        Quantization.dequantize(bytes + r * rowBytes, type: type, count: cols,
                                                into: out.baseAddress! + r * cols)
                    }
                }
            }
            self.dense = dense
            self.bytes = bytes
        }

        /// y_ref[r] = Σ_j Ŵ[r, j] · x̂_j and the tolerance for each row.
        func reference(_ x: [Float]) throws -> (y: [Double], tolerance: [Double]) {
            let activation = Quantization.activationType(for: type)
            let xq = try #require(Quantization.quantize(x, to: activation))
            let xHat = try #require(Quantization.dequantize(xq, type: activation, count: cols))
            var y = [Double](repeating: 0, count: rows), tol = [Double](repeating: 0, count: rows)
            let rowBytes = try #require(type.byteCount(elements: cols))
            for r in 0..<rows {
                var sum = 0.0, magnitude = 0.0
                for j in 0..<cols {
                    let p = Double(dense[r * cols + j]) * Double(xHat[j])
                    sum += p
                    magnitude += abs(p)
                }
                y[r] = sum
                tol[r] = 3e-6 * magnitude  // float accumulation and scale products
                if type == .q4_1 || type == .q5_1 {  // Q8_1 keeps s = d·Σq in half precision
                    for k in 0..<(cols / 32) {
                        let mBits = (bytes + r * rowBytes + k * type.bytesPerBlock + 2).loadUnaligned(as: UInt16.self)
                        tol[r] += Double(abs(float16ToFloat(mBits) * xq.half(at: k * 36 + 2))) * 0x1p-11
                    }
                }
            }
            return (y, tol)
        }
    }

    @Test(arguments: types)
    func matVecMatchesNaiveReference(type: GGMLType) throws {
        let cols = 512, rows = 203  // rows not a multiple of the 16-row grain
        let fixture = try Fixture(type: type, rows: rows, cols: cols, seed: 21)
        defer { fixture.bytes.deallocate() }
        let matrix = try fixture.matrix
        var rng = SeededRandom(seed: 22)
        let x = (0..<cols).map { _ in rng.gaussian() }
        let (reference, tolerance) = try fixture.reference(x)
        for threads in [1, 2, 3] {
            let pool = ThreadPool(threadCount: threads)
            var y = [Float](repeating: .nan, count: rows)
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in matrix.matVec(xp.baseAddress!, into: yp.baseAddress!, pool: pool) }
            }
            for r in 0..<rows {
                #expect(abs(Double(y[r]) - reference[r]) <= tolerance[r], "\(type.name) row \(r) threads \(threads)")
            }
        }
    }

    @Test(arguments: types)
    func matMulMatchesMatVecAndGemm(type: GGMLType) throws {
        let cols = 256, rows = 1100, n = 5  // rows spans several cache tiles for the wide types
        let fixture = try Fixture(type: type, rows: rows, cols: cols, seed: 31)
        defer { fixture.bytes.deallocate() }
        let matrix = try fixture.matrix
        var rng = SeededRandom(seed: 32)
        let x = (0..<(n * cols)).map { _ in rng.gaussian() }
        let pool = ThreadPool(threadCount: 2)
        var batch = [Float](repeating: .nan, count: n * rows)
        var single = [Float](repeating: .nan, count: n * rows)
        var gemm = [Float](repeating: .nan, count: n * rows)
        x.withUnsafeBufferPointer { xp in
            batch.withUnsafeMutableBufferPointer {
                matrix.matMul(xp.baseAddress!, count: n, into: $0.baseAddress!, pool: pool, strategy: .fused)
            }
            gemm.withUnsafeMutableBufferPointer {
                matrix.matMul(xp.baseAddress!, count: n, into: $0.baseAddress!, pool: pool, strategy: .dequantizeAndGemm)
            }
            single.withUnsafeMutableBufferPointer { yp in
                for i in 0..<n { matrix.matVec(xp.baseAddress! + i * cols, into: yp.baseAddress! + i * rows, pool: pool) }
            }
        }
        #expect(batch == single)
        // sgemm works on the unquantized X: compare with Ŵ·x in Double.
        for i in 0..<n {
            for r in 0..<rows {
                var expected = 0.0, magnitude = 0.0
                for j in 0..<cols {
                    let p = Double(fixture.dense[r * cols + j]) * Double(x[i * cols + j])
                    expected += p
                    magnitude += abs(p)
                }
                #expect(abs(Double(gemm[i * rows + r]) - expected) <= 1e-5 * magnitude + 1e-6)
            }
        }
    }

    /// With f32 activations matVec and every matMul strategy compute Ŵ·x (the dequantized matrix times the
    /// unquantized input) to float rounding, and the batch kernel gives exactly the single-row results.
    @Test(arguments: types)
    func f32ActivationsMatchDequantizedProduct(type: GGMLType) throws {
        let cols = 1280, rows = 203, n = 5  // cols crosses the 1024-element chunk of the generic kernel
        let fixture = try Fixture(type: type, rows: rows, cols: cols, seed: 51)
        defer { fixture.bytes.deallocate() }
        let matrix = try fixture.matrix
        var rng = SeededRandom(seed: 52)
        let x = (0..<(n * cols)).map { _ in rng.gaussian() }
        for threads in [1, 2] {
            let pool = ThreadPool(threadCount: threads)
            var single = [Float](repeating: .nan, count: n * rows)
            var fused = [Float](repeating: .nan, count: n * rows)
            var gemm = [Float](repeating: .nan, count: n * rows)
            x.withUnsafeBufferPointer { xp in
                single.withUnsafeMutableBufferPointer { yp in
                    for i in 0..<n {
                        matrix.matVec(xp.baseAddress! + i * cols, into: yp.baseAddress! + i * rows, pool: pool,
                                      activations: .f32)
                    }
                }
                fused.withUnsafeMutableBufferPointer {
                    matrix.matMul(xp.baseAddress!, count: n, into: $0.baseAddress!, pool: pool, strategy: .fused,
                                  activations: .f32)
                }
                gemm.withUnsafeMutableBufferPointer {
                    matrix.matMul(xp.baseAddress!, count: n, into: $0.baseAddress!, pool: pool,
                                  strategy: .dequantizeAndGemm, activations: .f32)
                }
            }
            #expect(fused == single, "\(type.name)")
            for i in 0..<n {
                for r in 0..<rows {
                    var expected = 0.0, magnitude = 0.0
                    for j in 0..<cols {
                        let p = Double(fixture.dense[r * cols + j]) * Double(x[i * cols + j])
                        expected += p
                        magnitude += abs(p)
                    }
                    let tolerance = 1e-6 * magnitude + 1e-6
                    #expect(abs(Double(single[i * rows + r]) - expected) <= tolerance, "\(type.name) row \(r)")
                    #expect(abs(Double(gemm[i * rows + r]) - expected) <= tolerance, "\(type.name) row \(r)")
                }
            }
        }
    }

    /// matVec(quantized:) on pre-quantized activations gives exactly what matVec does.
    @Test func quantizeActivationsReuse() throws {
        let fixture = try Fixture(type: .q4_1, rows: 64, cols: 576, seed: 41)
        defer { fixture.bytes.deallocate() }
        let matrix = try fixture.matrix
        var rng = SeededRandom(seed: 42)
        let x = (0..<576).map { _ in rng.gaussian() }
        let pool = ThreadPool(threadCount: 2)
        var a = [Float](repeating: 0, count: 64), b = [Float](repeating: 0, count: 64)
        let xq = UnsafeMutableRawPointer.allocate(byteCount: matrix.activationRowBytes, alignment: 64)
        defer { xq.deallocate() }
        x.withUnsafeBufferPointer { xp in
            matrix.quantizeActivations(xp.baseAddress!, into: xq)
            a.withUnsafeMutableBufferPointer { matrix.matVec(xp.baseAddress!, into: $0.baseAddress!, pool: pool) }
            b.withUnsafeMutableBufferPointer { matrix.matVec(quantized: xq, into: $0.baseAddress!, pool: pool) }
        }
        #expect(a == b)
    }
}
