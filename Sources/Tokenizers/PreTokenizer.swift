/// Splits text into words before BPE merging, as the model's original regex did. Merges
/// never cross a word boundary, so this must match the reference split exactly.
///
/// The regexes are implemented as hand-written scanners over Unicode scalar classes
/// (faster than a regex engine, and with exact \p{L}/\p{N} semantics), following the
/// split llama.cpp performs for each `tokenizer.ggml.pre` name.
public enum PreTokenizer: Sendable, Equatable {
    /// GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    case gpt2
    /// StarCoder, SmolLM: every digit (\p{N}) is its own word, then the GPT-2 split.
    case starCoder
    /// Llama 3: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    /// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    case llama3
    /// Qwen 2: as Llama 3, but numbers split into single digits (`\p{N}`).
    case qwen2

    /// The pre-tokenizer for a `tokenizer.ggml.pre` value, or nil if it is not supported.
    public init?(ggufName name: String) {
        switch name {
        case "gpt-2", "gpt2", "phi-2", "mpt", "olmo", "jais", "exaone4":
            self = .gpt2
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva":
            self = .starCoder
        case "llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral", "dbrx", "smaug-bpe":
            self = .llama3
        case "qwen2", "deepseek-r1-qwen", "stablelm2":
            self = .qwen2
        default:
            return nil
        }
    }

    /// The words of `scalars`, as ranges of indices, in order and covering every scalar.
    public func split(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        words.reserveCapacity(scalars.count / 3 + 1)
        let classes = scalars.map(PreTokenizerScalarClass.init)
        switch self {
        case .gpt2:
            Self.splitGPT2(scalars, classes, 0..<scalars.count, into: &words)
        case .starCoder:
            // Each number scalar stands alone; the runs between them are split as GPT-2.
            var start = 0
            for index in scalars.indices where classes[index].isNumber {
                if start < index { Self.splitGPT2(scalars, classes, start..<index, into: &words) }
                words.append(index..<index + 1)
                start = index + 1
            }
            if start < scalars.count { Self.splitGPT2(scalars, classes, start..<scalars.count, into: &words) }
        case .llama3:
            Self.splitLlama3(scalars, classes, 0..<scalars.count, maximumDigits: 3, into: &words)
        case .qwen2:
            Self.splitLlama3(scalars, classes, 0..<scalars.count, maximumDigits: 1, into: &words)
        }
        return words
    }

    /// Length of the English contraction ('s 't 're 've 'm 'll 'd) at `position`, or 0.
    private static func contractionLength(
        _ scalars: [Unicode.Scalar], at position: Int, end: Int, ignoringCase: Bool
    ) -> Int {
        guard scalars[position] == "'", position + 1 < end else { return 0 }
        func letter(_ index: Int) -> UInt32 {
            let value = scalars[index].value
            // Only ASCII letters matter here, so ASCII lowercasing suffices.
            return ignoringCase && value >= 0x41 && value <= 0x5A ? value + 0x20 : value
        }
        switch letter(position + 1) {
        case 0x73, 0x74, 0x6D, 0x64: return 2  // s t m d
        default: break
        }
        guard position + 2 < end else { return 0 }
        switch (letter(position + 1), letter(position + 2)) {
        case (0x72, 0x65), (0x76, 0x65), (0x6C, 0x6C): return 3  // re ve ll
        default: return 0
        }
    }

    private static func splitGPT2(
        _ scalars: [Unicode.Scalar], _ classes: [PreTokenizerScalarClass], _ range: Range<Int>,
        into words: inout [Range<Int>]
    ) {
        let end = range.upperBound
        func at(_ index: Int) -> PreTokenizerScalarClass { index < end ? classes[index] : .outside }
        var position = range.lowerBound
        while position < end {
            let start = position
            let contraction = contractionLength(scalars, at: position, end: end, ignoringCase: false)
            if contraction > 0 {
                position += contraction
                words.append(start..<position)
                continue
            }
            // ` ?X+` for X in \p{L}, \p{N}, [^\s\p{L}\p{N}]: an optional leading space.
            let isSpace = scalars[position] == " "
            let first = isSpace ? at(position + 1) : classes[position]
            let run: ((PreTokenizerScalarClass) -> Bool)?
            if first.isLetter {
                run = { $0.isLetter }
            } else if first.isNumber {
                run = { $0.isNumber }
            } else if first.isOther {
                run = { $0.isOther }
            } else {
                run = nil
            }
            if let run {
                if isSpace { position += 1 }
                while run(at(position)) { position += 1 }
                words.append(start..<position)
                continue
            }
            position = endOfWhitespace(classes, from: position, end: end)
            words.append(start..<position)
        }
    }

    /// After `\s+(?!\S)|\s+` at `position`: a run of whitespace followed by more text
    /// leaves its last scalar to prefix the next word. Returns at least `position + 1`.
    private static func endOfWhitespace(_ classes: [PreTokenizerScalarClass], from position: Int, end: Int) -> Int {
        var runEnd = position
        while runEnd < end && classes[runEnd].isWhitespace { runEnd += 1 }
        let count = runEnd - position
        if count > 1 && runEnd < end { return runEnd - 1 }
        return max(runEnd, position + 1)
    }

    private static func splitLlama3(
        _ scalars: [Unicode.Scalar], _ classes: [PreTokenizerScalarClass], _ range: Range<Int>,
        maximumDigits: Int, into words: inout [Range<Int>]
    ) {
        let end = range.upperBound
        func at(_ index: Int) -> PreTokenizerScalarClass { index < end ? classes[index] : .outside }
        func isLineBreak(_ index: Int) -> Bool {
            index < end && (scalars[index] == "\r" || scalars[index] == "\n")
        }
        var position = range.lowerBound
        while position < end {
            let start = position
            let contraction = contractionLength(scalars, at: position, end: end, ignoringCase: true)
            if contraction > 0 {
                position += contraction
                words.append(start..<position)
                continue
            }
            let current = classes[position]
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !isLineBreak(position) && !current.isNumber && (current.isLetter || at(position + 1).isLetter) {
                position += 1
                while at(position).isLetter { position += 1 }
                words.append(start..<position)
                continue
            }
            // \p{N}{1,maximumDigits}
            if current.isNumber {
                var groupStart = position
                while at(position).isNumber {
                    position += 1
                    if position - groupStart == maximumDigits {
                        words.append(groupStart..<position)
                        groupStart = position
                    }
                }
                if groupStart < position { words.append(groupStart..<position) }
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+[\r\n]*`. A lone space at the very end also lands here;
            // the whitespace rules would give the same one-scalar word.
            let isSpace = scalars[position] == " "
            let first = isSpace ? at(position + 1) : current
            if !first.isLetter && !first.isNumber && !first.isWhitespace {
                if isSpace { position += 1 }
                while at(position).isOther { position += 1 }
                while isLineBreak(position) { position += 1 }
                words.append(start..<position)
                continue
            }
            // \s*[\r\n]+ : whitespace up to and including its last line break.
            var runEnd = position
            var afterLastLineBreak: Int?
            while runEnd < end && classes[runEnd].isWhitespace {
                if isLineBreak(runEnd) { afterLastLineBreak = runEnd + 1 }
                runEnd += 1
            }
            if let afterLastLineBreak {
                position = afterLastLineBreak
            } else {
                position = endOfWhitespace(classes, from: position, end: end)
            }
            words.append(start..<position)
        }
    }
}
