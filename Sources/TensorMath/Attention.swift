import CTensorKernels
import Foundation

/// Scaled dot-product attention of one query position against a KV cache, with grouped-query heads.
public enum Attention {
    /// out[h] = Σ_p softmax_p(scale · q_h · k_{p,g}) · v_{p,g} over cached positions p in 0..<positions,
    /// where g = h / (heads / kvHeads) is the KV head shared by query head h.
    ///
    /// Causality comes from `positions`: pass the count of cached positions up to and including the query's.
    /// - Parameters:
    ///   - query: `heads × headDim` floats.
    ///   - keys, values: position p, KV head g starts at `p * kvStride + g * headDim` (so `kvStride` is
    ///     usually `kvHeads * headDim`).
    ///   - scratch: at least `positions` floats.
    ///   - out: `heads × headDim` floats (must not alias `query`).
    ///   - scale: defaults to 1 / √headDim.
    public static func attend(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
                              positions: Int, heads: Int, kvHeads: Int, headDim: Int, kvStride: Int,
                              scratch: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                              scale: Float? = nil) {
        attendHeads(0..<heads, query: query, keys: keys, values: values, positions: positions, heads: heads,
                    kvHeads: kvHeads, headDim: headDim, kvStride: kvStride, scratch: scratch, out: out,
                    scale: scale ?? 1 / Float(headDim).squareRoot())
    }

    /// As `attend`, with heads spread over `pool`; `scratch` must hold `heads × positions` floats.
    public static func attend(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
                              positions: Int, heads: Int, kvHeads: Int, headDim: Int, kvStride: Int,
                              scratch: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                              scale: Float? = nil, pool: ThreadPool) {
        let s = scale ?? 1 / Float(headDim).squareRoot()
        pool.parallelFor(heads) { range in
            attendHeads(range, query: query, keys: keys, values: values, positions: positions, heads: heads,
                        kvHeads: kvHeads, headDim: headDim, kvStride: kvStride,
                        scratch: scratch + range.lowerBound * positions, out: out, scale: s)
        }
    }

    /// Attention for a block of `count` query rows at once (BERT's whole sequence, or a decoder's prefill),
    /// through sgemm per head: out_i[h] = Σ_j softmax_j(scale · q_i[h] · k_j[g]) · v_j[g].
    ///
    /// Keys and values hold `pastCount + count` rows: `pastCount` cached ones, then one per query row.
    /// With `causal`, query row i sees keys 0 ... pastCount + i; otherwise it sees them all (bidirectional).
    /// - Parameters:
    ///   - query: row i, head h at `i * queryStride + h * headDim`.
    ///   - keys, values: row j, KV head g at `j * kvStride + g * headDim`.
    ///   - scratch: at least `count × (pastCount + count)` floats.
    ///   - out: row i, head h at `i * outStride + h * headDim` (must not alias the inputs).
    public static func attendBlock(query: UnsafePointer<Float>, queryStride: Int, keys: UnsafePointer<Float>,
                                   values: UnsafePointer<Float>, kvStride: Int, count: Int, pastCount: Int = 0,
                                   heads: Int, kvHeads: Int, headDim: Int, causal: Bool,
                                   scratch: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                                   outStride: Int, scale: Float? = nil) {
        guard count > 0, kvHeads > 0 else { return }
        let keyCount = pastCount + count
        let s = scale ?? 1 / Float(headDim).squareRoot()
        let group = max(1, heads / kvHeads)
        for h in 0..<heads {
            let g = h / group
            BLAS.matmulTransposedB(query + h * headDim, keys + g * headDim, scratch, m: count, n: keyCount,
                                   k: headDim, alpha: s, lda: queryStride, ldb: kvStride, ldc: keyCount)
            for i in 0..<count {
                let row = scratch + i * keyCount
                let visible = causal ? pastCount + i + 1 : keyCount
                Ops.softmax(row, count: visible)
                if visible < keyCount { (row + visible).update(repeating: 0, count: keyCount - visible) }
            }
            BLAS.matmul(scratch, values + g * headDim, out + h * headDim, m: count, n: headDim, k: keyCount,
                        lda: keyCount, ldb: kvStride, ldc: outStride)
        }
    }

    private static func attendHeads(_ range: Range<Int>, query: UnsafePointer<Float>, keys: UnsafePointer<Float>,
                                    values: UnsafePointer<Float>, positions: Int, heads: Int, kvHeads: Int,
                                    headDim: Int, kvStride: Int, scratch: UnsafeMutablePointer<Float>,
                                    out: UnsafeMutablePointer<Float>, scale: Float) {
        guard positions > 0, kvHeads > 0 else { return }
        let group = max(1, heads / kvHeads)
        let d = Int64(headDim)
        for h in range {
            let g = h / group
            let q = query + h * headDim
            for p in 0..<positions {
                scratch[p] = tk_dot_f32(q, keys + p * kvStride + g * headDim, d) * scale
            }
            Ops.softmax(scratch, count: positions)
            let o = out + h * headDim
            o.update(repeating: 0, count: headDim)
            for p in 0..<positions {
                tk_axpy_f32(scratch[p], values + p * kvStride + g * headDim, o, d)
            }
        }
    }
}
