/// GFM pipe tables, which plain CommonMark (and so cmark) reads as paragraphs: a header row, a delimiter row
/// (`| --- | :-: |`) with as many cells, then body rows up to the end of the paragraph.
struct PipeTable {
    /// Content lines before the header row (a paragraph the table interrupts); may be empty.
    var leading: Range<Int>
    /// Header and body rows (content byte ranges, terminators excluded); the delimiter row left out.
    var rows: [Range<Int>]

    /// Finds a table in a paragraph's content.
    static func detect(in content: BlockContent) -> PipeTable? {
        let bytes = content.bytes
        guard bytes.contains(0x7C) else { return nil }  // |
        let lines = lineRanges(bytes)
        guard lines.count >= 2 else { return nil }
        for headerIndex in 0..<(lines.count - 1) {
            let delimiter = lines[headerIndex + 1]
            guard let columns = delimiterColumns(bytes, delimiter) else { continue }
            let header = lines[headerIndex]
            guard bytes[header].contains(0x7C) || bytes[delimiter].contains(0x7C),
                  cells(bytes, header).count == columns else { continue }
            let leadingEnd = headerIndex == 0 ? header.lowerBound : lines[headerIndex - 1].upperBound
            let rows = [header] + lines[(headerIndex + 2)...]
            return PipeTable(leading: 0..<leadingEnd, rows: rows)
        }
        return nil
    }

    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(start..<index)
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(start..<bytes.count)
        return lines
    }

    /// Number of columns when `line` is a delimiter row.
    private static func delimiterColumns(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        let cells = cells(bytes, line)
        guard !cells.isEmpty else { return nil }
        for cell in cells {
            var index = cell.lowerBound
            if index < cell.upperBound, bytes[index] == 0x3A { index += 1 }  // :
            let dashes = index
            while index < cell.upperBound, bytes[index] == 0x2D { index += 1 }
            if index == dashes { return nil }
            if index < cell.upperBound, bytes[index] == 0x3A { index += 1 }
            if index != cell.upperBound { return nil }
        }
        return cells.count
    }

    /// The cells of a row, trimmed of whitespace: split at unescaped `|`, without the optional outer pipes.
    static func cells(_ bytes: [UInt8], _ line: Range<Int>) -> [Range<Int>] {
        var lower = line.lowerBound
        var upper = line.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        if lower < upper, bytes[lower] == 0x7C { lower += 1 }
        if upper > lower, bytes[upper - 1] == 0x7C, upper - 2 < lower || bytes[upper - 2] != 0x5C { upper -= 1 }
        guard lower < upper else { return [] }
        var cells: [Range<Int>] = []
        var start = lower
        var index = lower
        while index <= upper {
            if index == upper || bytes[index] == 0x7C {
                cells.append(trimmed(bytes, start..<index))
                start = index + 1
            } else if bytes[index] == 0x5C, index + 1 < upper {
                index += 1
            }
            index += 1
        }
        return cells
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
