/// ONNX element types this project reads (TensorProto.DataType numbers).
public enum ONNXElementType: Int32, Sendable, CustomStringConvertible {
    case float = 1, uint8 = 2, int8 = 3, int32 = 6, int64 = 7

    /// Bytes per element in `raw_data`.
    public var byteCount: Int {
        switch self {
        case .float, .int32: 4
        case .uint8, .int8: 1
        case .int64: 8
        }
    }

    public var isInteger: Bool { self != .float }

    public var description: String {
        switch self {
        case .float: "float32"
        case .uint8: "uint8"
        case .int8: "int8"
        case .int32: "int32"
        case .int64: "int64"
        }
    }
}

/// A dense tensor as the interpreter carries it: floats in `floats`, every integer type
/// widened to `Int64` in `integers` (the integer tensors here are shapes, indices and
/// quantised values, where exactness matters more than size). Exactly one array is used.
public struct ONNXTensor: Sendable {
    public var elementType: ONNXElementType
    public var shape: [Int]
    public var floats: [Float]
    public var integers: [Int64]

    public var count: Int { elementType.isInteger ? integers.count : floats.count }

    public init(shape: [Int], floats: [Float]) {
        precondition(ONNXTensor.elementCount(shape) == floats.count, "shape \(shape) does not match \(floats.count) floats")
        elementType = .float
        self.shape = shape
        self.floats = floats
        integers = []
    }

    public init(shape: [Int], integers: [Int64], type: ONNXElementType = .int64) {
        precondition(type.isInteger && ONNXTensor.elementCount(shape) == integers.count, "shape \(shape) does not match \(integers.count) integers")
        elementType = type
        self.shape = shape
        floats = []
        self.integers = integers
    }

    /// Product of the dimensions, or nil when one is negative or the product overflows.
    public static func checkedElementCount(_ shape: [Int]) -> Int? {
        var total = 1
        for d in shape {
            guard d >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            total = product
        }
        return total
    }

    static func elementCount(_ shape: [Int]) -> Int { checkedElementCount(shape) ?? -1 }
}
