/// Drafts for copy-draft speculative decoding (prompt lookup): the tokens that followed, in a source text, the
/// last few tokens generated. A rewrite mostly copies its source, so the drafts are often right, and a right
/// draft of k tokens costs one batched forward pass instead of k.
///
/// It finds the longest suffix of the generated tokens (at most `matchLength`, at least one token) that occurs
/// in `source`, preferring the occurrence that continues where the last draft left off, then the latest one,
/// and proposes the up to `limit` tokens after it.
public struct CopyDrafter: Sendable {
    public let source: [Int]
    public let matchLength: Int
    /// Shortest suffix match that yields a draft (a one-token match is often a common word, and a wrong draft
    /// costs a wider forward pass).
    public let minimumMatch: Int
    /// Where in `source` the text being copied continues (after the last match), if known.
    private var cursor: Int?
    /// Positions of each token in `source`, for the lookup.
    private let positions: [Int: [Int]]

    public init(source: [Int], matchLength: Int = 3, minimumMatch: Int = 1) {
        self.source = source
        self.matchLength = max(1, matchLength)
        self.minimumMatch = max(1, min(minimumMatch, self.matchLength))
        var positions: [Int: [Int]] = [:]
        for (i, token) in source.enumerated() { positions[token, default: []].append(i) }
        self.positions = positions
    }

    /// Up to `limit` tokens that may follow `generated` (the tokens generated so far, the last one included).
    public mutating func draft(after generated: [Int], limit: Int) -> [Int] {
        guard limit > 0, let last = generated.last, let ends = positions[last] else {
            cursor = nil
            return []
        }
        let longest = min(matchLength, generated.count)
        // Candidate ends e (source[e] == last); the match length is how far back they agree.
        func agreement(_ e: Int) -> Int {
            var k = 1
            while k < longest, e - k >= 0, source[e - k] == generated[generated.count - 1 - k] { k += 1 }
            return k
        }
        // The longest agreement wins; among equals, the occurrence that continues the last copy, then the latest.
        var best: (end: Int, length: Int)?
        var bestKey = (0, 0, 0)
        for e in ends where e + 1 < source.count {
            let key = (agreement(e), cursor == e + 1 ? 1 : 0, e)
            if best == nil || key > bestKey {
                best = (e, key.0)
                bestKey = key
            }
        }
        guard let best, best.length >= minimumMatch || cursor == best.end + 1 else {
            cursor = nil
            return []
        }
        let start = best.end + 1, end = min(source.count, start + limit)
        cursor = start
        return Array(source[start..<end])
    }

    /// Tells the drafter that `accepted` drafted tokens were kept, so the next lookup prefers to continue there.
    public mutating func accepted(_ accepted: Int) {
        if let c = cursor { cursor = c + accepted + 1 }
    }
}
