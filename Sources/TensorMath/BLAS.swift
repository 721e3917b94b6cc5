import COpenBLAS

/// Thin wrappers over OpenBLAS's CBLAS, row-major throughout.
///
/// Weights are stored as ggml and PyTorch store them: one row per output
/// feature (`out × in`), so a linear layer is `Y = X · Wᵀ`.
public enum BLAS {
    /// Number of threads OpenBLAS may use for one call.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// `C[m×n] = alpha · A[m×k] · Bᵀ + beta · C`, where `B` is `n×k` row-major.
    @inlinable
    public static func matmulTransposedB(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda ?? k), b, Int32(ldb ?? k), beta, c, Int32(ldc ?? n))
    }

    /// `C[m×n] = alpha · A[m×k] · B[k×n] + beta · C`, all row-major.
    @inlinable
    public static func matmul(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda ?? k), b, Int32(ldb ?? n), beta, c, Int32(ldc ?? n))
    }

    /// `y[rows] = alpha · W[rows×cols] · x + beta · y`.
    @inlinable
    public static func matVec(
        _ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
        rows: Int, cols: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), alpha,
                    w, Int32(cols), x, 1, beta, y, 1)
    }

    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        cblas_sdot(Int32(count), a, 1, b, 1)
    }
}
