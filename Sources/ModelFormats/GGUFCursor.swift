/// Reads GGUF primitives from a mapped file, front to back. Every read is bounds-checked
/// and a failure reports the byte offset where it happened.
struct GGUFCursor {
    let file: MappedFile
    private(set) var offset: Int = 0

    init(file: MappedFile) {
        self.file = file
    }

    var remaining: Int { file.count - offset }

    func failure(_ problem: String) -> GGUFError {
        .malformed(path: file.path, offset: offset, problem: problem)
    }

    private mutating func take(_ count: Int, for what: String) throws -> UnsafeRawBufferPointer {
        guard file.contains(offset: offset, count: count) else {
            throw failure("file ends inside \(what) (needs \(count) bytes, \(remaining) left)")
        }
        let bytes = UnsafeRawBufferPointer(start: file.base + offset, count: count)
        offset += count
        return bytes
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: String) throws -> T {
        let bytes = try take(MemoryLayout<T>.size, for: what)
        return T(littleEndian: bytes.loadUnaligned(as: T.self))
    }

    mutating func readFloat32(_ what: String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, what))
    }

    mutating func readFloat64(_ what: String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, what))
    }

    /// A u64 count or size that must also fit in `Int`.
    mutating func readCount(_ what: String) throws -> Int {
        let start = offset
        let raw = try read(UInt64.self, what)
        guard let value = Int(exactly: raw) else {
            offset = start
            throw failure("\(what) \(raw) is too large")
        }
        return value
    }

    /// A GGUF string: u64 byte length, then UTF-8 bytes (no terminator).
    /// Invalid UTF-8 is repaired with U+FFFD rather than rejected.
    mutating func readString(_ what: String) throws -> String {
        let length = try readCount("length of \(what)")
        guard length <= remaining else {
            throw failure("\(what) of \(length) bytes extends past the end of the file (\(remaining) bytes left)")
        }
        let bytes = try take(length, for: what)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Moves to the next multiple of `alignment` (a power of two).
    mutating func align(to alignment: Int) throws {
        let misalignment = offset % alignment
        if misalignment != 0 {
            _ = try take(alignment - misalignment, for: "padding before tensor data")
        }
    }
}
