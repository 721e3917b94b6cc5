import Prose

/// LSP (line, character) ↔ UTF-16 offset conversion for one text, in the negotiated encoding.
/// A thin adapter over Prose's `LineIndex`, the project's single implementation.
struct PositionMap: Sendable {
    private let index: TemporaryLineIndex

    init(_ text: String) { index = TemporaryLineIndex(text) }

    func position(ofUTF16Offset offset: Int, encoding: PositionEncodingKind) -> (line: Int, character: Int) {
        index.position(ofUTF16Offset: offset, utf8: encoding == .utf8)
    }

    /// Clamped: a line past the end gives the end of the text, a character past the end of its line the
    /// end of that line (before its terminator).
    func utf16Offset(line: Int, character: Int, encoding: PositionEncodingKind) -> Int {
        index.utf16Offset(line: line, character: character, utf8: encoding == .utf8)
    }
}
