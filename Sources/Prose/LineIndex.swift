/// Converts between UTF-16 offsets and LSP positions (zero-based line, character in UTF-16 or UTF-8 units).
/// Lines end at `\n`, `\r\n` or `\r`, as LSP defines them.
public struct LineIndex: Sendable {
    public enum Encoding: Sendable { case utf16, utf8 }

    private let units: [UInt16]
    /// UTF-16 offset of each line's first unit.
    private let lineStarts: [Int]

    public init(_ text: String) {
        let units = Array(text.utf16)
        var starts = [0]
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit == 0x0A {
                starts.append(index + 1)
            } else if unit == 0x0D {
                if index + 1 < units.count, units[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        self.units = units
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// Length of the text in UTF-16 units.
    public var utf16Count: Int { units.count }

    /// Position of a UTF-16 offset (clamped to the text). An offset inside a surrogate pair or inside a line
    /// terminator counts as on its line; in UTF-8, a half pair counts no bytes.
    public func position(ofUTF16Offset offset: Int, encoding: Encoding = .utf16) -> (line: Int, character: Int) {
        let offset = min(max(offset, 0), units.count)
        let line = self.line(ofUTF16Offset: offset)
        let start = lineStarts[line]
        switch encoding {
        case .utf16:
            return (line, offset - start)
        case .utf8:
            var bytes = 0
            var index = start
            while index < offset {
                let width = Self.utf8Width(units, at: index)
                if width.units > 1, index + width.units > offset { break }
                bytes += width.bytes
                index += width.units
            }
            return (line, bytes)
        }
    }

    /// The zero-based line containing a UTF-16 offset (clamped).
    public func line(ofUTF16Offset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Clamps: a line past the end → end of text; a character past line end → line end (before its \n / \r\n).
    /// A negative line or character counts as 0. A UTF-8 character inside a multi-byte scalar rounds down.
    public func utf16Offset(line: Int, character: Int, encoding: Encoding = .utf16) -> Int {
        if line < 0 { return 0 }
        if line >= lineStarts.count { return units.count }
        let range = lineRange(line)
        let character = max(character, 0)
        switch encoding {
        case .utf16:
            return min(range.lowerBound + character, range.upperBound)
        case .utf8:
            var bytes = 0
            var index = range.lowerBound
            while index < range.upperBound {
                let width = Self.utf8Width(units, at: index)
                if bytes + width.bytes > character { break }
                bytes += width.bytes
                index += width.units
            }
            return min(index, range.upperBound)
        }
    }

    /// The line's range, excluding its terminator (clamped; a line past the end is empty at the end).
    public func lineRange(_ line: Int) -> SourceRange {
        if line < 0 { return lineRange(0) }
        if line >= lineStarts.count { return SourceRange(units.count, units.count) }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : units.count
        if end > start, units[end - 1] == 0x0A { end -= 1 }
        if end > start, units[end - 1] == 0x0D { end -= 1 }
        return SourceRange(start, end)
    }

    /// Whether the line holds only whitespace.
    public func isBlank(line: Int) -> Bool {
        let range = lineRange(line)
        for index in range.lowerBound..<range.upperBound {
            let unit = units[index]
            if !(unit == 0x20 || unit == 0x09 || unit == 0x0C || unit == 0x0B) { return false }
        }
        return true
    }

    private static func utf8Width(_ units: [UInt16], at index: Int) -> (units: Int, bytes: Int) {
        let unit = units[index]
        if unit < 0x80 { return (1, 1) }
        if unit < 0x800 { return (1, 2) }
        if unit >= 0xD800, unit < 0xDC00, index + 1 < units.count, units[index + 1] >= 0xDC00, units[index + 1] < 0xE000 {
            return (2, 4)
        }
        return (1, 3)
    }
}
