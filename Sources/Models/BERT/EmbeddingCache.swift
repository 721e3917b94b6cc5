import Foundation

/// A bounded, thread-safe least-recently-used map from sentence text to its embedding, so that
/// while a user types only the sentences that changed are encoded again.
///
/// Keys are the text's UTF-8 bytes, not `String`: Swift compares strings by canonical
/// equivalence, but a tokenizer without accent stripping gives "é" and "e\u{301}" different ids.
public final class EmbeddingCache: @unchecked Sendable {
    public let capacity: Int

    private struct Entry {
        var key: [UInt8]
        var vector: [Float]
        var newer: Int  // towards the most recently used; -1 at the head
        var older: Int  // towards the least recently used; -1 at the tail
    }

    private let lock = NSLock()
    private var slots: [[UInt8]: Int] = [:]
    private var entries: [Entry] = []
    private var newest = -1
    private var oldest = -1
    private var hitCount = 0
    private var missCount = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { lock.withLock { slots.count } }

    /// Lookups that found a vector, and lookups that did not, since creation.
    public var statistics: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

    /// The cached vector for `text`, marking it most recently used.
    public func vector(for text: String) -> [Float]? {
        let key = Array(text.utf8)
        return lock.withLock {
            guard let slot = slots[key] else { missCount += 1; return nil }
            hitCount += 1
            moveToFront(slot)
            return entries[slot].vector
        }
    }

    /// Stores `vector` for `text`; when full, the least recently used entry makes room.
    public func insert(_ vector: [Float], for text: String) {
        let key = Array(text.utf8)
        lock.withLock {
            if let slot = slots[key] {
                entries[slot].vector = vector
                moveToFront(slot)
                return
            }
            let slot: Int
            if entries.count < capacity {
                slot = entries.count
                entries.append(Entry(key: key, vector: vector, newer: -1, older: -1))
            } else {
                // Reuse the oldest slot.
                slot = oldest
                unlink(slot)
                slots[entries[slot].key] = nil
                entries[slot] = Entry(key: key, vector: vector, newer: -1, older: -1)
            }
            slots[key] = slot
            pushFront(slot)
        }
    }

    public func removeAll() {
        lock.withLock {
            slots.removeAll()
            entries.removeAll()
            newest = -1
            oldest = -1
        }
    }

    private func moveToFront(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        pushFront(slot)
    }

    private func unlink(_ slot: Int) {
        let newer = entries[slot].newer, older = entries[slot].older
        if newer >= 0 { entries[newer].older = older } else { newest = older }
        if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        entries[slot].newer = -1
        entries[slot].older = -1
    }

    private func pushFront(_ slot: Int) {
        entries[slot].older = newest
        entries[slot].newer = -1
        if newest >= 0 { entries[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
