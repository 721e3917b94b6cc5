import CTensorKernels
import Foundation

/// Element-wise and row-wise operations on f32 rows.
/// Each works in place on `count` contiguous floats unless it says otherwise.
public enum Ops {
    /// LayerNorm over one row: `(x - mean) / sqrt(var + eps) * gamma + beta`.
    @inlinable
    public static func layerNorm(_ x: UnsafeMutablePointer<Float>, count: Int,
                                 gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>?, eps: Float) {
        var mean: Float = 0
        for i in 0..<count { mean += x[i] }
        mean /= Float(count)
        var variance: Float = 0
        for i in 0..<count { let d = x[i] - mean; variance += d * d }
        variance /= Float(count)
        let inv = 1 / (variance + eps).squareRoot()
        if let beta {
            for i in 0..<count { x[i] = (x[i] - mean) * inv * gamma[i] + beta[i] }
        } else {
            for i in 0..<count { x[i] = (x[i] - mean) * inv * gamma[i] }
        }
    }

    /// RMSNorm over one row: `x / sqrt(mean(x²) + eps) * weight`, written to `out` (may alias `x`).
    @inlinable
    public static func rmsNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               into out: UnsafeMutablePointer<Float>, count: Int, eps: Float) {
        var sumSquares: Float = 0
        for i in 0..<count { sumSquares += x[i] * x[i] }
        let inv = 1 / (sumSquares / Float(count) + eps).squareRoot()
        for i in 0..<count { out[i] = x[i] * inv * weight[i] }
    }

    /// Numerically stable softmax in place (vectorized exp in CTensorKernels, relative error ~1e-7).
    public static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        tk_softmax_f32(x, Int64(count))
    }

    /// Exact GELU, `x · Φ(x)` with the error function (BERT's "gelu").
    @inlinable
    public static func geluErf(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { let v = x[i]; x[i] = 0.5 * v * (1 + erff(v * 0.70710678118654752)) }
    }

    /// GELU with the tanh approximation ("gelu_new", "gelu_pytorch_tanh").
    @inlinable
    public static func geluTanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + tanhf(0.7978845608028654 * (v + 0.044715 * v * v * v)))
        }
    }

    /// SiLU (swish) in place: `x · sigmoid(x)` (vectorized exp in CTensorKernels, relative error ~1e-7).
    public static func silu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        tk_silu_f32(x, Int64(count))
    }

    /// `x += y`.
    @inlinable
    public static func add(_ x: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { x[i] += y[i] }
    }

    /// `x *= y`, element-wise.
    @inlinable
    public static func multiply(_ x: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { x[i] *= y[i] }
    }
}
