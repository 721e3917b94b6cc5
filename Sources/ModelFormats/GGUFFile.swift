import TensorMath

/// A GGUF model file (versions 2 and 3), memory-mapped. Metadata and tensor infos are
/// parsed and validated up front; tensor data is read in place from the mapping.
///
/// Layout (little-endian): "GGUF", u32 version, u64 tensor count, u64 metadata count,
/// the metadata key/value pairs, the tensor infos, padding to `general.alignment`,
/// then the tensor data. Every count, offset and size comes from the file, so each is
/// checked against the file's size before it is used.
public struct GGUFFile: Sendable {
    public let file: MappedFile
    public let version: UInt32
    public let metadata: [String: GGUFValue]
    public let tensors: [String: GGUFTensorInfo]
    /// Tensor names in file order.
    public let tensorNames: [String]
    /// `general.alignment`, or 32 when absent.
    public let alignment: Int
    /// Absolute file offset of the tensor-data section.
    public let dataOffset: Int

    static let magic: UInt32 = 0x4655_4747  // "GGUF" read as a little-endian u32
    static let defaultAlignment = 32
    /// ggml tensors have at most four dimensions.
    static let maximumDimensions = 4
    /// Arrays nest only a level or two in practice; the bound keeps a hostile file from
    /// exhausting the stack.
    static let maximumArrayNesting = 16

    public init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        var cursor = GGUFCursor(file: file)

        let magic = try cursor.read(UInt32.self, "magic")
        guard magic == Self.magic else {
            throw GGUFError.malformed(path: file.path, offset: 0, problem: "no GGUF magic at the start")
        }
        version = try cursor.read(UInt32.self, "version")
        guard version == 2 || version == 3 else {
            throw GGUFError.unsupportedVersion(path: file.path, version: version)
        }

        let tensorCount = try cursor.readCount("tensor count")
        let metadataCount = try cursor.readCount("metadata count")
        // Smallest possible entries: a key/value pair is an empty key (8) + type (4) + one byte;
        // a tensor info is an empty name (8) + dimension count (4) + type (4) + offset (8).
        guard metadataCount <= cursor.remaining / 13 else {
            throw cursor.failure("metadata count \(metadataCount) cannot fit in the file")
        }
        guard tensorCount <= cursor.remaining / 24 else {
            throw cursor.failure("tensor count \(tensorCount) cannot fit in the file")
        }

        var metadata: [String: GGUFValue] = [:]
        metadata.reserveCapacity(metadataCount)
        for _ in 0..<metadataCount {
            let key = try cursor.readString("metadata key")
            let type = try Self.readValueType(&cursor, "type of metadata value '\(key)'")
            let value = try Self.readValue(&cursor, type: type, key: key, depth: 0)
            guard metadata.updateValue(value, forKey: key) == nil else {
                throw cursor.failure("metadata key '\(key)' appears twice")
            }
        }
        self.metadata = metadata

        var alignment = Self.defaultAlignment
        if let value = metadata["general.alignment"] {
            guard case let .uint32(raw) = value, raw > 0, raw.nonzeroBitCount == 1 else {
                throw cursor.failure("general.alignment must be a power of two stored as u32, not \(value)")
            }
            alignment = Int(raw)
        }
        self.alignment = alignment

        var infos: [(name: String, dimensions: [Int], typeID: UInt32, offset: Int)] = []
        infos.reserveCapacity(tensorCount)
        for _ in 0..<tensorCount {
            let name = try cursor.readString("tensor name")
            let dimensionCount = try cursor.read(UInt32.self, "dimension count of tensor '\(name)'")
            guard (1...UInt32(Self.maximumDimensions)).contains(dimensionCount) else {
                throw cursor.failure("tensor '\(name)' has \(dimensionCount) dimensions (1 to 4 allowed)")
            }
            var dimensions: [Int] = []
            for _ in 0..<dimensionCount {
                dimensions.append(try cursor.readCount("dimension of tensor '\(name)'"))
            }
            let typeID = try cursor.read(UInt32.self, "type of tensor '\(name)'")
            let offset = try cursor.readCount("data offset of tensor '\(name)'")
            infos.append((name, dimensions, typeID, offset))
        }

        // The data section starts at the next multiple of the alignment.
        let (padded, overflow) = cursor.offset.addingReportingOverflow(alignment - 1)
        guard !overflow else { throw cursor.failure("tensor data offset overflows") }
        dataOffset = padded / alignment * alignment

        var tensors: [String: GGUFTensorInfo] = [:]
        tensors.reserveCapacity(tensorCount)
        for info in infos {
            let tensor = try Self.validate(info, dataOffset: dataOffset, alignment: alignment, file: file)
            guard tensors.updateValue(tensor, forKey: info.name) == nil else {
                throw GGUFError.malformed(path: file.path, offset: cursor.offset,
                                          problem: "tensor '\(info.name)' appears twice")
            }
        }
        self.tensors = tensors
        tensorNames = infos.map(\.name)
    }

    /// Checks one tensor's shape, type and extent against the file.
    private static func validate(
        _ info: (name: String, dimensions: [Int], typeID: UInt32, offset: Int),
        dataOffset: Int, alignment: Int, file: MappedFile
    ) throws -> GGUFTensorInfo {
        func failure(_ problem: String) -> GGUFError {
            .malformed(path: file.path, offset: dataOffset, problem: "tensor '\(info.name)': \(problem)")
        }
        guard let type = GGMLType(rawValue: info.typeID) else {
            throw GGUFError.unsupportedTensorType(tensor: info.name, type: "ggml type id \(info.typeID)")
        }
        var elementCount = 1
        for dimension in info.dimensions {
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw failure("element count \(info.dimensions) overflows") }
            elementCount = product
        }
        // Blocks never straddle rows: the row length must be a whole number of blocks.
        guard let first = info.dimensions.first, first % type.blockSize == 0 else {
            throw failure("row length \(info.dimensions) is not a multiple of the \(type.name) block size \(type.blockSize)")
        }
        guard let byteCount = type.byteCount(elements: elementCount) else {
            throw failure("byte size of \(elementCount) \(type.name) elements overflows")
        }
        guard info.offset % alignment == 0 else {
            throw failure("data offset \(info.offset) is not a multiple of the alignment \(alignment)")
        }
        let (start, startOverflow) = dataOffset.addingReportingOverflow(info.offset)
        guard !startOverflow, file.contains(offset: start, count: byteCount) else {
            throw failure("\(byteCount) bytes of data at offset \(info.offset) lie outside the file (\(file.count) bytes, data section at \(dataOffset))")
        }
        return GGUFTensorInfo(
            name: info.name, dimensions: info.dimensions, type: type,
            offset: info.offset, elementCount: elementCount, byteCount: byteCount)
    }

    private static func readValueType(_ cursor: inout GGUFCursor, _ what: String) throws -> GGUFValueType {
        let raw = try cursor.read(UInt32.self, what)
        guard let type = GGUFValueType(rawValue: raw) else {
            throw cursor.failure("\(what): unknown value type \(raw)")
        }
        return type
    }

    private static func readValue(
        _ cursor: inout GGUFCursor, type: GGUFValueType, key: String, depth: Int
    ) throws -> GGUFValue {
        let what = "value of '\(key)'"
        switch type {
        case .uint8: return .uint8(try cursor.read(UInt8.self, what))
        case .int8: return .int8(try cursor.read(Int8.self, what))
        case .uint16: return .uint16(try cursor.read(UInt16.self, what))
        case .int16: return .int16(try cursor.read(Int16.self, what))
        case .uint32: return .uint32(try cursor.read(UInt32.self, what))
        case .int32: return .int32(try cursor.read(Int32.self, what))
        case .uint64: return .uint64(try cursor.read(UInt64.self, what))
        case .int64: return .int64(try cursor.read(Int64.self, what))
        case .float32: return .float32(try cursor.readFloat32(what))
        case .float64: return .float64(try cursor.readFloat64(what))
        case .bool:
            let byte = try cursor.read(UInt8.self, what)
            guard byte <= 1 else { throw cursor.failure("\(what): boolean byte \(byte) is neither 0 nor 1") }
            return .bool(byte == 1)
        case .string:
            return .string(try cursor.readString(what))
        case .array:
            guard depth < maximumArrayNesting else {
                throw cursor.failure("\(what): arrays nested more than \(maximumArrayNesting) deep")
            }
            let elementType = try readValueType(&cursor, "element type of '\(key)'")
            let count = try cursor.readCount("element count of '\(key)'")
            guard count <= cursor.remaining / elementType.minimumSize else {
                throw cursor.failure("\(what): \(count) elements cannot fit in the \(cursor.remaining) bytes left")
            }
            var elements: [GGUFValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                elements.append(try readValue(&cursor, type: elementType, key: key, depth: depth + 1))
            }
            return .array(elementType: elementType, elements)
        }
    }
}

// MARK: - Access

extension GGUFFile {
    /// `general.architecture`, e.g. "llama"; empty when absent.
    public var architecture: String { string("general.architecture") ?? "" }

    /// Throws `unsupportedArchitecture` naming the file's architecture unless it is one of `supported`.
    public func requireArchitecture(_ supported: Set<String>) throws {
        guard supported.contains(architecture) else {
            throw GGUFError.unsupportedArchitecture(architecture.isEmpty ? "(none given)" : architecture)
        }
    }

    public func string(_ key: String) -> String? { metadata[key]?.stringValue }
    /// Any integer type, if the value fits in `Int`.
    public func int(_ key: String) -> Int? { metadata[key]?.intValue }
    /// A float32 or float64 value.
    public func float(_ key: String) -> Float? { metadata[key]?.floatValue }
    public func bool(_ key: String) -> Bool? { metadata[key]?.boolValue }
    public func array(_ key: String) -> [GGUFValue]? { metadata[key]?.arrayValue }

    /// An array whose elements are all strings; nil if absent or of another type.
    public func stringArray(_ key: String) -> [String]? {
        guard case let .array(.string, elements)? = metadata[key] else { return nil }
        return elements.compactMap(\.stringValue)
    }

    /// An array whose elements are all integers that fit in `Int`.
    public func intArray(_ key: String) -> [Int]? {
        guard let elements = array(key) else { return nil }
        let values = elements.compactMap(\.intValue)
        return values.count == elements.count ? values : nil
    }

    /// An array of float32 or float64 elements.
    public func floatArray(_ key: String) -> [Float]? {
        guard let elements = array(key) else { return nil }
        let values = elements.compactMap(\.floatValue)
        return values.count == elements.count ? values : nil
    }

    public func tensor(_ name: String) throws -> GGUFTensorInfo {
        guard let info = tensors[name] else { throw GGUFError.noSuchTensor(name) }
        return info
    }

    /// The tensor's bytes, in place in the mapping; valid while `file` is alive.
    /// Throws `unsupportedTensorType`, naming the tensor and its type, when TensorMath
    /// cannot compute with that type (`GGMLType.isSupported`); `rawTensorData` reads any type.
    public func tensorData(_ name: String) throws -> UnsafeRawBufferPointer {
        let info = try tensor(name)
        guard info.type.isSupported else {
            throw GGUFError.unsupportedTensorType(tensor: name, type: info.type.name)
        }
        return try rawTensorData(name)
    }

    /// The tensor's bytes whatever its type.
    public func rawTensorData(_ name: String) throws -> UnsafeRawBufferPointer {
        let info = try tensor(name)
        return try file.bytes(at: dataOffset + info.offset, count: info.byteCount)
    }
}
