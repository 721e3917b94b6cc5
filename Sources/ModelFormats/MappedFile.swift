#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory. Model weights are read in place from the mapping,
/// so a multi-hundred-megabyte file costs page cache, not heap.
///
/// Every access goes through `bytes(at:count:)`, which checks the range against the file
/// with overflow-safe arithmetic: offsets and sizes come from the file itself and must be
/// treated as hostile.
public final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is immutable (PROT_READ) and lives as long as the object.

    public let path: String
    /// File size in bytes.
    public let count: Int
    /// Start of the mapping. Valid for `count` bytes while this object is alive.
    public let base: UnsafeRawPointer

    /// What `munmap` needs; nil for an empty file, which cannot be mapped.
    private let mapping: UnsafeMutableRawPointer?
    /// An owned copy (the `bytes:` initializer), freed on deinit instead of unmapped.
    private let ownedCopy: UnsafeMutableRawPointer?

    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MappedFileError(path: path, problem: "cannot open: \(Self.errnoText())")
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw MappedFileError(path: path, problem: "cannot stat: \(Self.errnoText())")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw MappedFileError(path: path, problem: "not a regular file")
        }
        guard let size = Int(exactly: status.st_size), size >= 0 else {
            throw MappedFileError(path: path, problem: "file size \(status.st_size) out of range")
        }
        count = size
        ownedCopy = nil

        if size == 0 {
            // An empty file cannot be mapped. Point at a static empty buffer: no byte of it
            // is ever read, since every range check of a non-empty range fails.
            mapping = nil
            base = UnsafeRawPointer(Self.emptyStorage)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != MAP_FAILED
        else {
            throw MappedFileError(path: path, problem: "cannot map \(size) bytes: \(Self.errnoText())")
        }
        mapping = address
        base = UnsafeRawPointer(address)
    }

    /// A copy of `bytes` standing in for a file named `path`: the readers parse it exactly as
    /// they would a mapping (fuzzing, tests), and errors still name `path`.
    public init(bytes: some Collection<UInt8>, path: String) {
        self.path = path
        count = bytes.count
        mapping = nil
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 64)
        // Exactly `count` bytes, so the address sanitizer sees any read past the end.
        UnsafeMutableRawBufferPointer(start: storage, count: bytes.count).copyBytes(from: bytes)
        ownedCopy = storage
        base = UnsafeRawPointer(storage)
    }

    deinit {
        if let mapping { munmap(mapping, count) }
        ownedCopy?.deallocate()
    }

    /// `count` bytes starting at `offset`, or an error naming the file if the range
    /// is not wholly inside it.
    public func bytes(at offset: Int, count length: Int) throws -> UnsafeRawBufferPointer {
        guard contains(offset: offset, count: length) else {
            if offset < 0 || length < 0 {
                throw MappedFileError(path: path, problem: "invalid range (offset \(offset), length \(length))")
            }
            throw MappedFileError(
                path: path,
                problem: "\(length) bytes at offset \(offset) extend past the end of the file (\(count) bytes)")
        }
        return UnsafeRawBufferPointer(start: base + offset, count: length)
    }

    /// Whether `length` bytes at `offset` lie inside the file.
    public func contains(offset: Int, count length: Int) -> Bool {
        guard offset >= 0, length >= 0 else { return false }
        let (end, overflow) = offset.addingReportingOverflow(length)
        return !overflow && end <= count
    }

    // Never written to, never freed: stands in for the start of an empty file.
    nonisolated(unsafe) private static let emptyStorage = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 64)

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

public struct MappedFileError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }
}
