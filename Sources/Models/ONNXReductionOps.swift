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
            for o in 0..<outer {
                for m in 0..<middle {
                    let row = o * middle * inner + m * inner
                    for i in 0..<inner { out[o * inner + i] += p[row + i] }
                }
            }
        }
        if inner == 1 {
            // Summing a contiguous run in one Float accumulator loses precision on big planes; redo in Double.
            x.floats.withUnsafeBufferPointer { p in
                for o in 0..<outer {
                    var s = 0.0
                    for m in 0..<middle { s += Double(p[o * middle + m]) }
                    out[o] = Float(s)
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
            for c in 0..<planes {
                var s = 0.0
                for i in 0..<size { s += Double(p[c * size + i]) }
                out[c] = Float(s / Double(max(size, 1)))
            }
        }
        return ONNXTensor(shape: Array(x.shape[..<2]) + [Int](repeating: 1, count: x.shape.count - 2), floats: out)
    }
}
