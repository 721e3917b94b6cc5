import Foundation
import ModelFormats
import TensorMath

/// The operators the interpreter implements, by ONNX `op_type`. An operator receives the
/// node and its inputs (nil for omitted optional ones; an input at its last use is owned by
/// the call, so its storage may be reused) and returns the node's outputs.
enum ONNXOperators {
    typealias Operation = @Sendable (ONNXNode, inout [ONNXTensor?]) throws -> [ONNXTensor]

    static let table: [String: Operation] = [
        // Elementwise (ONNXElementwiseOps.swift).
        "Add": { n, a in [try binary(n, &a, .add)] },
        "Sub": { n, a in [try binary(n, &a, .sub)] },
        "Mul": { n, a in [try binary(n, &a, .mul)] },
        "Div": { n, a in [try binary(n, &a, .div)] },
        "Pow": { n, a in [try binary(n, &a, .pow)] },
        "Relu": { n, a in [try unary(n, &a) { max($0, 0) }] },
        "Sigmoid": { n, a in [try unary(n, &a) { 1 / (1 + expf(-$0)) }] },
        "Sqrt": { n, a in [try unary(n, &a) { $0.squareRoot() }] },
        "Reciprocal": { n, a in [try unary(n, &a) { 1 / $0 }] },
        "Clip": { n, a in [try clip(n, &a)] },
        // Reductions (ONNXReductionOps.swift).
        "ReduceMean": { n, a in [try reduce(n, &a, mean: true)] },
        "ReduceSum": { n, a in [try reduce(n, &a, mean: false)] },
        "GlobalAveragePool": { n, a in [try globalAveragePool(n, &a)] },
        // Shapes and constants (ONNXShapeOps.swift).
        "Constant": { n, _ in [try constant(n)] },
        "ConstantOfShape": { n, a in [try constantOfShape(n, &a)] },
        "Shape": { n, a in [try shape(n, &a)] },
        "Cast": { n, a in [try cast(n, &a)] },
        "Concat": { n, a in [try concat(n, &a)] },
        "Reshape": { n, a in [try reshape(n, &a)] },
        "Unsqueeze": { n, a in [try unsqueeze(n, &a)] },
        "Slice": { n, a in [try slice(n, &a)] },
        "Transpose": { n, a in [try transpose(n, &a)] },
        "Gather": { n, a in [try gather(n, &a)] },
        // Images (ONNXImageOps.swift).
        "Conv": { n, a in [try conv(n, &a)] },
        "Pad": { n, a in [try pad(n, &a)] },
        "Resize": { n, a in [try resize(n, &a)] },
        // Quantisation (ONNXQuantizationOps.swift).
        "QuantizeLinear": { n, a in [try quantizeLinear(n, &a)] },
        "DequantizeLinear": { n, a in [try dequantizeLinear(n, &a)] },
    ]

    static var supported: [String] { table.keys.sorted() }

    /// Threads for the heavy operators (convolution, instance normalisation); idle workers sleep.
    static let pool = ThreadPool(threadCount: ThreadPool.defaultThreadCount())

    /// The running graph's recycled arrays (set by `ONNXGraph.run`).
    @TaskLocal static var buffers: FloatBufferRecycler?

    /// An output array of `count` floats with unspecified contents (the operator writes every element).
    static func outputFloats(_ count: Int) -> [Float] {
        buffers?.array(count: count) ?? FloatBufferRecycler.uninitialized(count: count)
    }

    /// Input `i`, which must be present.
    static func required(_ node: ONNXNode, _ args: [ONNXTensor?], _ i: Int) throws -> ONNXTensor {
        guard i < args.count, let t = args[i] else { throw node.error("missing input \(i)") }
        return t
    }

    /// Input `i` moved out of the argument list (so that the caller owns its storage).
    static func take(_ node: ONNXNode, _ args: inout [ONNXTensor?], _ i: Int) throws -> ONNXTensor {
        guard i < args.count, let t = args[i] else { throw node.error("missing input \(i)") }
        args[i] = nil
        return t
    }

    static func requireFloat(_ node: ONNXNode, _ t: ONNXTensor) throws {
        if t.elementType != .float { throw node.error("expects float32 input, got \(t.elementType)") }
    }

    /// Integer values of a shape-like input (int64 or int32).
    static func integers(_ node: ONNXNode, _ t: ONNXTensor) throws -> [Int] {
        guard t.elementType.isInteger else { throw node.error("expects an integer tensor, got \(t.elementType)") }
        return try t.integers.map {
            guard let v = Int(exactly: $0) else { throw node.error("integer \($0) out of range") }
            return v
        }
    }

    /// An axis in `-rank..<rank`, made non-negative.
    static func axis(_ node: ONNXNode, _ a: Int, rank: Int) throws -> Int {
        let r = a < 0 ? a + rank : a
        guard r >= 0 && r < max(rank, 1) else { throw node.error("axis \(a) out of range for rank \(rank)") }
        return r
    }

    static func count(_ node: ONNXNode, _ shape: [Int]) throws -> Int {
        guard let c = ONNXTensor.checkedElementCount(shape), c <= ONNXFile.maximumElements else {
            throw node.error("shape \(shape) is invalid or too large")
        }
        return c
    }
}
