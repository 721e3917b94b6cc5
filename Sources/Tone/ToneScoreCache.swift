import Foundation

/// Tone analyses by sentence text. Keys are UTF-8 bytes (as in `EmbeddingCache`): canonically
/// equivalent strings can tokenize differently. When full it starts over, which costs one re-scoring
/// of a document; eviction order does not matter at this size.
final class ToneScoreCache: @unchecked Sendable {
    let capacity: Int
    private let lock = NSLock()
    private var entries: [[UInt8]: ToneAnalysis] = [:]
    private var insertions = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func analysis(for text: String) -> ToneAnalysis? {
        let key = Array(text.utf8)
        return lock.withLock { entries[key] }
    }

    func insert(_ analysis: ToneAnalysis, for text: String) {
        let key = Array(text.utf8)
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = analysis
            insertions += 1
        }
    }

    /// Sentences analysed so far (tests check that an edit analyses only what changed).
    var insertionCount: Int { lock.withLock { insertions } }

    func removeAll() { lock.withLock { entries.removeAll() } }
}
