/// The merge table of a byte-level BPE vocabulary, and the merge loop over one word.
///
/// Symbols are token ids. A word starts as one symbol per byte; then, repeatedly, the
/// adjacent pair with the lowest merge rank (the leftmost on a tie) is replaced by the
/// token it merges into, until no adjacent pair has a merge. A binary heap of candidate
/// pairs keeps this O(n log n) in the word length; entries made stale by an earlier
/// merge are skipped when popped.
struct BPEMerges: Sendable {
    struct Merge: Sendable {
        let rank: Int32
        let result: Int32
    }

    /// Keyed by `pairKey(left, right)`.
    private let merges: [UInt64: Merge]
    /// The token of each single byte; -1 where the vocabulary has none.
    let byteTokens: [Int32]

    init(merges: [UInt64: Merge], byteTokens: [Int32]) {
        self.merges = merges
        self.byteTokens = byteTokens
    }

    static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    private func merge(_ left: Int32, _ right: Int32) -> Merge? {
        merges[Self.pairKey(left, right)]
    }

    /// Appends the tokens of `word` (raw bytes) to `output`.
    func encode(_ word: UnsafeBufferPointer<UInt8>, into output: inout [Int32]) {
        let count = word.count
        if count == 0 { return }
        if count == 1 {
            let token = byteTokens[Int(word[0])]
            if token >= 0 { output.append(token) }
            return
        }

        var symbols = word.map { byteTokens[Int($0)] }
        // Doubly linked list over symbol indices; -1 ends it. Merged-away symbols are
        // unlinked and marked with `removed`.
        var next = Array(1...count)
        next[count - 1] = -1
        var previous = Array(-1..<(count - 1))
        var removed = [Bool](repeating: false, count: count)

        var heap = BPEPairHeap()
        func consider(_ left: Int) {
            guard left >= 0 else { return }
            let right = next[left]
            guard right >= 0, symbols[left] >= 0, symbols[right] >= 0,
                  let merge = merge(symbols[left], symbols[right]) else { return }
            heap.push(.init(rank: merge.rank, left: Int32(left), leftToken: symbols[left],
                            rightToken: symbols[right], result: merge.result))
        }
        for left in 0..<(count - 1) { consider(left) }

        while let pair = heap.pop() {
            let left = Int(pair.left)
            guard !removed[left], symbols[left] == pair.leftToken else { continue }
            let right = next[left]
            guard right >= 0, symbols[right] == pair.rightToken else { continue }
            symbols[left] = pair.result
            removed[right] = true
            next[left] = next[right]
            if next[right] >= 0 { previous[next[right]] = left }
            consider(previous[left])
            consider(left)
        }

        var index = 0
        while index >= 0 {
            if symbols[index] >= 0 { output.append(symbols[index]) }
            index = next[index]
        }
    }
}

/// A min-heap of candidate merges ordered by (rank, left position).
struct BPEPairHeap {
    struct Pair {
        let rank: Int32
        let left: Int32
        let leftToken: Int32
        let rightToken: Int32
        let result: Int32

        func precedes(_ other: Pair) -> Bool {
            rank < other.rank || (rank == other.rank && left < other.left)
        }
    }

    private var items: [Pair] = []

    mutating func push(_ pair: Pair) {
        items.append(pair)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Pair? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count && items[left].precedes(items[smallest]) { smallest = left }
                if right < items.count && items[right].precedes(items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
