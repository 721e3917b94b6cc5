import CTensorKernels

/// A linear layer's weight (`outputs × inputs`, one row per output) repacked in panels of 16
/// outputs and rounded to half floats, for `Y = X·Wᵀ + b` on batches of a few rows.
///
/// Why: OpenBLAS packs the whole weight matrix on every sgemm call. For a batch of ~20 tokens that
/// copy, reading weights that are not in cache, costs more than the arithmetic; here the weights are
/// packed once at load and each product streams them contiguously; half floats halve the bytes a
/// short batch must read (the dense weights of MiniLM then fit a 32 MB L3), at a relative rounding
/// of 2⁻¹¹ per weight (see encoder_gemm.h and the encoder's reference test).
public final class EncoderPackedWeights: @unchecked Sendable {
    // @unchecked: the packed buffer is written once in init and only read afterwards.
    public let outputs: Int
    public let inputs: Int
    /// Number of 16-output panels; `multiply` takes a range of them so callers can split the work.
    public let panelCount: Int
    private let packed: UnsafeMutablePointer<UInt16>

    public init(_ weight: UnsafePointer<Float>, outputs: Int, inputs: Int) {
        precondition(outputs > 0 && inputs > 0, "empty weight matrix")
        self.outputs = outputs
        self.inputs = inputs
        panelCount = (outputs + 15) / 16
        packed = .allocate(capacity: Int(tk_encoder_packed_count(Int64(outputs), Int64(inputs))))
        tk_encoder_pack(weight, Int64(outputs), Int64(inputs), packed)
    }

    deinit { packed.deallocate() }

    /// `y[r][c] = Σ x[r][i]·W[c][i] + bias[c]` for `rows` rows and the outputs of `panels`;
    /// `x` is `rows × inputs`, `y` has row stride `ldy`.
    public func multiply(_ x: UnsafePointer<Float>, rows: Int, bias: UnsafePointer<Float>?,
                         into y: UnsafeMutablePointer<Float>, ldy: Int, panels: Range<Int>) {
        precondition(panels.lowerBound >= 0 && panels.upperBound <= panelCount, "panel range out of bounds")
        tk_encoder_gemm(x, Int64(rows), Int64(inputs), packed, bias, y, Int64(outputs), Int64(ldy),
                        Int64(panels.lowerBound), Int64(panels.upperBound))
    }
}
