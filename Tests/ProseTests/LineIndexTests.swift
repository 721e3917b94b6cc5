import Testing
@testable import Prose

@Test func lineCounts() {
    #expect(LineIndex("").lineCount == 1)
    #expect(LineIndex("a").lineCount == 1)
    #expect(LineIndex("a\n").lineCount == 2)
    #expect(LineIndex("a\r\nb\rc\nd").lineCount == 4)
}

@Test func emojiPositions() {
    let index = LineIndex("a😀b\nc")
    #expect(index.position(ofUTF16Offset: 3) == (0, 3))
    #expect(index.position(ofUTF16Offset: 3, encoding: .utf8) == (0, 5))
    #expect(index.position(ofUTF16Offset: 5) == (1, 0))
    #expect(index.utf16Offset(line: 0, character: 5, encoding: .utf8) == 3)
    #expect(index.utf16Offset(line: 0, character: 3) == 3)
    // Inside the emoji: UTF-8 rounds down to its start; a half pair counts no bytes.
    #expect(index.utf16Offset(line: 0, character: 3, encoding: .utf8) == 1)
    #expect(index.position(ofUTF16Offset: 2, encoding: .utf8) == (0, 1))
}

@Test func cjkAndCombiningPositions() {
    let index = LineIndex("中文\ne\u{301}x")
    #expect(index.position(ofUTF16Offset: 2, encoding: .utf8) == (0, 6))
    #expect(index.utf16Offset(line: 0, character: 3, encoding: .utf8) == 1)
    #expect(index.utf16Offset(line: 0, character: 4, encoding: .utf8) == 1)
    #expect(index.position(ofUTF16Offset: 5, encoding: .utf16) == (1, 2))
    #expect(index.position(ofUTF16Offset: 5, encoding: .utf8) == (1, 3))
    #expect(index.utf16Offset(line: 1, character: 3, encoding: .utf8) == 5)
}

@Test func crlfLines() {
    let index = LineIndex("ab\r\ncd\r\n\r\nef")
    #expect(index.lineCount == 4)
    #expect(index.lineRange(0) == SourceRange(0, 2))
    #expect(index.lineRange(1) == SourceRange(4, 6))
    #expect(index.lineRange(2) == SourceRange(8, 8))
    #expect(index.lineRange(3) == SourceRange(10, 12))
    #expect(index.position(ofUTF16Offset: 4) == (1, 0))
    #expect(index.position(ofUTF16Offset: 3) == (0, 3))
    #expect(index.utf16Offset(line: 1, character: 1) == 5)
}

@Test func clamping() {
    let index = LineIndex("abc\ndef\n")
    #expect(index.utf16Offset(line: 0, character: 99) == 3)
    #expect(index.utf16Offset(line: 0, character: 99, encoding: .utf8) == 3)
    #expect(index.utf16Offset(line: 9, character: 0) == 8)
    #expect(index.utf16Offset(line: 2, character: 5) == 8)
    #expect(index.utf16Offset(line: -1, character: 5) == 0)
    #expect(index.utf16Offset(line: 1, character: -3) == 4)
    #expect(index.position(ofUTF16Offset: 999) == (2, 0))
    #expect(index.position(ofUTF16Offset: -5) == (0, 0))
    #expect(index.lineRange(9) == SourceRange(8, 8))
}

@Test func roundTripsEveryOffset() {
    let text = "héllo 😀 wörld\r\n中文 e\u{301}\rlast 🇫🇷"
    let index = LineIndex(text)
    let units = Array(text.utf16)
    for offset in 0...units.count {
        // Skip offsets inside surrogate pairs: they are not character boundaries in any encoding.
        if offset < units.count, UTF16.isTrailSurrogate(units[offset]) { continue }
        for encoding in [LineIndex.Encoding.utf16, .utf8] {
            let position = index.position(ofUTF16Offset: offset, encoding: encoding)
            let back = index.utf16Offset(line: position.line, character: position.character, encoding: encoding)
            // An offset between \r and \n maps back to the line end.
            if offset > 0, offset < units.count, units[offset - 1] == 0x0D, units[offset] == 0x0A {
                #expect(back == offset - 1)
            } else {
                #expect(back == offset, "offset \(offset) \(encoding)")
            }
        }
    }
}
