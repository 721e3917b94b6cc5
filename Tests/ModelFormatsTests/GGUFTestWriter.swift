import Foundation
import ModelFormats

/// Builds GGUF files byte by byte for tests, including deliberately broken ones:
/// every field can be overridden with a raw value the reader must reject.
struct GGUFTestWriter {
    struct Tensor {
        var name: String
        var dimensions: [UInt64]
        var typeID: UInt32
        /// nil: placed after the previous tensor, aligned, with its data written there.
        /// A value is written into the tensor info as is, and no data is written for it.
        var offset: UInt64? = nil
        var data: [UInt8]
    }

    var magic: UInt32 = 0x4655_4747
    var version: UInt32 = 3
    var metadata: [(String, GGUFValue)] = []
    var tensors: [Tensor] = []
    var alignment = 32
    /// Overrides for the header counts (to write lies).
    var tensorCountOverride: UInt64? = nil
    var metadataCountOverride: UInt64? = nil

    /// The byte offset where the tensor-info section ends (before padding).
    private(set) var tensorInfoEnd = 0

    mutating func bytes() -> [UInt8] {
        var out: [UInt8] = []
        Self.append(magic, to: &out)
        Self.append(version, to: &out)
        Self.append(tensorCountOverride ?? UInt64(tensors.count), to: &out)
        Self.append(metadataCountOverride ?? UInt64(metadata.count), to: &out)
        for (key, value) in metadata {
            Self.appendString(key, to: &out)
            Self.append(value.type.rawValue, to: &out)
            Self.appendValue(value, to: &out)
        }
        // Data offsets: each tensor after the previous one, padded to the alignment.
        var offsets: [UInt64] = []
        var running: UInt64 = 0
        for tensor in tensors {
            let offset = tensor.offset ?? running
            offsets.append(offset)
            let end = offset &+ UInt64(tensor.data.count)
            running = (end + UInt64(alignment) - 1) / UInt64(alignment) * UInt64(alignment)
        }
        for (tensor, offset) in zip(tensors, offsets) {
            Self.appendString(tensor.name, to: &out)
            Self.append(UInt32(tensor.dimensions.count), to: &out)
            for dimension in tensor.dimensions { Self.append(dimension, to: &out) }
            Self.append(tensor.typeID, to: &out)
            Self.append(offset, to: &out)
        }
        tensorInfoEnd = out.count
        guard !tensors.isEmpty else { return out }
        while out.count % alignment != 0 { out.append(0) }
        let dataStart = out.count
        for (tensor, offset) in zip(tensors, offsets) where tensor.offset == nil {
            let start = dataStart + Int(offset)
            if out.count < start { out += [UInt8](repeating: 0, count: start - out.count) }
            out.replaceSubrange(start..<min(out.count, start + tensor.data.count), with: tensor.data)
        }
        return out
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    static func appendString(_ string: String, to out: inout [UInt8]) {
        append(UInt64(string.utf8.count), to: &out)
        out += string.utf8
    }

    static func appendValue(_ value: GGUFValue, to out: inout [UInt8]) {
        switch value {
        case let .uint8(v): append(v, to: &out)
        case let .int8(v): append(v, to: &out)
        case let .uint16(v): append(v, to: &out)
        case let .int16(v): append(v, to: &out)
        case let .uint32(v): append(v, to: &out)
        case let .int32(v): append(v, to: &out)
        case let .uint64(v): append(v, to: &out)
        case let .int64(v): append(v, to: &out)
        case let .float32(v): append(v.bitPattern, to: &out)
        case let .float64(v): append(v.bitPattern, to: &out)
        case let .bool(v): out.append(v ? 1 : 0)
        case let .string(v): appendString(v, to: &out)
        case let .array(elementType, elements):
            append(elementType.rawValue, to: &out)
            append(UInt64(elements.count), to: &out)
            for element in elements { appendValue(element, to: &out) }
        }
    }
}

/// A file in the temporary directory, removed when the value is released.
final class TemporaryFile {
    let path: String

    init(_ bytes: [UInt8], name: String = "test") throws {
        path = NSTemporaryDirectory() + "tenor-\(name)-\(UUID().uuidString).gguf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Parses `bytes` as a GGUF file.
func parseGGUF(_ bytes: [UInt8]) throws -> GGUFFile {
    let file = try TemporaryFile(bytes)
    return try GGUFFile(path: file.path)
}
