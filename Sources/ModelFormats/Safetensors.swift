import Foundation
import TensorMath

/// A read-only view of a `.safetensors` file.
///
/// Layout (little-endian):
///
///     u64        headerLength  N
///     u8[N]      header        JSON object: name → {"dtype", "shape", "data_offsets": [begin, end]},
///                              plus an optional "__metadata__": {string: string}
///     u8[...]    data          tensors; offsets are relative to the start of this section
///
/// Every header field is checked before any tensor byte is read: the header must lie inside the
/// file, each tensor's byte range inside the data section, ranges must not overlap, and each
/// range's size must equal `dtype size × product(shape)` (computed with overflow checks).
public final class SafetensorsFile: @unchecked Sendable {
    public enum DType: String, Sendable, CaseIterable {
        case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
        case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
        case i32 = "I32", u32 = "U32", f32 = "F32", f64 = "F64", i64 = "I64", u64 = "U64"

        public var byteSize: Int {
            switch self {
            case .bool, .u8, .i8, .f8e5m2, .f8e4m3: return 1
            case .i16, .u16, .f16, .bf16: return 2
            case .i32, .u32, .f32: return 4
            case .f64, .i64, .u64: return 8
            }
        }
    }

    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]
        /// Byte range relative to the start of the data section.
        public let dataRange: Range<Int>
        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// Upper bound on the JSON header, as the reference implementation has, so a hostile length
    /// cannot make us allocate or parse gigabytes.
    public static let maximumHeaderLength = 100_000_000

    public let tensors: [String: TensorInfo]
    public let metadata: [String: String]

    /// The file's bytes, valid while `owner` (the mapping or an owned copy) is alive.
    private let file: UnsafeRawBufferPointer
    private let owner: AnyObject
    private let dataStart: Int

    /// Maps the file read-only; tensor bytes are read in place.
    public convenience init(path: String) throws {
        let mapped: MappedFile
        do { mapped = try MappedFile(path: path) } catch { throw SafetensorsError.cannotOpen("\(error)") }
        do {
            try self.init(file: UnsafeRawBufferPointer(start: mapped.base, count: mapped.count), owner: mapped)
        } catch let error as SafetensorsError {
            // The parser does not know the path; the user needs it to find the damaged file.
            throw error.naming(path)
        }
    }

    /// Parses a safetensors image held in memory (tests, embedded data).
    public convenience init(bytes: [UInt8]) throws {
        let copy = OwnedBytes(bytes)
        try self.init(file: copy.buffer, owner: copy)
    }

    private init(file: UnsafeRawBufferPointer, owner: AnyObject) throws {
        self.file = file
        self.owner = owner
        guard file.count >= 8 else { throw SafetensorsError.truncated("file is \(file.count) bytes, shorter than the 8-byte header length") }
        let headerLength64 = file.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        guard headerLength64 <= UInt64(Self.maximumHeaderLength) else {
            throw SafetensorsError.invalidHeader("header length \(headerLength64) exceeds \(Self.maximumHeaderLength)")
        }
        let headerLength = Int(headerLength64)
        guard headerLength >= 2, 8 + headerLength <= file.count else {
            throw SafetensorsError.truncated("header length \(headerLength) does not fit in a \(file.count)-byte file")
        }
        dataStart = 8 + headerLength
        let dataLength = file.count - dataStart
        let headerBytes = Data(UnsafeRawBufferPointer(rebasing: file[8..<dataStart]))
        let header: [String: HeaderEntry]
        do {
            header = try JSONDecoder().decode([String: HeaderEntry].self, from: headerBytes)
        } catch {
            throw SafetensorsError.invalidHeader("header is not a JSON object of tensor entries")
        }
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, entry) in header {
            switch entry {
            case .metadata(let entries) where name == "__metadata__": metadata = entries
            case .metadata: throw SafetensorsError.invalidHeader("\(name): entry is not a tensor")
            case .tensor(let fields): tensors[name] = try Self.validate(name: name, fields: fields, dataLength: dataLength)
            }
        }
        // Overlap check: sorted by start, each range must end at or before the next one begins.
        let sorted = tensors.values.sorted { ($0.dataRange.lowerBound, $0.name) < ($1.dataRange.lowerBound, $1.name) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.dataRange.upperBound > next.dataRange.lowerBound {
            throw SafetensorsError.invalidHeader("tensors \(previous.name) and \(next.name) overlap")
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// One header value: a tensor description, or the string map under "__metadata__".
    private enum HeaderEntry: Decodable {
        struct TensorFields: Decodable {
            let dtype: String
            let shape: [Int]
            let data_offsets: [Int]
        }
        case tensor(TensorFields)
        case metadata([String: String])

        init(from decoder: Decoder) throws {
            if let fields = try? TensorFields(from: decoder) { self = .tensor(fields); return }
            self = .metadata(try [String: String](from: decoder))
        }
    }

    private static func validate(name: String, fields: HeaderEntry.TensorFields, dataLength: Int) throws -> TensorInfo {
        guard let dtype = DType(rawValue: fields.dtype) else { throw SafetensorsError.unsupportedDType(name: name, dtype: fields.dtype) }
        guard fields.data_offsets.count == 2 else { throw SafetensorsError.invalidHeader("\(name): data_offsets must be two integers") }
        let shape = fields.shape
        let begin = fields.data_offsets[0], end = fields.data_offsets[1]
        guard shape.allSatisfy({ $0 >= 0 }) else { throw SafetensorsError.invalidHeader("\(name): negative dimension in \(shape)") }
        guard begin >= 0, begin <= end, end <= dataLength else {
            throw SafetensorsError.invalidHeader("\(name): data_offsets [\(begin), \(end)] outside the \(dataLength)-byte data section")
        }
        var byteCount = dtype.byteSize
        for dimension in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw SafetensorsError.invalidHeader("\(name): shape \(shape) overflows") }
            byteCount = product
        }
        guard byteCount == end - begin else {
            throw SafetensorsError.invalidHeader("\(name): \(fields.dtype) \(shape) needs \(byteCount) bytes, data_offsets span \(end - begin)")
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, dataRange: begin..<end)
    }

    /// The raw bytes of one tensor, valid while this file is alive.
    public func bytes(of name: String) throws -> UnsafeRawBufferPointer {
        guard let info = tensors[name] else { throw SafetensorsError.missingTensor(name) }
        return UnsafeRawBufferPointer(rebasing: file[(dataStart + info.dataRange.lowerBound)..<(dataStart + info.dataRange.upperBound)])
    }

    /// One tensor as f32, converted from F32, F16 or BF16.
    public func floats(_ name: String) throws -> [Float] {
        guard let info = tensors[name] else { throw SafetensorsError.missingTensor(name) }
        let raw = try bytes(of: name)
        let count = info.elementCount
        switch info.dtype {
        case .f32:
            return (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        case .f16:
            return (0..<count).map { float16ToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
        case .bf16:
            return (0..<count).map { bfloat16ToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
        default:
            throw SafetensorsError.unsupportedDType(name: name, dtype: info.dtype.rawValue)
        }
    }

    /// Like `floats(_:)`, but also checks the shape.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let info = tensors[name] else { throw SafetensorsError.missingTensor(name) }
        guard info.shape == shape else { throw SafetensorsError.shapeMismatch(name: name, expected: shape, found: info.shape) }
        return try floats(name)
    }
}

public enum SafetensorsError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(String)
    case truncated(String)
    case invalidHeader(String)
    case unsupportedDType(name: String, dtype: String)
    case missingTensor(String)
    case shapeMismatch(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .cannotOpen(let why): return "safetensors: cannot open: \(why)"
        case .truncated(let why): return "safetensors: truncated: \(why)"
        case .invalidHeader(let why): return "safetensors: invalid header: \(why)"
        case .unsupportedDType(let name, let dtype): return "safetensors: \(name) has dtype \(dtype), expected F32, F16 or BF16"
        case .missingTensor(let name): return "safetensors: no tensor named \(name)"
        case .shapeMismatch(let name, let expected, let found): return "safetensors: \(name) has shape \(found), expected \(expected)"
        }
    }
}

extension SafetensorsError {
    /// The same error with `path` in front of its explanation.
    func naming(_ path: String) -> SafetensorsError {
        switch self {
        case .truncated(let why): return .truncated("\(path): \(why)")
        case .invalidHeader(let why): return .invalidHeader("\(path): \(why)")
        case .unsupportedDType(let name, let dtype): return .unsupportedDType(name: "\(path): \(name)", dtype: dtype)
        case .cannotOpen, .missingTensor, .shapeMismatch: return self
        }
    }
}

/// A private copy of a safetensors image, for `SafetensorsFile(bytes:)`.
private final class OwnedBytes {
    let buffer: UnsafeRawBufferPointer
    private let storage: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        storage.copyBytes(from: bytes)
        buffer = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<bytes.count])
    }

    deinit { storage.deallocate() }
}
