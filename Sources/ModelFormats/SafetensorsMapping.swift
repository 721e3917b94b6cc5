import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a safetensors file: a read-only memory map of a file, or an owned copy.
///
/// Stand-in until the shared `MappedFile` (branch gguf-bpe) lands; then this becomes a thin
/// adapter over it. Weights are read through the map, so pages are shared with the page cache.
final class SafetensorsMapping: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let release: () -> Void

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SafetensorsError.cannotOpen("\(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SafetensorsError.cannotOpen("\(path): fstat failed") }
        let size = Int(status.st_size)
        guard size > 0 else { throw SafetensorsError.truncated("\(path) is empty") }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw SafetensorsError.cannotOpen("\(path): mmap failed: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(address)
        count = size
        release = { munmap(address, size) }
    }

    init(copying bytes: [UInt8]) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { storage.copyMemory(from: from, byteCount: bytes.count) }
        }
        base = UnsafeRawPointer(storage)
        count = bytes.count
        release = { storage.deallocate() }
    }

    deinit { release() }
}
