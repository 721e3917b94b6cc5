import Foundation

/// The keys and values of a token prefix, copied out of a `LlamaContext` (`snapshot`) to be put back later
/// (`restore`): a prompt's shared head (a system turn and a style's examples) prefilled once.
public struct KVSnapshot: Sendable {
    public let tokens: [Int]
    /// [layer][position][kvDim], `tokens.count` positions per layer.
    let keys: [Float]
    let values: [Float]
    let kvDim: Int
    let layers: Int

    /// Bytes the copy holds.
    public var byteCount: Int { (keys.count + values.count) * MemoryLayout<Float>.size }
}

/// Saved prompt prefixes (one per style, say), shared by the generations that start with them. `Generator`
/// restores the longest saved prefix of a prompt instead of prefilling it, and saves the prefix a generation
/// names (`GenerationOptions.cachePrefixLength`). The oldest-used entries go first beyond `capacityBytes`.
/// Thread-safe; snapshots work in any context of the same model.
public final class PrefixCache: @unchecked Sendable {
    public let capacityBytes: Int
    private var entries: [(snapshot: KVSnapshot, lastUse: UInt64)] = []
    private var clock: UInt64 = 0
    private let lock = NSLock()

    public init(capacityBytes: Int = 256 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// Saved prefixes.
    public var count: Int { lock.withLock { entries.count } }

    /// The saved snapshot whose tokens are the longest prefix of `prompt` (nil when none is).
    public func longestPrefix(of prompt: [Int]) -> KVSnapshot? {
        lock.withLock {
            var best: Int?
            for (i, entry) in entries.enumerated() where entry.snapshot.tokens.count <= prompt.count
                && (best == nil || entry.snapshot.tokens.count > entries[best!].snapshot.tokens.count)
                && prompt.starts(with: entry.snapshot.tokens) {
                best = i
            }
            guard let best else { return nil }
            clock += 1
            entries[best].lastUse = clock
            return entries[best].snapshot
        }
    }

    /// Saves `snapshot` (replacing one with the same tokens), then drops the least recently used entries
    /// while over capacity (never the new one).
    public func store(_ snapshot: KVSnapshot) {
        guard !snapshot.tokens.isEmpty else { return }
        lock.withLock {
            clock += 1
            entries.removeAll { $0.snapshot.tokens == snapshot.tokens }
            entries.append((snapshot, clock))
            var total = entries.reduce(0) { $0 + $1.snapshot.byteCount }
            while total > capacityBytes, entries.count > 1,
                  let oldest = entries.dropLast().indices.min(by: { entries[$0].lastUse < entries[$1].lastUse }) {
                total -= entries[oldest].snapshot.byteCount
                entries.remove(at: oldest)
            }
        }
    }

    public func removeAll() { lock.withLock { entries.removeAll() } }
}
