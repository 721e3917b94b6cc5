import CTensorKernels

/// Row conversions between f32 and the supported ggml formats (see GGMLType.isSupported, plus the
/// activation formats Q8_1 and Q8_K). Byte layouts are written down in Sources/CTensorKernels/blocks.h.
public enum Quantization {
    public static var kernelLevel: String { String(cString: tk_kernel_level()) }

    /// Which kernels a call uses: the best for this CPU, or a lower level (for tests comparing levels).
    /// `.avx2` means AVX2 without AVX-512 VNNI and falls back to scalar on CPUs without AVX2.
    public enum Kernels: Sendable, CaseIterable { case automatic, scalar, avx2 }

    /// The format ggml quantizes activations to before a dot with weights of `type`
    /// (Q8_0 for Q4_0/Q5_0/Q8_0, Q8_1 for Q4_1/Q5_1, Q8_K for K-quants, F32 for float types).
    public static func activationType(for type: GGMLType) -> GGMLType {
        GGMLType(rawValue: tk_vec_dot_type(type.rawValue)) ?? .f32
    }

    /// Whether this module can convert rows of `type` to and from f32.
    public static func canConvert(_ type: GGMLType) -> Bool {
        type.isSupported || type == .q8_1 || type == .q8_K
    }

    /// Quantizes `count` floats into `out` (type.byteCount(elements: count) bytes). Returns false when the type
    /// is unsupported or `count` is not a whole number of blocks. K-quants use a simple reference quantizer
    /// with guaranteed error bounds, not ggml's slower scale search, so bytes differ from llama-quantize's.
    @discardableResult
    public static func quantize(_ x: UnsafePointer<Float>, count: Int, to type: GGMLType,
                                into out: UnsafeMutableRawPointer, kernels: Kernels = .automatic) -> Bool {
        guard canConvert(type) else { return false }
        switch kernels {
        case .automatic, .avx2: return tk_quantize_row(type.rawValue, x, out, Int64(count)) != 0
        case .scalar: return tk_quantize_row_scalar(type.rawValue, x, out, Int64(count)) != 0
        }
    }

    /// Dequantizes `count` elements of `type` starting at `bytes`.
    @discardableResult
    public static func dequantize(_ bytes: UnsafeRawPointer, type: GGMLType, count: Int,
                                  into out: UnsafeMutablePointer<Float>, kernels: Kernels = .automatic) -> Bool {
        guard canConvert(type) else { return false }
        switch kernels {
        case .automatic, .avx2: return tk_dequantize_row(type.rawValue, bytes, out, Int64(count)) != 0
        case .scalar: return tk_dequantize_row_scalar(type.rawValue, bytes, out, Int64(count)) != 0
        }
    }

    /// Array convenience for `quantize`; nil when unsupported or not a whole number of blocks.
    public static func quantize(_ values: [Float], to type: GGMLType, kernels: Kernels = .automatic) -> [UInt8]? {
        guard canConvert(type), let size = type.byteCount(elements: values.count) else { return nil }
        var out = [UInt8](repeating: 0, count: size)
        let ok = values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBytes { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return values.isEmpty }
                return quantize(s, count: values.count, to: type, into: d, kernels: kernels)
            }
        }
        return ok ? out : nil
    }

    /// Array convenience for `dequantize`; nil when unsupported or `bytes` is not `count` elements.
    public static func dequantize(_ bytes: [UInt8], type: GGMLType, count: Int,
                                  kernels: Kernels = .automatic) -> [Float]? {
        guard canConvert(type), type.byteCount(elements: count) == bytes.count else { return nil }
        var out = [Float](repeating: 0, count: count)
        let ok = bytes.withUnsafeBytes { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return count == 0 }
                return dequantize(s, type: type, count: count, into: d, kernels: kernels)
            }
        }
        return ok ? out : nil
    }

    /// Dot of one weight row of `type` with `count` f32 activations (no activation quantization), each weight
    /// dequantized in registers.
    public static func dotF32(_ weightRow: UnsafeRawPointer, type: GGMLType, activations: UnsafePointer<Float>,
                              count: Int, kernels: Kernels = .automatic) -> Float {
        let level: Int32 = switch kernels {
        case .automatic: 2
        case .scalar: 0
        case .avx2: 1
        }
        return tk_vec_dot_f32_input(type.rawValue, level, Int64(count), weightRow, activations)
    }

    /// Dots of one weight row with `rows` quantized activation rows (`stride` bytes apart) through the multi-row
    /// kernels that `WeightMatrix.matVec` / `matMul` run (AVX-512 VNNI for the K-quants; the single-row dot
    /// per row elsewhere). `out[t]` does not depend on `rows`.
    public static func dotRows(_ weightRow: UnsafeRawPointer, type: GGMLType, activations: UnsafeRawPointer,
                               stride: Int, rows: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                               kernels: Kernels = .automatic) {
        let level: Int32 = switch kernels {
        case .automatic: 2
        case .scalar: 0
        case .avx2: 1
        }
        tk_dot_rows_level(type.rawValue, level, Int64(count), weightRow, activations, stride, Int64(rows), out)
    }

    /// `values` (a multiple of 256) as Q16_K, the 16-bit activation format of the K-quant products (blocks.h).
    public static func quantize16(_ values: [Float]) -> [UInt8]? {
        let bytes = WeightMatrix.q16RowBytes(cols: values.count)
        guard bytes > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: bytes)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBytes { tk_quantize_row_q16_K(x.baseAddress!, $0.baseAddress!, Int64(values.count)) }
        }
        return out
    }

    /// `values` (a multiple of 256) as the decoder quantizes a K-quant product's input (`.quantized8or16`): Q8_K16,
    /// or Q16_K when one value exceeds 20× their root mean square or the CPU lacks AVX-512 VNNI; `forceEightBit`
    /// always takes Q8_K16.
    /// `dequantize16` and `dotRows16` read either.
    public static func quantize8or16(_ values: [Float], forceEightBit: Bool = false) -> [UInt8]? {
        let bytes = WeightMatrix.q16RowBytes(cols: values.count)
        guard bytes > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: bytes)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBytes {
                if forceEightBit {
                    tk_quantize_row_q8_K16(x.baseAddress!, $0.baseAddress!, Int64(values.count))
                } else {
                    _ = tk_quantize_row_k_activations(x.baseAddress!, $0.baseAddress!, Int64(values.count))
                }
            }
        }
        return out
    }

    /// The floats a Q16_K (or Q8_K16) row of `count` elements stands for.
    public static func dequantize16(_ bytes: [UInt8], count: Int) -> [Float]? {
        guard bytes.count == WeightMatrix.q16RowBytes(cols: count), count > 0 else { return nil }
        var out = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { b in
            out.withUnsafeMutableBufferPointer { tk_dequantize_row_q16_K(b.baseAddress!, $0.baseAddress!, Int64(count)) }
        }
        return out
    }

    /// Dots of one K-quant weight row with `rows` Q16_K activation rows (`stride` bytes apart) through the kernels
    /// `WeightMatrix.multiplyRows` runs, at the given level. `out[t]` does not depend on `rows`.
    public static func dotRows16(_ weightRow: UnsafeRawPointer, type: GGMLType, activations: UnsafeRawPointer,
                                 stride: Int, rows: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                                 kernels: Kernels = .automatic) {
        let level: Int32 = switch kernels {
        case .automatic: 2
        case .scalar: 0
        case .avx2: 1
        }
        tk_dot_rows_q16_level(type.rawValue, level, Int64(count), weightRow, activations, stride, Int64(rows), out)
    }

    /// Fused dot of one weight row of `type` with an activation row already quantized to `activationType(for:)`.
    public static func dot(_ weightRow: UnsafeRawPointer, type: GGMLType, activations: UnsafeRawPointer,
                           count: Int, kernels: Kernels = .automatic) -> Float {
        switch kernels {
        case .automatic: tk_vec_dot(type.rawValue, Int64(count), weightRow, activations)
        case .scalar: tk_vec_dot_level(type.rawValue, 0, Int64(count), weightRow, activations)
        case .avx2: tk_vec_dot_level(type.rawValue, 1, Int64(count), weightRow, activations)
        }
    }
}
