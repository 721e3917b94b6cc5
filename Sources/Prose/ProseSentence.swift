/// One sentence of a segment, with the exact source range it covers.
public struct ProseSentence: Sendable, Hashable {
    /// The sentence text, taken from the segment text (markup removed), trimmed of whitespace.
    public let text: String
    /// The exact UTF-16 source range of the sentence, from its first to its last non-space character.
    public let range: SourceRange
    /// Index into `ProseDocument.segments`.
    public let segmentIndex: Int

    public init(text: String, range: SourceRange, segmentIndex: Int) {
        self.text = text
        self.range = range
        self.segmentIndex = segmentIndex
    }
}
