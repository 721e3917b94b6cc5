import Tokenizers

/// A sentence as the token head reads it: its whitespace-separated words (UTF-16 ranges in the
/// sentence text, outer punctuation trimmed, as train_tokens.py's `span_words`) and the encoder's
/// token ids, each token knowing its word. Words are tokenized one by one, which gives the same ids as
/// tokenizing the whole text (BERT's pre-tokenizer splits on whitespace first) and maps tokens to
/// words without character offsets from the tokenizer.
struct ToneTokens: Sendable {
    /// With the tokenizer's special tokens ([CLS] … [SEP]), truncated like `WordPieceTokenizer.encode`.
    let ids: [Int32]
    /// For each token between the special ones, the index of its word in `words`.
    let wordOfToken: [Int]
    /// UTF-16 ranges of the words in the sentence text, punctuation trimmed (possibly empty for "--").
    let words: [Range<Int>]
    /// For each word, its clause (0, 1, …), and per clause its UTF-16 range in the sentence text
    /// (Scripts/train-tone/clauses.py: the same rule).
    let clauseOfWord: [Int]
    let clauses: [Range<Int>]

    static let conjunctions: Set<String> = ["and", "but", "so", "because", "although", "though", "while", "whereas",
                                            "yet", "or", "unless"]
    static let closers: Set<Unicode.Scalar> = Set("\"'”’)]»".unicodeScalars)
    static let dashes: Set<String> = ["-", "–", "—", "--"]

    static let trimmed: Set<Unicode.Scalar> = Set("\"'“”‘’.,!?;:()[]{}*_…-–—«»".unicodeScalars)

    init(_ text: String, tokenizer: WordPieceTokenizer) {
        var words: [Range<Int>] = []
        var chunks: [Range<Int>] = []
        var endsClause: [Bool] = []
        var startsClause: [Bool] = []
        var pieces: [[Int32]] = []
        var offset = 0
        var current = String.UnicodeScalarView()
        var start = 0
        func flush() {
            guard !current.isEmpty else { return }
            // Prose's placeholder for code, URLs and HTML reads as a neutral word (ToneClassifier.modelText).
            let word = String(current).replacingOccurrences(of: "\u{FFFC}", with: "code")
            let ids = tokenizer.tokenize(word)
            if !ids.isEmpty {
                var lower = start, upper = offset
                var scalars = Array(current)
                while let first = scalars.first, Self.trimmed.contains(first) { lower += first.utf16.count; scalars.removeFirst() }
                while let last = scalars.last, Self.trimmed.contains(last) { upper -= last.utf16.count; scalars.removeLast() }
                words.append(lower..<max(lower, upper))
                chunks.append(start..<offset)
                let core = String(String.UnicodeScalarView(scalars)).lowercased()
                startsClause.append(Self.conjunctions.contains(core))
                var closed = Array(current)
                while let last = closed.last, Self.closers.contains(last) { closed.removeLast() }
                endsClause.append(Self.dashes.contains(String(current)) || closed.last.map { ",;:".unicodeScalars.contains($0) } == true)
                pieces.append(ids)
            }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                flush()
                offset += scalar.utf16.count
                start = offset
            } else {
                if current.isEmpty { start = offset }
                current.append(scalar)
                offset += scalar.utf16.count
            }
        }
        flush()
        let room = max(0, (tokenizer.maximumLength ?? 512) - tokenizer.prefixIDs.count - tokenizer.suffixIDs.count)
        var ids: [Int32] = []
        var wordOfToken: [Int] = []
        outer: for (index, wordIDs) in pieces.enumerated() {
            for id in wordIDs {
                guard ids.count < room else { break outer }
                ids.append(id)
                wordOfToken.append(index)
            }
        }
        self.ids = tokenizer.prefixIDs + ids + tokenizer.suffixIDs
        self.wordOfToken = wordOfToken
        self.words = words
        let clauseOfWord = Self.clauses(startsClause: startsClause, endsClause: endsClause)
        self.clauseOfWord = clauseOfWord
        var clauses: [Range<Int>] = []
        for (index, clause) in clauseOfWord.enumerated() {
            if clause < clauses.count {
                clauses[clause] = clauses[clause].lowerBound..<chunks[index].upperBound
            } else {
                clauses.append(chunks[index])
            }
        }
        self.clauses = clauses
    }

    /// A clause ends after a word ending in , ; : or a lone dash; a conjunction starts one; clauses of
    /// fewer than three words join the next (the last joins the previous). Numbered 0, 1, … in order.
    static func clauses(startsClause: [Bool], endsClause: [Bool]) -> [Int] {
        var ids: [Int] = []
        var clause = 0
        for index in startsClause.indices {
            if index > 0, startsClause[index], ids.last == clause { clause += 1 }
            ids.append(clause)
            if endsClause[index] { clause += 1 }
        }
        while true {
            var labels: [Int] = []
            for id in ids where labels.last != id { labels.append(id) }
            guard labels.count > 1, let short = labels.first(where: { label in ids.filter { $0 == label }.count < 3 }),
                  let position = labels.firstIndex(of: short) else { break }
            let target = position + 1 < labels.count ? labels[position + 1] : labels[position - 1]
            ids = ids.map { $0 == short ? target : $0 }
        }
        var renumbered: [Int: Int] = [:]
        return ids.map { id in
            if let known = renumbered[id] { return known }
            renumbered[id] = renumbered.count
            return renumbered.count - 1
        }
    }
}
