import CTensorKernels
import ModelFormats
import TensorMath

/// The operators of fused nodes (`ONNXFusion`). Each returns nil, before taking any input, when the
/// values it meets are not ones it handles; the graph then runs the node's parts instead.
enum ONNXFusedOperators {
    typealias Operation = @Sendable (ONNXNode, inout [ONNXTensor?]) throws -> [ONNXTensor]?

    static let table: [String: Operation] = [
        "InstanceNormalization": { n, a in try instanceNormalization(n, &a).map { [$0] } },
        "ReflectPadConv": { n, a in try reflectPadConv(n, &a).map { [$0] } },
    ]

    /// A scalar float input's value.
    static func scalar(_ t: ONNXTensor?) -> Float? {
        guard let t, t.elementType == .float, t.count == 1 else { return nil }
        return t.floats[0]
    }

    /// Per-channel values of `t` for an NCHW tensor with `channels` channels: shape [C,1,1] or [1,C,1,1]
    /// (leading ones dropped), or a single value for every channel.
    static func perChannel(_ t: ONNXTensor?, channels: Int) -> [Float]? {
        guard let t, t.elementType == .float else { return nil }
        if t.count == 1 { return [Float](repeating: t.floats[0], count: channels) }
        var shape = t.shape[...]
        while shape.count > 3, shape.first == 1 { shape = shape.dropFirst() }
        guard Array(shape) == [channels, 1, 1] else { return nil }
        return t.floats
    }

    /// Inputs: x, the power (2), ε, the numerator of the division (1), γ, β; `relu` attribute.
    static func instanceNormalization(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor? {
        guard args.count == 6, let x = args[0], x.elementType == .float, x.shape.count == 4,
              scalar(args[1]) == 2, let epsilon = scalar(args[2]), let numerator = scalar(args[3]),
              let axes = node.ints("axes"), Set(axes.map { $0 < 0 ? $0 + 4 : $0 }) == [2, 3],
              (try? node.int("keepdims", default: 1)) == 1
        else { return nil }
        let channels = x.shape[1]
        guard let gamma = perChannel(args[4], channels: channels), let beta = perChannel(args[5], channels: channels) else { return nil }
        let relu: Int32 = (try? node.int("relu", default: 0)) == 1 ? 1 : 0
        var y = try ONNXOperators.take(node, &args, 0)
        let planes = x.shape[0] * channels, size = x.shape[2] * x.shape[3]
        y.floats.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            ONNXOperators.pool.parallelFor(planes) { range in
                for plane in range {
                    let c = plane % channels
                    tk_instance_norm_plane(base + plane * size, base + plane * size, Int64(size), numerator, epsilon,
                                           gamma[c], beta[c], relu)
                }
            }
        }
        return y
    }

    /// Inputs: x, the Pad's pads, then the Conv's weights and optional bias; the Conv's attributes.
    static func reflectPadConv(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor? {
        guard args.count >= 3, let x = args[0], let padsTensor = args[1], let w = args[2],
              x.shape.count == 4, padsTensor.elementType.isInteger, padsTensor.count == 8
        else { return nil }
        let pads = padsTensor.integers.map { Int(clamping: $0) }
        guard pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0,
              pads[2] >= 0, pads[3] >= 0, pads[6] >= 0, pads[7] >= 0,
              pads[2] < x.shape[2], pads[6] < x.shape[2], pads[3] < x.shape[3], pads[7] < x.shape[3],
              (node.ints("pads") ?? [0, 0, 0, 0]).allSatisfy({ $0 == 0 })
        else { return nil }
        let bias = args.count > 3 ? args[3] : nil
        // The geometry of the convolution over the padded input, then the same one over x with the pads folded in.
        guard x.elementType == .float else { return nil }
        let paddedShape = [x.shape[0], x.shape[1], x.shape[2] + pads[2] + pads[6], x.shape[3] + pads[3] + pads[7]]
        var s = try ONNXOperators.convShape(node, input: paddedShape, w, bias: bias)
        guard Conv2D.foldsReflectPad(s) else { return nil }
        (s.height, s.width) = (x.shape[2], x.shape[3])
        (s.padTop, s.padLeft, s.padBottom, s.padRight) = (pads[2], pads[3], pads[6], pads[7])
        s.padReflects = true
        if let problem = s.problem { throw node.error(problem) }
        return try ONNXOperators.convolve(s, x, w, bias: bias, node: node)
    }
}
