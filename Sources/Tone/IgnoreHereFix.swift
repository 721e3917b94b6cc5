import Checks

/// "Ignore here": a `<!-- tenor-disable-next-line tone -->` line inserted before the line where the
/// finding starts, with that line's indentation, so the directive sits in the same block.
enum IgnoreHereFix {
    static let directive = "<!-- tenor-disable-next-line tone -->"

    static func make(in text: String, at offset: Int) -> Fix {
        let units = Array(text.utf16)
        var lineStart = min(max(offset, 0), units.count)
        while lineStart > 0, units[lineStart - 1] != 0x0A, units[lineStart - 1] != 0x0D { lineStart -= 1 }
        var indentEnd = lineStart
        while indentEnd < units.count, units[indentEnd] == 0x20 || units[indentEnd] == 0x09 { indentEnd += 1 }
        let indentation = String(decoding: units[lineStart..<indentEnd], as: UTF16.self)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        return Fix(title: "Ignore here",
                   replacements: [TextReplacement(span: TextSpan(start: lineStart, end: lineStart),
                                                  newText: indentation + directive + newline)])
    }
}
