/// YAML (`---` ... `---` or `...`) or TOML (`+++` ... `+++`) front matter at the very start of a Markdown
/// document (after an optional byte order mark). Never prose.
enum FrontMatter {
    /// Byte length of the front matter, up to the end of its closing line (terminator excluded); 0 when none.
    static func length(of source: SourceText) -> Int {
        let bytes = source.bytes
        let firstLineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard source.lineStarts.count >= 2 else { return 0 }
        let opener = fence(bytes, firstLineStart, source.lineEnd(0))
        guard opener == "---" || opener == "+++" else { return 0 }
        for line in 1..<source.lineStarts.count {
            let closer = fence(bytes, source.lineStart(line), source.lineEnd(line))
            if closer == opener || (opener == "---" && closer == "...") {
                return source.lineEnd(line)
            }
        }
        return 0
    }

    /// The line's text when it is exactly a three-character fence (trailing spaces allowed).
    private static func fence(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String? {
        var upper = end
        while upper > start, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        guard upper - start == 3 else { return nil }
        return String(decoding: bytes[start..<upper], as: UTF8.self)
    }
}
