import Prose

/// LSP (line, character) ↔ UTF-16 offset conversion for one text, in the negotiated encoding.
/// A thin adapter over Prose's `LineIndex`, the project's single implementation.
struct PositionMap: Sendable {
    private let index: LineIndex

    init(_ text: String) { index = LineIndex(text) }

    func position(ofUTF16Offset offset: Int, encoding: PositionEncodingKind) -> (line: Int, character: Int) {
        index.position(ofUTF16Offset: offset, encoding: encoding.lineIndexEncoding)
    }

    /// Clamped: a line past the end gives the end of the text, a character past the end of its line the
    /// end of that line (before its terminator).
    func utf16Offset(line: Int, character: Int, encoding: PositionEncodingKind) -> Int {
        index.utf16Offset(line: line, character: character, encoding: encoding.lineIndexEncoding)
    }
}

extension PositionEncodingKind {
    var lineIndexEncoding: LineIndex.Encoding {
        switch self {
        case .utf16: .utf16
        case .utf8: .utf8
        }
    }
}
