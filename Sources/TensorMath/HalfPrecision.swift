import CTensorKernels

/// IEEE binary16 bits to Float (exact).
@inlinable public func float16ToFloat(_ h: UInt16) -> Float { tk_f16_to_f32(h) }

/// Float to IEEE binary16 bits, rounding to nearest even (overflow gives ±infinity, NaN stays NaN).
@inlinable public func floatToFloat16(_ f: Float) -> UInt16 { tk_f32_to_f16(f) }

/// bfloat16 bits (the top half of a binary32) to Float (exact).
@inlinable public func bfloat16ToFloat(_ b: UInt16) -> Float { tk_bf16_to_f32(b) }

/// Float to bfloat16 bits, rounding to nearest even as ggml does.
@inlinable public func floatToBFloat16(_ f: Float) -> UInt16 { tk_f32_to_bf16(f) }
