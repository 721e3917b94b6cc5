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
