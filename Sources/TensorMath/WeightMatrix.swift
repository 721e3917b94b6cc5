import CTensorKernels

/// Why a `WeightMatrix` could not be made.
public enum WeightMatrixError: Error, Equatable, CustomStringConvertible {
    case unsupportedType(GGMLType)
    case invalidShape(rows: Int, cols: Int)
    case columnsNotWholeBlocks(cols: Int, blockSize: Int)

    public var description: String {
        switch self {
        case .unsupportedType(let type): "tensor type \(type.name) is not supported for matrix products"
        case .invalidShape(let rows, let cols): "invalid matrix shape \(rows) × \(cols)"
        case .columnsNotWholeBlocks(let cols, let blockSize):
            "row length \(cols) is not a multiple of the block size \(blockSize)"
        }
    }
}

/// A row-major matrix of `rows × cols` elements of `type`, borrowing bytes (usually a memory-mapped file).
/// Row r occupies bytes [r * rowBytes, (r+1) * rowBytes). The caller keeps `data` alive.
public struct WeightMatrix: @unchecked Sendable {
    public let type: GGMLType
    public let rows: Int
    public let cols: Int
    public let data: UnsafeRawPointer
    public let rowBytes: Int

    public init(type: GGMLType, rows: Int, cols: Int, data: UnsafeRawPointer) throws {
        guard type.isSupported else { throw WeightMatrixError.unsupportedType(type) }
        guard rows > 0, cols > 0 else { throw WeightMatrixError.invalidShape(rows: rows, cols: cols) }
        guard let rowBytes = type.byteCount(elements: cols) else {
            throw WeightMatrixError.columnsNotWholeBlocks(cols: cols, blockSize: type.blockSize)
        }
        guard !rows.multipliedReportingOverflow(by: rowBytes).overflow else {
            throw WeightMatrixError.invalidShape(rows: rows, cols: cols)
        }
        self.type = type
        self.rows = rows
        self.cols = cols
        self.data = data
        self.rowBytes = rowBytes
    }

    /// Total bytes the matrix occupies.
    public var byteCount: Int { rows * rowBytes }

    /// The format `matVec` quantizes its input to (ggml's vec_dot_type).
    public var activationType: GGMLType { Quantization.activationType(for: type) }

    /// Bytes of one activation row in `activationType`.
    public var activationRowBytes: Int { activationType.byteCount(elements: cols) ?? 0 }

    /// Writes the `cols` floats of `row` to `out`.
    public func dequantizeRow(_ row: Int, into out: UnsafeMutablePointer<Float>) {
        precondition(row >= 0 && row < rows, "row out of range")
        tk_dequantize_row(type.rawValue, data + row * rowBytes, out, Int64(cols))
    }

    /// Quantizes one input vector of `cols` floats to `activationType` (for callers reusing it across matrices
    /// of the same type and width, e.g. the Q, K and V projections).
    public func quantizeActivations(_ x: UnsafePointer<Float>, into out: UnsafeMutableRawPointer) {
        tk_quantize_row(activationType.rawValue, x, out, Int64(cols))
    }

    /// What a product does with its f32 input.
    public enum Activations: Sendable {
        /// Quantized to `activationType` (Q8_0 / Q8_1 / Q8_K, as ggml does) for the fused integer dot kernels.
        /// The rounding makes the product a discontinuous function of its input.
        case quantized
        /// Kept in f32; weight blocks are dequantized in registers. Equal to an f32 product with the dequantized
        /// matrix (numpy's `x @ W.T`) up to float summation order.
        case f32
        /// K-quants only: each input row rounded to 16-bit integers at scale max|x| / 32767 per 256 elements
        /// (Q16_K, blocks.h) for the 16-bit integer kernels (kquant_q16.c). Plain Q8_K moves Qwen2.5-1.5B's logits
        /// by NMSE up to 0.17 from the float64 reference at some positions (as llama.cpp's do); 16 bits stay
        /// within 1e-3 at every one.
        case quantized16
        /// K-quants only: each input row rounded to 8-bit integers with one scale per 16 elements (Q8_K16,
        /// kquant_q8_16.c), or, when one activation exceeds 20× the row's root mean square, to Q16_K as
        /// `.quantized16` does. 8 bits halve the integer work of a decode step; the outlier rows (Qwen2's first
        /// tokens) keep 16 bits, and every position of the reference prompts stays within NMSE 1e-3
        /// (docs/PERFORMANCE.md). The choice depends on the row alone, so a token's result does not depend on
        /// its batch. CPUs without AVX-512 VNNI keep 16 bits for every row (no faster there).
        case quantized8or16
        /// `.quantized8or16` for the K-quants, whose integer kernels are what lets a 1.5B model decode near the
        /// memory-bandwidth bound, and `.f32` for every other format (docs/PERFORMANCE.md, decoder numerics).
        case automatic

        /// What a product with a matrix of `type` does.
        public func resolved(for type: GGMLType) -> Activations {
            switch self {
            case .automatic: WeightMatrix.isKQuant(type) ? .quantized8or16 : .f32
            case .quantized16, .quantized8or16: WeightMatrix.isKQuant(type) ? self : .quantized
            default: self
            }
        }

        /// Whether products run the K-quant integer kernels over rows of `q16RowBytes` (either format).
        public var isKQuantRows: Bool { self == .quantized16 || self == .quantized8or16 }
    }

    /// Bytes of one input row for the K-quant kernels (`.quantized16`, `.quantized8or16`: either format uses
    /// Q16_K's 576 bytes per 256 elements).
    public var q16RowBytes: Int { Self.q16RowBytes(cols: cols) }

    /// Bytes of one Q16_K row of `cols` elements (0 unless a multiple of 256).
    public static func q16RowBytes(cols: Int) -> Int { tk_row_bytes_q16_K(Int64(cols)) }

    /// Quantizes one input vector of `cols` floats for the K-quant kernels: Q16_K for `.quantized16`, Q8_K16 or
    /// Q16_K (by the row's outliers, and the CPU) for `.quantized8or16`.
    public func quantizeKRow(_ x: UnsafePointer<Float>, into out: UnsafeMutableRawPointer, mode: Activations) {
        if mode == .quantized16 {
            tk_quantize_row_q16_K(x, out, Int64(cols))
        } else {
            _ = tk_quantize_row_k_activations(x, out, Int64(cols))
        }
    }

    /// Y[n × ldy] rows `range` = X · Wᵀ for `n` inputs already quantized by `quantizeKRow` (`q16RowBytes`
    /// apart), on the calling thread; each weight block is unpacked once per 8 inputs. For callers that split
    /// rows over a pool.
    public func multiplyRows(_ range: Range<Int>, q16 xq: UnsafeRawPointer, count n: Int,
                             into y: UnsafeMutablePointer<Float>, ldy: Int) {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows out of range")
        tk_matmul_rows_q16_level(type.rawValue, 2, data, rowBytes, Int64(cols), xq, Int64(n), y, Int64(ldy),
                                 Int64(range.lowerBound), Int64(range.upperBound))
    }

    /// Y[n × rows] = X · Wᵀ for `n` inputs already in Q16_K, parallel over rows.
    public func matMul(q16 xq: UnsafeRawPointer, count n: Int, into y: UnsafeMutablePointer<Float>, pool: ThreadPool) {
        if n * byteCount < 64 * 1024 || pool.threadCount == 1 {
            multiplyRows(0..<rows, q16: xq, count: n, into: y, ldy: rows)
            return
        }
        pool.parallelFor(rows, grain: 16) { range in
            multiplyRows(range, q16: xq, count: n, into: y, ldy: rows)
        }
    }

    /// Whether `type` is a K-quant with a multi-row integer kernel (Q4_K, Q5_K, Q6_K; activations in Q8_K).
    public static func isKQuant(_ type: GGMLType) -> Bool { type == .q4_K || type == .q5_K || type == .q6_K }

    /// y[rows] = W · x, parallel over rows. With `.quantized` (the default) x is quantized once and the fused
    /// integer dot kernels run; with `.f32` it is used as is.
    public func matVec(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, pool: ThreadPool,
                       activations: Activations = .quantized) {
        switch activations.resolved(for: type) {
        case .f32:
            matVecF32(x, into: y, pool: pool)
            return
        case let mode where mode.isKQuantRows:
            withUnsafeTemporaryAllocation(byteCount: q16RowBytes, alignment: 64) { buffer in
                guard let xq = buffer.baseAddress else { return }
                quantizeKRow(x, into: xq, mode: mode)
                matMul(q16: UnsafeRawPointer(xq), count: 1, into: y, pool: pool)
            }
            return
        default:
            break
        }
        let bytes = activationRowBytes
        withUnsafeTemporaryAllocation(byteCount: bytes, alignment: 64) { buffer in
            guard let xq = buffer.baseAddress else { return }
            quantizeActivations(x, into: xq)
            matVec(quantized: UnsafeRawPointer(xq), into: y, pool: pool)
        }
    }

    /// y[rows] = W · x for an input already in `activationType` (see `quantizeActivations`).
    public func matVec(quantized xq: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>, pool: ThreadPool) {
        let type = type.rawValue, data = data, rowBytes = rowBytes, cols = Int64(cols)
        // Small matrices are not worth waking workers for.
        if byteCount < 64 * 1024 || pool.threadCount == 1 {
            tk_matvec_rows(type, data, rowBytes, cols, xq, y, 0, Int64(rows))
            return
        }
        pool.parallelFor(rows, grain: 16) { range in
            tk_matvec_rows(type, data, rowBytes, cols, xq, y, Int64(range.lowerBound), Int64(range.upperBound))
        }
    }

    private func matVecF32(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, pool: ThreadPool) {
        let type = type.rawValue, data = data, rowBytes = rowBytes, cols = Int64(cols)
        if byteCount < 64 * 1024 || pool.threadCount == 1 {
            tk_matvec_rows_f32_input(type, data, rowBytes, cols, x, y, 0, Int64(rows))
            return
        }
        pool.parallelFor(rows, grain: 16) { range in
            tk_matvec_rows_f32_input(type, data, rowBytes, cols, x, y, Int64(range.lowerBound), Int64(range.upperBound))
        }
    }

    /// How `matMul` computes a batch.
    public enum MatMulStrategy: Sendable {
        /// Fused below `gemmThreshold` rows of X, dequantize-and-sgemm from there.
        case automatic
        /// Quantize X once, then fused integer dots over cache-sized weight row tiles.
        case fused
        /// Dequantize weight row tiles to f32 (in parallel on the pool) and multiply with OpenBLAS sgemm.
        case dequantizeAndGemm
    }

    /// Batch size from which `.automatic` switches to sgemm: the fused kernels, which dequantize each block
    /// once for up to four rows, win below 32 (sgemm is slowest at 20–28 rows; `tenor bench --decoder` on
    /// SmolLM2, docs/PERFORMANCE.md).
    /// K-quants with quantized activations never do: their multi-row integer kernels beat dequantize-and-sgemm
    /// at every batch size, and give each row the result it gets alone (decode and batched verification agree).
    public static let gemmThreshold = 32

    /// Y[n × rows] = X[n × cols] · Wᵀ for a batch (prefill). Small batches use the fused kernels, each weight
    /// byte read from memory once for the whole batch; larger ones dequantize row tiles and call sgemm.
    /// With `.f32` activations the fused kernels take x in f32 (sgemm always does).
    public func matMul(_ x: UnsafePointer<Float>, count n: Int, into y: UnsafeMutablePointer<Float>,
                       pool: ThreadPool, strategy: MatMulStrategy = .automatic, activations: Activations = .quantized) {
        guard n > 0 else { return }
        let activations = activations.resolved(for: type)
        switch strategy {
        case .automatic where n == 1:
            matVec(x, into: y, pool: pool, activations: activations)
        case _ where activations.isKQuantRows:
            q16MatMul(x, count: n, into: y, pool: pool, mode: activations)
        case .automatic where n < Self.gemmThreshold || (activations == .quantized && Self.isKQuant(type)), .fused:
            if activations == .f32 {
                fusedMatMulF32(x, count: n, into: y, pool: pool)
            } else {
                fusedMatMul(x, count: n, into: y, pool: pool)
            }
        case .automatic, .dequantizeAndGemm:
            gemmMatMul(x, count: n, into: y, pool: pool)
        }
    }

    private func fusedMatMul(_ x: UnsafePointer<Float>, count n: Int, into y: UnsafeMutablePointer<Float>,
                             pool: ThreadPool) {
        let xRowBytes = activationRowBytes
        let xq = UnsafeMutableRawPointer.allocate(byteCount: xRowBytes * n, alignment: 64)
        defer { xq.deallocate() }
        let activation = activationType.rawValue, cols = cols
        pool.parallelFor(n) { range in
            for i in range {
                tk_quantize_row(activation, x + i * cols, xq + i * xRowBytes, Int64(cols))
            }
        }
        let type = type.rawValue, data = data, rowBytes = rowBytes, rows = rows
        let xqConst = UnsafeRawPointer(xq)
        pool.parallelFor(rows, grain: 16) { range in
            tk_matmul_rows(type, data, rowBytes, Int64(cols), xqConst, xRowBytes, Int64(n), y, Int64(rows),
                           Int64(range.lowerBound), Int64(range.upperBound))
        }
    }

    private func q16MatMul(_ x: UnsafePointer<Float>, count n: Int, into y: UnsafeMutablePointer<Float>,
                           pool: ThreadPool, mode: Activations) {
        let xRowBytes = q16RowBytes, cols = cols
        let xq = UnsafeMutableRawPointer.allocate(byteCount: xRowBytes * n, alignment: 64)
        defer { xq.deallocate() }
        pool.parallelFor(n) { range in
            for i in range { quantizeKRow(x + i * cols, into: xq + i * xRowBytes, mode: mode) }
        }
        matMul(q16: UnsafeRawPointer(xq), count: n, into: y, pool: pool)
    }

    private func fusedMatMulF32(_ x: UnsafePointer<Float>, count n: Int, into y: UnsafeMutablePointer<Float>,
                                pool: ThreadPool) {
        let type = type.rawValue, data = data, rowBytes = rowBytes, rows = rows, cols = Int64(cols)
        pool.parallelFor(rows, grain: 16) { range in
            tk_matmul_rows_f32_input(type, data, rowBytes, cols, x, Int64(n), y, Int64(rows),
                                     Int64(range.lowerBound), Int64(range.upperBound))
        }
    }

    private func gemmMatMul(_ x: UnsafePointer<Float>, count n: Int, into y: UnsafeMutablePointer<Float>,
                            pool: ThreadPool) {
        // Row tiles of about 4 MB of f32: big enough for sgemm to be efficient, small enough to stay in cache.
        let tileRows = min(rows, max(64, (4 << 20) / (cols * 4)))
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: tileRows * cols)
        defer { tile.deallocate() }
        let type = type.rawValue, data = data, rowBytes = rowBytes, cols = cols
        var start = 0
        while start < rows {
            let count = min(tileRows, rows - start)
            let first = start
            pool.parallelFor(count, grain: 8) { range in
                for r in range {
                    tk_dequantize_row(type, data + (first + r) * rowBytes, tile + r * cols, Int64(cols))
                }
            }
            BLAS.matmulTransposedB(x, tile, y + start, m: n, n: count, k: cols, ldc: rows)
            start += count
        }
    }
}
