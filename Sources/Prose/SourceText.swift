/// The document as UTF-8 bytes (what cmark reads), with maps from byte offsets to UTF-16 offsets and from
/// cmark's 1-based lines and byte columns to byte offsets. Lines end at `\n`, `\r\n` or `\r`, as in cmark.
struct SourceText {
    /// UTF-8 of the text; NUL bytes become 0x1A so that cmark (which widens NUL to U+FFFD) keeps byte columns.
    let bytes: [UInt8]
    /// For each byte, the UTF-16 offset of the scalar it belongs to; one extra entry for the end.
    private let utf16ByByte: [Int]
    /// Byte offset of each line's first byte.
    let lineStarts: [Int]
    /// 3 when the text starts with a UTF-8 byte order mark, which cmark skips (its first-line columns count from
    /// after it).
    let byteOrderMarkLength: Int

    init(_ text: String) {
        var bytes = Array(text.utf8)
        var utf16ByByte = [Int](repeating: 0, count: bytes.count + 1)
        var lineStarts = [0]
        var utf16 = 0
        var scalarStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                utf16ByByte[index] = scalarStart
            } else {
                utf16ByByte[index] = utf16
                scalarStart = utf16
                utf16 += byte >= 0xF0 ? 2 : 1
                if byte == 0 {
                    bytes[index] = 0x1A
                } else if byte == 0x0A {
                    lineStarts.append(index + 1)
                } else if byte == 0x0D, index + 1 >= count || bytes[index + 1] != 0x0A {
                    lineStarts.append(index + 1)
                }
            }
            index += 1
        }
        utf16ByByte[count] = utf16
        self.bytes = bytes
        self.utf16ByByte = utf16ByByte
        self.lineStarts = lineStarts
        self.byteOrderMarkLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    var count: Int { bytes.count }

    /// UTF-16 offset of the scalar containing byte `offset` (clamped).
    func utf16(_ offset: Int) -> Int {
        utf16ByByte[min(max(offset, 0), bytes.count)]
    }

    /// Byte offset of the start of zero-based line `line` (clamped).
    func lineStart(_ line: Int) -> Int {
        if line < 0 { return 0 }
        if line >= lineStarts.count { return bytes.count }
        return lineStarts[line]
    }

    /// Byte offset where zero-based line `line`'s terminator starts (or the end of the text).
    func lineEnd(_ line: Int) -> Int {
        if line < 0 { return 0 }
        if line + 1 >= lineStarts.count { return bytes.count }
        var end = lineStarts[line + 1]
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return max(end, lineStarts[line])
    }

    /// Zero-based line containing byte `offset`.
    func line(ofByte offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Byte offset of cmark's (1-based line, 1-based byte column), clamped to that line.
    func byteOffset(line: Int32, column: Int32) -> Int {
        let zeroBasedLine = Int(line) - 1
        let start = lineStart(zeroBasedLine) + (zeroBasedLine == 0 ? byteOrderMarkLength : 0)
        let end = lineEnd(zeroBasedLine)
        return min(max(start + Int(column) - 1, start), end)
    }
}
