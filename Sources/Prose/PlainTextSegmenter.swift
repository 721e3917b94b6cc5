/// Plain text: paragraphs are runs of non-blank lines; each becomes a `.plain` segment, its lines trimmed and
/// joined by a space. Bare URLs become U+FFFC as in Markdown. Plain text has no directives.
enum PlainTextSegmenter {
    static func segments(_ text: String) -> [ProseSegment] {
        let source = SourceText(text)
        let bytes = source.bytes
        var segments: [ProseSegment] = []
        var current = SegmentText()
        func finish() {
            current.replaceBareURLs()
            current.trim()
            if !current.isEmpty {
                segments.append(ProseSegment(kind: .plain, containers: [], text: current,
                                             segmentIndex: segments.count))
            }
            current = SegmentText()
        }
        for line in 0..<source.lineStarts.count {
            var lower = source.lineStart(line)
            var upper = source.lineEnd(line)
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            if lower == upper {
                finish()
                continue
            }
            if !current.isEmpty {
                let previousEnd = source.lineEnd(line - 1)
                current.appendBreak(start: source.utf16(previousEnd), end: source.utf16(source.lineStart(line)))
            }
            var index = lower
            while index < upper {
                let length = min(UTF8Scalar.length(lead: bytes[index]), upper - index)
                current.append(scalar: UTF8Scalar.decode(bytes, at: index, length: length),
                               start: source.utf16(index), end: source.utf16(index + length))
                index += length
            }
        }
        finish()
        return segments
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C }
}
