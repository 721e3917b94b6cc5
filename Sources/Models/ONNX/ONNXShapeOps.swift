import ModelFormats

extension ONNXOperators {
    static func constant(_ node: ONNXNode) throws -> ONNXTensor {
        if let a = node.attributes["value"] { return try ONNXFile.tensor(a.t) }
        if let a = node.attributes["value_float"] { return ONNXTensor(shape: [], floats: [a.f]) }
        if let a = node.attributes["value_floats"] { return ONNXTensor(shape: [a.floats.count], floats: a.floats) }
        if let a = node.attributes["value_int"] { return ONNXTensor(shape: [], integers: [a.i]) }
        if let a = node.attributes["value_ints"] { return ONNXTensor(shape: [a.ints.count], integers: a.ints) }
        throw node.error("no supported value attribute")
    }

    static func constantOfShape(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let shape = try integers(node, required(node, args, 0))
        let n = try count(node, shape)
        guard let a = node.attributes["value"] else { return ONNXTensor(shape: shape, floats: [Float](repeating: 0, count: n)) }
        let value = try ONNXFile.tensor(a.t)
        guard value.count == 1 else { throw node.error("value must have one element") }
        if value.elementType.isInteger {
            return ONNXTensor(shape: shape, integers: [Int64](repeating: value.integers[0], count: n), type: value.elementType)
        }
        return ONNXTensor(shape: shape, floats: [Float](repeating: value.floats[0], count: n))
    }

    static func shape(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        return ONNXTensor(shape: [x.shape.count], integers: x.shape.map { Int64($0) })
    }

    static func cast(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try take(node, &args, 0)
        let to = try node.int("to", default: 0)
        guard let type = ONNXElementType(rawValue: Int32(clamping: to)) else { throw node.error("cast to element type \(to) is not supported") }
        if type == x.elementType { return x }
        if type == .float {
            return ONNXTensor(shape: x.shape, floats: x.integers.map { Float($0) })
        }
        if x.elementType.isInteger { return ONNXTensor(shape: x.shape, integers: x.integers, type: type) }
        return ONNXTensor(shape: x.shape, integers: try x.floats.map {
            guard $0.isFinite, let v = Int64(exactly: $0.rounded(.towardZero)) else { throw node.error("cannot cast \($0) to an integer") }
            return v
        }, type: type)
    }

    static func concat(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let parts = args.compactMap { $0 }
        guard let first = parts.first else { throw node.error("no inputs") }
        let ax = try axis(node, node.int("axis", default: 0), rank: first.shape.count)
        var shape = first.shape
        shape[ax] = 0
        for p in parts {
            guard p.shape.count == first.shape.count, p.elementType == first.elementType,
                  p.shape.enumerated().allSatisfy({ $0.offset == ax || $0.element == first.shape[$0.offset] })
            else { throw node.error("inputs \(parts.map(\.shape)) cannot be concatenated on axis \(ax)") }
            shape[ax] += p.shape[ax]
        }
        let outer = first.shape[..<ax].reduce(1, *)
        var floats: [Float] = [], ints: [Int64] = []
        for o in 0..<outer {
            for p in parts {
                let block = p.shape[ax...].reduce(1, *)
                if first.elementType.isInteger { ints += p.integers[(o * block)..<((o + 1) * block)] }
                else { floats += p.floats[(o * block)..<((o + 1) * block)] }
            }
        }
        return first.elementType.isInteger ? ONNXTensor(shape: shape, integers: ints, type: first.elementType)
            : ONNXTensor(shape: shape, floats: floats)
    }

    static func reshape(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        var x = try take(node, &args, 0)
        var shape = try integers(node, required(node, args, 1))
        let allowZero = try node.int("allowzero", default: 0) != 0
        for (i, d) in shape.enumerated() where d == 0 && !allowZero {
            guard i < x.shape.count else { throw node.error("0 at position \(i) beyond the input rank") }
            shape[i] = x.shape[i]
        }
        let inferred = shape.indices.filter { shape[$0] == -1 }
        guard inferred.count <= 1, shape.allSatisfy({ $0 >= -1 }) else { throw node.error("invalid target shape \(shape)") }
        if let i = inferred.first {
            let known = shape.filter { $0 != -1 }.reduce(1, *)
            guard known > 0, x.count % known == 0 else { throw node.error("cannot reshape \(x.shape) to \(shape)") }
            shape[i] = x.count / known
        }
        guard try count(node, shape) == x.count else { throw node.error("cannot reshape \(x.shape) to \(shape)") }
        x.shape = shape
        return x
    }

    static func unsqueeze(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        var x = try take(node, &args, 0)
        var axes = node.ints("axes") ?? []
        if args.count > 1, let t = args[1] { axes = try integers(node, t) }
        let rank = x.shape.count + axes.count
        var shape = x.shape
        for a in try axes.map({ try axis(node, $0, rank: rank) }).sorted() {
            guard a <= shape.count else { throw node.error("axis \(a) out of range") }
            shape.insert(1, at: a)
        }
        x.shape = shape
        return x
    }

    /// Strided copy: output element i reads input at `offset + Σ index_d · strides_d`.
    static func gatherStrided(_ x: ONNXTensor, outShape: [Int], offset: Int, strides: [Int]) -> ONNXTensor {
        let total = outShape.reduce(1, *)
        var sources = [Int](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: outShape.count)
        var position = offset
        for i in 0..<total {
            sources[i] = position
            var d = outShape.count - 1
            while d >= 0 {
                index[d] += 1
                position += strides[d]
                if index[d] < outShape[d] { break }
                position -= strides[d] * outShape[d]
                index[d] = 0
                d -= 1
            }
        }
        if x.elementType.isInteger {
            return ONNXTensor(shape: outShape, integers: sources.map { x.integers[$0] }, type: x.elementType)
        }
        return ONNXTensor(shape: outShape, floats: sources.map { x.floats[$0] })
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { strides[d] = s; s *= shape[d] }
        return strides
    }

    static func transpose(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        let rank = x.shape.count
        let perm = node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm) == Set(0..<rank) else { throw node.error("invalid perm \(perm) for rank \(rank)") }
        let inStrides = contiguousStrides(x.shape)
        return gatherStrided(x, outShape: perm.map { x.shape[$0] }, offset: 0, strides: perm.map { inStrides[$0] })
    }

    /// Slice (opset ≥ 10): starts, ends, optional axes and steps as inputs; negative steps allowed.
    static func slice(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        let starts = try integers(node, required(node, args, 1))
        let ends = try integers(node, required(node, args, 2))
        let rank = x.shape.count
        let axes = try (args.count > 3 ? args[3] : nil).map { try integers(node, $0) } ?? Array(0..<starts.count)
        let steps = try (args.count > 4 ? args[4] : nil).map { try integers(node, $0) } ?? [Int](repeating: 1, count: starts.count)
        guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count else {
            throw node.error("starts, ends, axes and steps differ in length")
        }
        var outShape = x.shape
        var begin = [Int](repeating: 0, count: rank)
        var step = [Int](repeating: 1, count: rank)
        for k in starts.indices {
            let a = try axis(node, axes[k], rank: rank)
            let dim = x.shape[a], s = steps[k]
            guard s != 0 else { throw node.error("step 0") }
            func clampIndex(_ v: Int, low: Int, high: Int) -> Int {
                let w = v < 0 ? (v < Int.min / 2 ? low : v + dim) : v
                return min(max(w, low), high)
            }
            let b: Int, e: Int
            if s > 0 {
                b = clampIndex(starts[k], low: 0, high: dim); e = clampIndex(ends[k], low: 0, high: dim)
                outShape[a] = e > b ? (e - b + s - 1) / s : 0
            } else {
                b = clampIndex(starts[k], low: -1, high: dim - 1); e = clampIndex(ends[k], low: -1, high: dim - 1)
                outShape[a] = b > e ? (b - e - s - 1) / -s : 0
            }
            begin[a] = b
            step[a] = s
        }
        let inStrides = contiguousStrides(x.shape)
        let offset = zip(begin, inStrides).map { $0 * $1 }.reduce(0, +)
        if try count(node, outShape) == 0 {
            return x.elementType.isInteger ? ONNXTensor(shape: outShape, integers: [], type: x.elementType) : ONNXTensor(shape: outShape, floats: [])
        }
        return gatherStrided(x, outShape: outShape, offset: offset, strides: zip(inStrides, step).map { $0 * $1 })
    }

    static func gather(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        let x = try required(node, args, 0)
        let indices = try integers(node, required(node, args, 1))
        let idxShape = try required(node, args, 1).shape
        let ax = try axis(node, node.int("axis", default: 0), rank: x.shape.count)
        let outer = x.shape[..<ax].reduce(1, *), inner = x.shape[(ax + 1)...].reduce(1, *), dim = x.shape[ax]
        var sources: [Int] = []
        for o in 0..<outer {
            for i in indices {
                let j = i < 0 ? i + dim : i
                guard j >= 0 && j < dim else { throw node.error("index \(i) out of range for dimension \(dim)") }
                for k in 0..<inner { sources.append((o * dim + j) * inner + k) }
            }
        }
        let shape = Array(x.shape[..<ax]) + idxShape + Array(x.shape[(ax + 1)...])
        return x.elementType.isInteger ? ONNXTensor(shape: shape, integers: sources.map { x.integers[$0] }, type: x.elementType)
            : ONNXTensor(shape: shape, floats: sources.map { x.floats[$0] })
    }
}
