/// Cuts text at special tokens before normal tokenization, as llama.cpp does: each
/// special token in turn, longest first, is searched for left to right in the text the
/// earlier ones left. Control and unknown tokens are only matched when special parsing
/// is asked for; user-defined tokens always are.
struct GGUFTokenizerSpecialTokens: Sendable {
    enum Fragment {
        case text(Range<Int>)
        case special(Int32)
    }

    private struct Entry: Sendable {
        let bytes: [UInt8]
        let id: Int32
        let needsParseSpecial: Bool
    }

    private let entries: [Entry]

    /// `tokens` and `types` as in the GGUF vocabulary; `types` nil means all normal.
    init(tokens: [String], types: [GGUFTokenType]) {
        var entries: [Entry] = []
        for (index, type) in types.enumerated() {
            guard type == .control || type == .userDefined || type == .unknown else { continue }
            let bytes = Array(tokens[index].utf8)
            if !bytes.isEmpty {
                entries.append(Entry(bytes: bytes, id: Int32(index), needsParseSpecial: type != .userDefined))
            }
        }
        // Longest first, so that a special token containing another wins; ties by id.
        entries.sort { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.id < $1.id }
        self.entries = entries
    }

    func partition(_ bytes: [UInt8], parseSpecial: Bool) -> [Fragment] {
        guard !bytes.isEmpty else { return [] }
        var fragments: [Fragment] = [.text(0..<bytes.count)]
        for entry in entries where parseSpecial || !entry.needsParseSpecial {
            let needle = entry.bytes
            guard let firstByte = needle.first else { continue }
            var result: [Fragment] = []
            var changed = false
            for fragment in fragments {
                guard case let .text(range) = fragment, range.count >= needle.count else {
                    result.append(fragment)
                    continue
                }
                var start = range.lowerBound
                var index = range.lowerBound
                let lastStart = range.upperBound - needle.count
                while index <= lastStart {
                    if bytes[index] == firstByte && bytes[index..<index + needle.count].elementsEqual(needle) {
                        if start < index { result.append(.text(start..<index)) }
                        result.append(.special(entry.id))
                        index += needle.count
                        start = index
                        changed = true
                    } else {
                        index += 1
                    }
                }
                if start < range.upperBound { result.append(.text(start..<range.upperBound)) }
            }
            if changed { fragments = result }
        }
        return fragments
    }
}
