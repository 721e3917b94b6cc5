import ModelFormats

extension ONNXOperators {
    /// Scale and zero point per element of `x`: one pair for the whole tensor, or one per
    /// index along `axis` (per-channel weights).
    static func quantizationParameters(_ node: ONNXNode, _ args: [ONNXTensor?], shape: [Int])
        throws -> (scales: [Float], zeroPoints: [Int64], axisSize: Int, inner: Int, zeroType: ONNXElementType?) {
        let scale = try required(node, args, 1)
        try requireFloat(node, scale)
        let zero = args.count > 2 ? args[2] : nil
        if let zero { guard zero.elementType.isInteger, zero.count == scale.count else { throw node.error("zero point does not match the scale") } }
        let zeroPoints = zero?.integers ?? [Int64](repeating: 0, count: scale.count)
        if scale.count == 1 { return (scale.floats, zeroPoints, 1, 1, zero?.elementType) }
        let ax = try axis(node, node.int("axis", default: 1), rank: shape.count)
        guard shape[ax] == scale.count else { throw node.error("\(scale.count) scales for axis \(ax) of shape \(shape)") }
        return (scale.floats, zeroPoints, shape[ax], shape[(ax + 1)...].reduce(1, *), zero?.elementType)
    }

    /// y = saturate(round_half_even(x / scale) + zero_point), as int8 or uint8 (the zero point's type).
    static func quantizeLinear(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        try requireFloat(node, x)
        let q = try quantizationParameters(node, args, shape: x.shape)
        let type = q.zeroType ?? .uint8
        let (low, high): (Float, Float) = switch type {
        case .int8: (-128, 127)
        case .uint8: (0, 255)
        default: throw node.error("quantising to \(type) is not supported")
        }
        var out = [Int64](repeating: 0, count: x.count)
        x.floats.withUnsafeBufferPointer { p in
            for i in 0..<p.count {
                let c = (i / q.inner) % q.axisSize
                let v = (p[i] / q.scales[c]).rounded(.toNearestOrEven) + Float(q.zeroPoints[c])
                out[i] = Int64(min(max(v, low), high))
            }
        }
        return ONNXTensor(shape: x.shape, integers: out, type: type)
    }

    /// y = (x - zero_point) · scale.
    static func dequantizeLinear(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        guard x.elementType.isInteger else { throw node.error("expects an integer input, got \(x.elementType)") }
        let q = try quantizationParameters(node, args, shape: x.shape)
        var out = [Float](repeating: 0, count: x.count)
        x.integers.withUnsafeBufferPointer { p in
            if q.scales.count == 1 {
                let s = q.scales[0], z = q.zeroPoints[0]
                for i in 0..<p.count { out[i] = Float(p[i] - z) * s }
            } else {
                for i in 0..<p.count {
                    let c = (i / q.inner) % q.axisSize
                    out[i] = Float(p[i] - q.zeroPoints[c]) * q.scales[c]
                }
            }
        }
        return ONNXTensor(shape: x.shape, floats: out)
    }
}
