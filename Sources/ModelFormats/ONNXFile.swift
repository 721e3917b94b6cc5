import Foundation
import SwiftProtobuf

/// An `.onnx` model: the protobuf `ModelProto`, decoded from a memory mapping of the file.
///
/// swift-protobuf checks every length and varint against the buffer and limits nesting depth,
/// so a truncated or hostile file fails to decode instead of reading out of bounds. Tensor
/// sizes are checked again in `tensor(_:)`, where dimensions meet data.
public final class ONNXFile: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let path: String
    public let model: Onnx_ModelProto

    /// Refuses files above 2 GiB: protobuf cannot address more, and weights stored outside
    /// the file are not supported.
    public static let maximumSize = Int(Int32.max)
    /// Refuses tensors above 1 Gi elements.
    public static let maximumElements = 1 << 30

    public convenience init(path: String) throws {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw ONNXError("\(path): \(error)")
        }
        try self.init(file: file)
    }

    /// Decodes an ONNX model held in `file` (a mapping, or bytes in memory); errors name `file.path`.
    public init(file: MappedFile) throws {
        let path = file.path
        self.path = path
        guard file.count > 0 else { throw ONNXError("\(path): empty file") }
        guard file.count <= Self.maximumSize else { throw ONNXError("\(path): \(file.count) bytes is larger than protobuf's 2 GiB limit") }
        // The Data aliases the mapping (no copy); it does not outlive `file`, which lives until init returns.
        let bytes = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: file.base), count: file.count, deallocator: .none)
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 64
            model = try Onnx_ModelProto(serializedBytes: bytes, options: options)
        } catch {
            throw ONNXError("\(path): not a valid ONNX protobuf (\(error))")
        }
        guard model.hasGraph else { throw ONNXError("\(path): the model has no graph") }
    }

    public var graph: Onnx_GraphProto { model.graph }

    /// The opset version imported for the default (`ai.onnx`) domain, or nil.
    public var defaultOpset: Int64? {
        model.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version
    }

    /// Decodes a `TensorProto` (an initializer or a `Constant`'s value) with every size checked.
    public static func tensor(_ proto: Onnx_TensorProto) throws -> ONNXTensor {
        let name = proto.name.isEmpty ? "(unnamed)" : proto.name
        guard let type = ONNXElementType(rawValue: proto.dataType) else {
            throw ONNXError("tensor \(name): element type \(proto.dataType) is not supported (float32, uint8, int8, int32 and int64 are)")
        }
        if proto.dataLocation == .external || !proto.externalData.isEmpty {
            throw ONNXError("tensor \(name): stored in an external data file, which is not supported; the weights must be inside the .onnx file")
        }
        if proto.hasSegment { throw ONNXError("tensor \(name): segmented tensors are not supported") }
        var shape: [Int] = []
        for d in proto.dims {
            guard d >= 0, let dim = Int(exactly: d) else { throw ONNXError("tensor \(name): negative dimension \(d)") }
            shape.append(dim)
        }
        guard let count = ONNXTensor.checkedElementCount(shape), count <= maximumElements else {
            throw ONNXError("tensor \(name): shape \(shape) has too many elements")
        }

        if proto.hasRawData {
            let raw = proto.rawData
            guard raw.count == count * type.byteCount else {
                throw ONNXError("tensor \(name): raw_data has \(raw.count) bytes, shape \(shape) of \(type) needs \(count * type.byteCount)")
            }
            return raw.withUnsafeBytes { bytes -> ONNXTensor in
                switch type {
                case .float:
                    return ONNXTensor(shape: shape, floats: (0..<count).map {
                        Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
                    })
                case .uint8:
                    return ONNXTensor(shape: shape, integers: bytes.map { Int64($0) }, type: type)
                case .int8:
                    return ONNXTensor(shape: shape, integers: bytes.map { Int64(Int8(bitPattern: $0)) }, type: type)
                case .int32:
                    return ONNXTensor(shape: shape, integers: (0..<count).map {
                        Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)))
                    }, type: type)
                case .int64:
                    return ONNXTensor(shape: shape, integers: (0..<count).map {
                        Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))
                    }, type: type)
                }
            }
        }

        // Typed fields: float_data for float; int32_data for int8/uint8/int32; int64_data for int64.
        let found: Int
        switch type {
        case .float: found = proto.floatData.count
        case .uint8, .int8, .int32: found = proto.int32Data.count
        case .int64: found = proto.int64Data.count
        }
        guard found == count else {
            throw ONNXError("tensor \(name): has \(found) values, shape \(shape) needs \(count)")
        }
        switch type {
        case .float: return ONNXTensor(shape: shape, floats: proto.floatData)
        case .uint8, .int8, .int32:
            return ONNXTensor(shape: shape, integers: proto.int32Data.map { Int64($0) }, type: type)
        case .int64: return ONNXTensor(shape: shape, integers: proto.int64Data, type: type)
        }
    }
}
