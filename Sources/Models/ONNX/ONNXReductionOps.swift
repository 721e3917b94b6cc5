import ModelFormats

extension ONNXOperators {
    /// ReduceMean / ReduceSum over a contiguous run of axes (all these graphs need). Axes come
    /// from the `axes` attribute (ReduceMean before opset 18) or the second input (ReduceSum ≥ 13).
    static func reduce(_ node: ONNXNode, _ args: inout [ONNXTensor?], mean: Bool) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        try requireFloat(node, x)
        let rank = x.shape.count
        var axes = node.ints("axes") ?? []
        if args.count > 1, let t = args[1] { axes = try integers(node, t) }
        let keep = try node.int("keepdims", default: 1) != 0
        if axes.isEmpty {
            if try node.int("noop_with_empty_axes", default: 0) != 0 { return x }
            axes = Array(0..<rank)
        }
        let sorted = try Set(axes.map { try axis(node, $0, rank: rank) }).sorted()
        guard let first = sorted.first, let last = sorted.last, last - first + 1 == sorted.count else {
            throw node.error("reduction over non-adjacent axes \(axes) is not supported")
        }
        let outer = x.shape[..<first].reduce(1, *)
        let middle = x.shape[first...last].reduce(1, *)
        let inner = x.shape[(last + 1)...].reduce(1, *)
        var out = [Float](repeating: 0, count: outer * inner)
        let scale: Float = mean ? 1 / Float(max(middle, 1)) : 1
        x.floats.withUnsafeBufferPointer { p in
            if inner == 1 {
                for o in 0..<outer { out[o] = planeSum(p.baseAddress.map { $0 + o * middle }, count: middle) }
                return
            }
            for o in 0..<outer {
                for m in 0..<middle {
                    let row = o * middle * inner + m * inner
                    for i in 0..<inner { out[o * inner + i] += p[row + i] }
                }
            }
        }
        for i in out.indices { out[i] *= scale }
        var shape: [Int] = []
        for (d, size) in x.shape.enumerated() {
            if d < first || d > last { shape.append(size) } else if keep { shape.append(1) }
        }
        return ONNXTensor(shape: shape, floats: out)
    }

    /// NCHW → NC11 mean over each plane.
    static func globalAveragePool(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        try requireFloat(node, x)
        guard x.shape.count >= 3 else { throw node.error("expects rank ≥ 3, got \(x.shape)") }
        let planes = x.shape[0] * x.shape[1]
        let size = x.shape[2...].reduce(1, *)
        var out = [Float](repeating: 0, count: planes)
        x.floats.withUnsafeBufferPointer { p in
            // In Double: quantised graphs round this mean next, and an inexact sum can land on
            // the other side of a rounding tie (onnxruntime's integer path is exact too).
            for c in 0..<planes {
                var lanes = SIMD4<Double>()
                var i = 0
                while i + 4 <= size {
                    lanes += SIMD4<Double>(Double(p[c * size + i]), Double(p[c * size + i + 1]), Double(p[c * size + i + 2]), Double(p[c * size + i + 3]))
                    i += 4
                }
                var total = lanes.sum()
                while i < size { total += Double(p[c * size + i]); i += 1 }
                out[c] = Float(total / Double(max(size, 1)))
            }
        }
        return ONNXTensor(shape: Array(x.shape[..<2]) + [Int](repeating: 1, count: x.shape.count - 2), floats: out)
    }

    /// Sum of a contiguous run: eight Float lanes over blocks of 4096 values, blocks added in
    /// Double — vectorised, yet without the three digits a single Float running sum loses over
    /// a 512² plane.
    static func planeSum(_ p: UnsafePointer<Float>?, count: Int) -> Float {
        guard let p else { return 0 }
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var lanes = SIMD8<Float>()
            var i = start
            while i + 8 <= end {
                lanes += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                i += 8
            }
            var block = Double(lanes.sum())
            while i < end { block += Double(p[i]); i += 1 }
            total += block
            start = end
        }
        return Float(total)
    }
}
