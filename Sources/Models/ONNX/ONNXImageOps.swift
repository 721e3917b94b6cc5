import ModelFormats
import TensorMath

extension ONNXOperators {
    /// Conv over NCHW with optional bias; `auto_pad` other than NOTSET is refused.
    static func conv(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0), w = try required(node, args, 1)
        let bias = args.count > 2 ? args[2] : nil
        try requireFloat(node, x)
        return try convolve(convShape(node, input: x.shape, w, bias: bias), x, w, bias: bias, node: node)
    }

    /// The geometry of a Conv node over an input of shape `input`, checked.
    static func convShape(_ node: ONNXNode, input: [Int], _ w: ONNXTensor, bias: ONNXTensor?) throws -> Conv2DShape {
        try requireFloat(node, w)
        guard input.count == 4, w.shape.count == 4 else { throw node.error("only 2-D convolution is supported (input \(input), weights \(w.shape))") }
        let autoPad = node.string("auto_pad", default: "NOTSET")
        guard autoPad == "NOTSET" else { throw node.error("auto_pad \(autoPad) is not supported") }
        var s = Conv2DShape(batch: input[0], inChannels: input[1], height: input[2], width: input[3],
                            outChannels: w.shape[0], kernelHeight: w.shape[2], kernelWidth: w.shape[3])
        if let k = node.ints("kernel_shape"), k != [w.shape[2], w.shape[3]] { throw node.error("kernel_shape \(k) disagrees with weights \(w.shape)") }
        let strides = node.ints("strides") ?? [1, 1], dilations = node.ints("dilations") ?? [1, 1], pads = node.ints("pads") ?? [0, 0, 0, 0]
        guard strides.count == 2, dilations.count == 2, pads.count == 4 else { throw node.error("strides, dilations or pads of the wrong length") }
        (s.strideY, s.strideX) = (strides[0], strides[1])
        (s.dilationY, s.dilationX) = (dilations[0], dilations[1])
        (s.padTop, s.padLeft, s.padBottom, s.padRight) = (pads[0], pads[1], pads[2], pads[3])
        s.groups = try node.int("group", default: 1)
        if let problem = s.problem { throw node.error(problem) }
        guard w.shape[1] * s.groups == s.inChannels else { throw node.error("weights \(w.shape) do not fit \(s.inChannels) input channels in \(s.groups) groups") }
        if let bias { guard bias.elementType == .float, bias.count == s.outChannels else { throw node.error("bias must have \(s.outChannels) floats") } }
        return s
    }

    /// Runs a checked convolution (threaded on `pool`).
    static func convolve(_ s: Conv2DShape, _ x: ONNXTensor, _ w: ONNXTensor, bias: ONNXTensor?, node: ONNXNode) throws -> ONNXTensor {
        let outShape = [s.batch, s.outChannels, s.outHeight, s.outWidth]
        let total = try count(node, outShape)
        var out = outputFloats(total)  // the convolution writes every element
        x.floats.withUnsafeBufferPointer { px in
            w.floats.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    guard let ix = px.baseAddress, let iw = pw.baseAddress, let io = po.baseAddress else { return }
                    if let bias {
                        bias.floats.withUnsafeBufferPointer { pb in
                            Conv2D.forward(s, input: ix, weights: iw, bias: pb.baseAddress, output: io, pool: pool, buffers: buffers)
                        }
                    } else {
                        Conv2D.forward(s, input: ix, weights: iw, bias: nil, output: io, pool: pool, buffers: buffers)
                    }
                }
            }
        }
        return ONNXTensor(shape: outShape, floats: out)
    }

    /// Pad of a 4-D float tensor along its last two axes (`reflect` or `constant`).
    static func pad(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        try requireFloat(node, x)
        let pads = try integers(node, required(node, args, 1))
        if args.count > 3, args[3] != nil { throw node.error("the axes input is not supported") }
        let mode = node.string("mode", default: "constant")
        guard pads.count == 2 * x.shape.count, pads.allSatisfy({ $0 >= 0 }) else {
            throw node.error("pads \(pads) do not fit shape \(x.shape) (negative pads are not supported)")
        }
        guard x.shape.count == 4, pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0 else {
            return try padAnyAxes(node, x, pads: pads, mode: mode, args: args)
        }
        let (top, left, bottom, right) = (pads[2], pads[3], pads[6], pads[7])
        let h = x.shape[2], w = x.shape[3], planes = x.shape[0] * x.shape[1]
        let outShape = [x.shape[0], x.shape[1], h + top + bottom, w + left + right]
        var out = outputFloats(try count(node, outShape))  // both modes write every element
        switch mode {
        case "reflect":
            guard top < h, bottom < h, left < w, right < w else { throw node.error("reflect pad \(pads) needs pads smaller than the image \(h)×\(w)") }
            x.floats.withUnsafeBufferPointer { p in out.withUnsafeMutableBufferPointer { o in
                guard let pi = p.baseAddress, let po = o.baseAddress else { return }
                ImagePad.reflect(pi, planes: planes, height: h, width: w, top: top, left: left, bottom: bottom, right: right, output: po)
            } }
        case "constant":
            var value: Float = 0
            if args.count > 2, let v = args[2] { try requireFloat(node, v); if v.count == 1 { value = v.floats[0] } }
            x.floats.withUnsafeBufferPointer { p in out.withUnsafeMutableBufferPointer { o in
                guard let pi = p.baseAddress, let po = o.baseAddress else { return }
                ImagePad.constant(pi, planes: planes, height: h, width: w, top: top, left: left, bottom: bottom, right: right, value: value, output: po)
            } }
        default:
            throw node.error("pad mode \(mode) is not supported")
        }
        return ONNXTensor(shape: outShape, floats: out)
    }

    /// Resize of a 4-D tensor: `nearest` with `asymmetric` coordinates and `floor` rounding only.
    static func resize(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        try requireFloat(node, x)
        let mode = node.string("mode", default: "nearest")
        let coordinates = node.string("coordinate_transformation_mode", default: "half_pixel")
        let rounding = node.string("nearest_mode", default: "round_prefer_floor")
        guard mode == "nearest", coordinates == "asymmetric", rounding == "floor" else {
            throw node.error("only nearest/asymmetric/floor resizing is supported, not \(mode)/\(coordinates)/\(rounding)")
        }
        guard x.shape.count == 4 else { throw node.error("only 4-D tensors are supported") }
        var scales: [Float]
        var outShape: [Int]
        if args.count > 3, let sizes = args[3], sizes.count > 0 {
            outShape = try integers(node, sizes)
            guard outShape.count == 4, outShape.allSatisfy({ $0 > 0 }) else { throw node.error("invalid sizes \(outShape)") }
            scales = zip(outShape, x.shape).map { Float($0) / Float($1) }
        } else if args.count > 2, let s = args[2], s.count > 0 {
            try requireFloat(node, s)
            scales = s.floats
            guard scales.count == 4, scales.allSatisfy({ $0 > 0 && $0.isFinite && $0 <= 1024 }) else { throw node.error("invalid scales \(scales)") }
            outShape = zip(x.shape, scales).map { Int((Float($0) * $1).rounded(.down)) }
        } else {
            throw node.error("neither scales nor sizes given")
        }
        guard outShape[0] == x.shape[0], outShape[1] == x.shape[1] else { throw node.error("resizing batch or channels is not supported") }
        var out = outputFloats(try count(node, outShape))  // every output pixel is written
        x.floats.withUnsafeBufferPointer { p in out.withUnsafeMutableBufferPointer { o in
            guard let pi = p.baseAddress, let po = o.baseAddress else { return }
            ImageResize.nearest(pi, planes: x.shape[0] * x.shape[1], height: x.shape[2], width: x.shape[3],
                                scaleY: scales[2], scaleX: scales[3], outHeight: outShape[2], outWidth: outShape[3], output: po)
        } }
        return ONNXTensor(shape: outShape, floats: out)
    }

    /// Padding on any axes (the arbitrary-style transform pads NHWC height and width), by
    /// mapping every output index back to its source; slower than `ImagePad` but general.
    static func padAnyAxes(_ node: ONNXNode, _ x: ONNXTensor, pads: [Int], mode: String, args: [ONNXTensor?]) throws -> ONNXTensor {
        let rank = x.shape.count
        let outShape = (0..<rank).map { x.shape[$0] + pads[$0] + pads[$0 + rank] }
        let total = try count(node, outShape)
        var value: Float = 0
        if args.count > 2, let v = args[2] { try requireFloat(node, v); if v.count == 1 { value = v.floats[0] } }
        guard mode == "reflect" || mode == "constant" else { throw node.error("pad mode \(mode) is not supported") }
        if mode == "reflect" {
            for d in 0..<rank where pads[d] >= x.shape[d] || pads[d + rank] >= x.shape[d] {
                throw node.error("reflect pad \(pads) needs pads smaller than the shape \(x.shape)")
            }
        }
        // Per axis, the source index of each output index (-1: outside, constant).
        let sources: [[Int]] = (0..<rank).map { d in
            (0..<outShape[d]).map { o in
                let i = o - pads[d]
                if i >= 0 && i < x.shape[d] { return i }
                if mode == "constant" { return -1 }
                return ImagePad.reflectIndex(i, count: x.shape[d])
            }
        }
        let strides = contiguousStrides(x.shape)
        var out = [Float](repeating: value, count: total)
        var index = [Int](repeating: 0, count: rank)
        for flat in 0..<total {
            var source = 0
            var inside = true
            for d in 0..<rank {
                let s = sources[d][index[d]]
                if s < 0 { inside = false; break }
                source += s * strides[d]
            }
            if inside { out[flat] = x.floats[source] }
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < outShape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return ONNXTensor(shape: outShape, floats: out)
    }
}
