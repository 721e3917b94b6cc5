/// A run of prose that rules judge: a paragraph, heading or table cell (Markdown) or a plain-text paragraph.
public struct ProseSegment: Sendable {
    public enum Kind: String, Sendable { case paragraph, heading, tableCell, plain }
    public enum Container: String, Sendable { case listItem, blockQuote }

    public let kind: Kind
    /// Enclosing list items and block quotes, outermost first.
    public let containers: [Container]
    /// The prose text: inline markup markers removed (emphasis `*`, `_`, link brackets and destinations, heading `#`s),
    /// soft and hard line breaks as " ", and each span that must never be judged (inline code, autolink, bare URL,
    /// inline HTML, image) replaced by ONE U+FFFC character.
    public let text: String
    /// For each UTF-16 unit of `text`, its UTF-16 offset in the source; one extra final entry = source end offset.
    public let sourceOffsets: [Int]
    /// The whole segment in the source.
    public let range: SourceRange
    public let sentences: [ProseSentence]
    /// For each UTF-16 unit of `text`, the source offset just past what it stands for (a placeholder covers its
    /// whole span; an unescaped `\*` covers both characters). Kept so ranges end exactly, not at the next unit.
    let sourceEnds: [Int]

    init(kind: Kind, containers: [Container], text: SegmentText, segmentIndex: Int) {
        self.kind = kind
        self.containers = containers
        self.text = String(utf16Units: text.units[...])
        let lower = text.starts.first ?? 0
        let upper = text.ends.last ?? lower
        var sourceOffsets = [Int]()
        sourceOffsets.reserveCapacity(text.starts.count + 1)
        sourceOffsets.append(contentsOf: text.starts)
        sourceOffsets.append(upper)
        self.sourceOffsets = sourceOffsets
        self.sourceEnds = text.ends
        self.range = SourceRange(lower, upper)
        self.sentences = SentenceSplitter.sentences(in: text.units).compactMap { unitRange in
            let units = text.units[unitRange]
            guard !units.isEmpty, let first = text.starts[unitRange].first, let last = text.ends[unitRange].last
            else { return nil }
            return ProseSentence(text: String(utf16Units: units),
                                 range: SourceRange(first, last), segmentIndex: segmentIndex)
        }
    }

    /// Maps a half-open range of UTF-16 offsets into `text` to the source range it covers. Clamped to the text.
    public func sourceRange(ofTextUTF16 range: Range<Int>) -> SourceRange {
        let count = sourceEnds.count
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        let start = sourceOffsets[lower]
        if upper == lower { return SourceRange(start, start) }
        return SourceRange(start, sourceEnds[upper - 1])
    }
}
