import Foundation

/// Tone probabilities by sentence text. Keys are UTF-8 bytes (as in `EmbeddingCache`): canonically
/// equivalent strings can tokenize differently. When full it starts over, which costs one re-scoring
/// of a document; eviction order does not matter at this size.
final class ToneScoreCache: @unchecked Sendable {
    let capacity: Int
    private let lock = NSLock()
    private var entries: [[UInt8]: [Float]] = [:]

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func probabilities(for text: String) -> [Float]? {
        let key = Array(text.utf8)
        return lock.withLock { entries[key] }
    }

    func insert(_ probabilities: [Float], for text: String) {
        let key = Array(text.utf8)
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = probabilities
        }
    }

    func removeAll() { lock.withLock { entries.removeAll() } }
}
