// TEMPORARY until Prose.LineIndex lands (branch prose); delete on merge.
struct TemporaryLineIndex: Sendable {
    private let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]  // scalar indices

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\n" { starts.append(i + 1) }
            else if scalars[i] == "\r" {
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    private func width(_ s: Unicode.Scalar, utf8: Bool) -> Int { utf8 ? UTF8.width(s) : UTF16.width(s) }

    func position(ofUTF16Offset offset: Int, utf8: Bool) -> (line: Int, character: Int) {
        let target = scalarIndex(utf16: offset)
        var line = 0
        while line + 1 < lineStarts.count, lineStarts[line + 1] <= target { line += 1 }
        var c = 0
        for i in lineStarts[line]..<target { c += width(scalars[i], utf8: utf8) }
        return (line, c)
    }

    private func scalarIndex(utf16 offset: Int) -> Int {
        var u16 = 0
        for (i, s) in scalars.enumerated() {
            if u16 >= offset { return i }
            u16 += UTF16.width(s)
        }
        return scalars.count
    }

    func utf16Offset(line: Int, character: Int, utf8: Bool) -> Int {
        var u16 = 0
        if line >= lineStarts.count { return scalars.reduce(0) { $0 + UTF16.width($1) } }
        let start = lineStarts[max(0, line)]
        for i in 0..<start { u16 += UTF16.width(scalars[i]) }
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : scalars.count
        while end > start, scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        var c = 0
        var i = start
        while i < end, c + width(scalars[i], utf8: utf8) <= character {
            c += width(scalars[i], utf8: utf8); u16 += UTF16.width(scalars[i]); i += 1
        }
        return u16
    }
}
