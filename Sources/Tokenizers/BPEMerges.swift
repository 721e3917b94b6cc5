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

    /// Working storage for `encode`, reused from word to word to avoid allocating.
    struct Scratch {
        var symbols: [Int32] = []
        /// Doubly linked list over symbol indices; -1 ends it.
        var next: [Int] = []
        var previous: [Int] = []
        var removed: [Bool] = []
        var heap = BPEHeap<BPEPair>()
    }

    /// Appends the tokens of `word` (raw bytes) to `output`.
    func encode(_ word: UnsafeBufferPointer<UInt8>, scratch: inout Scratch, into output: inout [Int32]) {
        let count = word.count
        if count == 0 { return }
        if count == 1 {
            let token = byteTokens[Int(word[0])]
            if token >= 0 { output.append(token) }
            return
        }

        scratch.symbols.removeAll(keepingCapacity: true)
        scratch.next.removeAll(keepingCapacity: true)
        scratch.previous.removeAll(keepingCapacity: true)
        scratch.removed.removeAll(keepingCapacity: true)
        scratch.heap.removeAll()
        for (index, byte) in word.enumerated() {
            scratch.symbols.append(byteTokens[Int(byte)])
            scratch.next.append(index + 1 < count ? index + 1 : -1)
            scratch.previous.append(index - 1)
            scratch.removed.append(false)
        }

        func consider(_ left: Int, _ scratch: inout Scratch) {
            guard left >= 0 else { return }
            let right = scratch.next[left]
            guard right >= 0 else { return }
            let leftToken = scratch.symbols[left], rightToken = scratch.symbols[right]
            guard leftToken >= 0, rightToken >= 0, let merge = merge(leftToken, rightToken) else { return }
            scratch.heap.push(BPEPair(rank: merge.rank, left: Int32(left), leftToken: leftToken,
                                    rightToken: rightToken, result: merge.result))
        }
        for left in 0..<(count - 1) { consider(left, &scratch) }

        while let pair = scratch.heap.pop() {
            let left = Int(pair.left)
            // Skip pairs an earlier merge has changed.
            guard !scratch.removed[left], scratch.symbols[left] == pair.leftToken else { continue }
            let right = scratch.next[left]
            guard right >= 0, scratch.symbols[right] == pair.rightToken else { continue }
            scratch.symbols[left] = pair.result
            scratch.removed[right] = true
            let afterRight = scratch.next[right]
            scratch.next[left] = afterRight
            if afterRight >= 0 { scratch.previous[afterRight] = left }
            consider(scratch.previous[left], &scratch)
            consider(left, &scratch)
        }

        var index = 0
        while index >= 0 {
            if scratch.symbols[index] >= 0 { output.append(scratch.symbols[index]) }
            index = scratch.next[index]
        }
    }
}

/// A candidate merge of the pair at `left`, ordered by (rank, left position).
struct BPEPair: BPEHeapElement {
    let rank: Int32
    let left: Int32
    let leftToken: Int32
    let rightToken: Int32
    let result: Int32

    func precedes(_ other: BPEPair) -> Bool {
        rank < other.rank || (rank == other.rank && left < other.left)
    }
}
