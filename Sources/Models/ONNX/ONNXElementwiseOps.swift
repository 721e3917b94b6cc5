import Foundation
import ModelFormats

extension ONNXOperators {
    enum BinaryOperation { case add, sub, mul, div, pow }

    /// Numpy-style broadcasting of two tensors.
    static func broadcastShape(_ node: ONNXNode, _ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        return try zip(pa, pb).map { x, y in
            if x == y || y == 1 { return x }
            if x == 1 { return y }
            throw node.error("shapes \(a) and \(b) do not broadcast")
        }
    }

    /// Strides of `shape` seen inside `outShape` (0 along broadcast dimensions).
    static func broadcastStrides(_ shape: [Int], in outShape: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: outShape.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: outShape.count)
        var s = 1
        for d in stride(from: outShape.count - 1, through: 0, by: -1) {
            strides[d] = padded[d] == 1 && outShape[d] != 1 ? 0 : s
            s *= padded[d]
        }
        return strides
    }

    static func binary(_ node: ONNXNode, _ args: inout [ONNXTensor?], _ op: BinaryOperation) throws -> ONNXTensor {
        var a = try take(node, &args, 0)
        let b = try take(node, &args, 1)
        let outShape = try broadcastShape(node, a.shape, b.shape)
        let total = try count(node, outShape)
        if a.elementType.isInteger || b.elementType.isInteger {
            guard a.elementType == b.elementType else { throw node.error("mixed element types \(a.elementType) and \(b.elementType)") }
            return try integerBinary(node, a, b, op, outShape: outShape, total: total)
        }
        // Square: the only power these graphs use, and much cheaper than powf.
        if op == .pow && b.count == 1 && b.floats[0] == 2 {
            if a.shape == outShape {
                a.floats.withUnsafeMutableBufferPointer { x in for i in x.indices { x[i] *= x[i] } }
                return a
            }
        }
        switch op {
        case .add: return floatBinary(&a, b, outShape: outShape, total: total, +)
        case .sub: return floatBinary(&a, b, outShape: outShape, total: total, -)
        case .mul: return floatBinary(&a, b, outShape: outShape, total: total, *)
        case .div: return floatBinary(&a, b, outShape: outShape, total: total, /)
        case .pow: return floatBinary(&a, b, outShape: outShape, total: total) { Foundation.pow($0, $1) }
        }
    }

    /// Writes into `a`'s storage when `a` already has the output shape. Adjacent dimensions
    /// that broadcast alike are merged, so the inner loop runs over whole planes.
    @inline(__always)
    static func floatBinary(_ a: inout ONNXTensor, _ b: ONNXTensor, outShape: [Int], total: Int,
                            _ f: (Float, Float) -> Float) -> ONNXTensor {
        var sa = broadcastStrides(a.shape, in: outShape)
        var sb = broadcastStrides(b.shape, in: outShape)
        var dims = outShape
        // Merge dimension d into d+1 when both operands are contiguous (or both broadcast) across them.
        var d = dims.count - 2
        while d >= 0 {
            let inner = dims[d + 1]
            let mergeable = (sa[d] == sa[d + 1] * inner) && (sb[d] == sb[d + 1] * inner)
            if mergeable {
                dims[d + 1] *= dims[d]
                dims.remove(at: d); sa.remove(at: d); sb.remove(at: d)
            }
            d -= 1
        }
        if dims.isEmpty { dims = [1]; sa = [1]; sb = [1] }
        let inPlace = a.shape == outShape
        var out = inPlace ? [] : [Float](repeating: 0, count: total)
        let rank = dims.count
        let n = dims[rank - 1], ia = sa[rank - 1], ib = sb[rank - 1]
        let outer = total / max(n, 1)
        a.floats.withUnsafeMutableBufferPointer { pa in
            b.floats.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    guard let baseA = pa.baseAddress, let baseB = pb.baseAddress else { return }
                    let dest = inPlace ? baseA : (po.baseAddress ?? baseA)
                    var index = [Int](repeating: 0, count: rank)
                    var offA = 0, offB = 0
                    for o in 0..<outer {
                        let x = baseA + offA, y = baseB + offB, z = dest + o * n
                        if ia == 1 && ib == 1 {
                            for i in 0..<n { z[i] = f(x[i], y[i]) }
                        } else if ia == 1 {
                            let v = y[0]
                            for i in 0..<n { z[i] = f(x[i], v) }
                        } else if ib == 1 {
                            let v = x[0]
                            for i in 0..<n { z[i] = f(v, y[i]) }
                        } else {
                            for i in 0..<n { z[i] = f(x[i * ia], y[i * ib]) }
                        }
                        // Advance the outer index (dimensions 0..<rank-1).
                        var k = rank - 2
                        while k >= 0 {
                            index[k] += 1
                            offA += sa[k]; offB += sb[k]
                            if index[k] < dims[k] { break }
                            offA -= sa[k] * dims[k]; offB -= sb[k] * dims[k]
                            index[k] = 0
                            k -= 1
                        }
                    }
                }
            }
        }
        if inPlace { return a }
        return ONNXTensor(shape: outShape, floats: out)
    }

    static func integerBinary(_ node: ONNXNode, _ a: ONNXTensor, _ b: ONNXTensor, _ op: BinaryOperation,
                              outShape: [Int], total: Int) throws -> ONNXTensor {
        let sa = broadcastStrides(a.shape, in: outShape), sb = broadcastStrides(b.shape, in: outShape)
        var out = [Int64](repeating: 0, count: total)
        for flat in 0..<total {
            var rest = flat, ia = 0, ib = 0
            for d in stride(from: outShape.count - 1, through: 0, by: -1) {
                let i = rest % outShape[d]
                rest /= outShape[d]
                ia += i * sa[d]; ib += i * sb[d]
            }
            let x = a.integers[ia], y = b.integers[ib]
            switch op {
            case .add: out[flat] = x &+ y
            case .sub: out[flat] = x &- y
            case .mul: out[flat] = x &* y
            case .div:
                guard y != 0 else { throw node.error("integer division by zero") }
                out[flat] = x / y
            case .pow: throw node.error("integer Pow is not supported")
            }
        }
        return ONNXTensor(shape: outShape, integers: out, type: a.elementType)
    }

    static func unary(_ node: ONNXNode, _ args: inout [ONNXTensor?], _ f: (Float) -> Float) throws -> ONNXTensor {
        var x = try take(node, &args, 0)
        try requireFloat(node, x)
        x.floats.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = f(p[i]) } }
        return x
    }

    /// Clip with optional `min` and `max` inputs (opset ≥ 11) or attributes (older).
    static func clip(_ node: ONNXNode, _ args: inout [ONNXTensor?]) throws -> ONNXTensor {
        var low = node.float("min", default: -.greatestFiniteMagnitude)
        var high = node.float("max", default: .greatestFiniteMagnitude)
        if args.count > 1, let t = args[1] { try requireFloat(node, t); guard t.count == 1 else { throw node.error("min must be a scalar") }; low = t.floats[0] }
        if args.count > 2, let t = args[2] { try requireFloat(node, t); guard t.count == 1 else { throw node.error("max must be a scalar") }; high = t.floats[0] }
        return try unary(node, &args) { min(max($0, low), high) }
    }
}
