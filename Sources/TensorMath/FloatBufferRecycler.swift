import Foundation

/// Large float arrays kept after use and handed out again for the same size, so that a network run
/// several times (tiles of one picture, benchmark runs) does not fault in fresh pages for each big
/// intermediate. Here a fresh 32 MiB array costs about 18 ms of page faults when first written and a
/// reused one about 2 ms; multistyle26 at 512² makes over 100 MB of such intermediates per pass.
/// Its owner decides how long the memory stays (an `ONNXGraph` keeps it while it lives).
public final class FloatBufferRecycler: @unchecked Sendable {
    // @unchecked: `free` and `kept` are guarded by `lock`.
    /// Arrays below this many floats come from malloc's heap cheaply and are not kept.
    public static let minimumCount = 1 << 16

    private let limit: Int
    private var free: [Int: [[Float]]] = [:]
    private var kept = 0
    private let lock = NSLock()

    /// Keeps at most `limitBytes` of arrays.
    public init(limitBytes: Int = 512 << 20) {
        limit = limitBytes / MemoryLayout<Float>.stride
    }

    /// An array of `count` floats whose contents are unspecified: the caller writes every element.
    public func array(count: Int) -> [Float] {
        if count >= Self.minimumCount {
            lock.lock()
            let reused = free[count]?.popLast()
            if reused != nil { kept -= count }
            lock.unlock()
            if let reused { return reused }
        }
        return Self.uninitialized(count: count)
    }

    /// Keeps `array`'s storage for a later `array(count:)` of its size (when large enough and within the limit).
    public func recycle(_ array: [Float]) {
        let count = array.count
        guard count >= Self.minimumCount else { return }
        lock.lock()
        defer { lock.unlock() }
        guard kept + count <= limit else { return }
        free[count, default: []].append(array)
        kept += count
    }

    /// Drops every kept array.
    public func removeAll() {
        lock.lock()
        free.removeAll()
        kept = 0
        lock.unlock()
    }

    /// Bytes currently kept.
    public var keptBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return kept * MemoryLayout<Float>.stride
    }

    /// A fresh array of `count` floats, not zero-filled (Float is a trivial type; the caller writes every element).
    public static func uninitialized(count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
