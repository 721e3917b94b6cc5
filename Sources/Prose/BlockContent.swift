/// The raw inline content of a block, as cmark sees it: the block's lines with container prefixes (`>` markers,
/// indentation) removed, joined by their original line terminators. Each byte remembers its source byte offset,
/// so the inline tree cmark builds from this content can be walked back onto the source.
struct BlockContent {
    var bytes: [UInt8] = []
    /// Source byte offset of each content byte.
    var sourceBytes: [Int] = []

    var count: Int { bytes.count }

    mutating func append(from source: SourceText, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.append(contentsOf: source.bytes[range])
        sourceBytes.append(contentsOf: range)
    }

    /// Content of a block whose first line starts at byte `firstByte` and whose content lines are
    /// `firstLine...lastLine` (zero-based). Continuation lines drop up to `quoteDepth` `>` markers and all
    /// leading whitespace, as a paragraph continuation does.
    init(source: SourceText, firstByte: Int, firstLine: Int, lastLine: Int, quoteDepth: Int) {
        guard lastLine >= firstLine else { return }
        for line in firstLine...lastLine {
            var start = line == firstLine ? firstByte : source.lineStart(line)
            let end = source.lineEnd(line)
            if line != firstLine {
                start = Self.skipContainerPrefix(source.bytes, from: start, to: end, quoteDepth: quoteDepth)
            }
            append(from: source, start..<max(start, end))
            if line != lastLine {
                append(from: source, end..<source.lineStart(line + 1))
            }
        }
    }

    init() {}

    /// A `>` indented 4 or more columns past the previous marker is text (of a lazy continuation line), not a
    /// marker. List-item indentation can put a real marker further in; then the `>` stays in the content and
    /// the aligner skips it as markup.
    static func skipContainerPrefix(_ bytes: [UInt8], from start: Int, to end: Int, quoteDepth: Int) -> Int {
        var position = start
        var quotes = 0
        while true {
            var columns = 0
            while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 {
                columns += bytes[position] == 0x09 ? 4 - columns % 4 : 1
                position += 1
            }
            if quotes < quoteDepth, columns < 4, position < end, bytes[position] == 0x3E {  // >
                position += 1
                quotes += 1
            } else {
                return position
            }
        }
    }

    /// A slice of this content (for table cells).
    func slice(_ range: Range<Int>) -> BlockContent {
        var result = BlockContent()
        result.bytes = Array(bytes[range])
        result.sourceBytes = Array(sourceBytes[range])
        return result
    }

    /// Source byte offset just past content byte range ending at `end` (exclusive).
    func sourceEnd(_ end: Int) -> Int {
        guard end > 0, end <= sourceBytes.count else { return sourceBytes.first ?? 0 }
        return sourceBytes[end - 1] + 1
    }

    func sourceStart(_ index: Int) -> Int {
        if index < sourceBytes.count { return sourceBytes[index] }
        return sourceBytes.last.map { $0 + 1 } ?? 0
    }
}
