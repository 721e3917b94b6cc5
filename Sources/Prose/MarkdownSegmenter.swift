import CCmark

/// Markdown to prose segments and directive comments: cmark (with source positions) finds the blocks,
/// `InlineAligner` maps each block's inlines back onto the source.
///
/// Judged: paragraphs, headings, GFM table cells (also inside list items and block quotes); a segment that would
/// hold only placeholders (a lone image or URL) is left out.
/// Never judged: code blocks, HTML blocks, thematic breaks, front matter, reference definitions; inside
/// prose, code spans, inline HTML, autolinks, bare URLs and images (alt text included) become one U+FFFC each,
/// and link destinations and titles are dropped while link text stays. GFM task boxes and footnote labels are
/// dropped and footnote references become U+FFFC (see `GFMMarkers`).
struct MarkdownSegmenter {
    let source: SourceText
    private(set) var segments: [ProseSegment] = []
    private(set) var comments: [HTMLComment] = []
    private var containers: [ProseSegment.Container] = []
    private var quoteDepth = 0

    init(text: String) {
        source = SourceText(text)
    }

    mutating func run() {
        var input = source.bytes
        let frontMatter = FrontMatter.length(of: source)
        for index in 0..<frontMatter where input[index] != 0x0A && input[index] != 0x0D {
            input[index] = 0x20  // blank, keeping line numbers and byte columns
        }
        guard let document = Self.parse(input[...], options: CMARK_OPT_SOURCEPOS)
        else { return }
        defer { cmark_node_free(document) }
        walk(document)
    }

    static func parse(_ bytes: ArraySlice<UInt8>, options: Int32) -> OpaquePointer? {
        bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress else { return cmark_parse_document("", 0, options) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parse_document(pointer, buffer.count, options)
            }
        }
    }

    private mutating func walk(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_BLOCK_QUOTE:
                if entering {
                    containers.append(.blockQuote)
                    quoteDepth += 1
                } else {
                    _ = containers.popLast()
                    quoteDepth -= 1
                }
            case CMARK_NODE_ITEM:
                if entering { containers.append(.listItem) } else { _ = containers.popLast() }
            case CMARK_NODE_PARAGRAPH where entering:
                paragraph(node)
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case CMARK_NODE_HEADING where entering:
                heading(node)
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case CMARK_NODE_HTML_BLOCK:
                htmlBlock(node)
            default:
                break
            }
        }
    }

    // MARK: Blocks

    private func position(_ node: OpaquePointer) -> (startLine: Int, startByte: Int, endLine: Int) {
        let startLine = cmark_node_get_start_line(node)
        let startByte = source.byteOffset(line: startLine, column: cmark_node_get_start_column(node))
        return (Int(startLine) - 1, startByte, Int(cmark_node_get_end_line(node)) - 1)
    }

    private mutating func paragraph(_ node: OpaquePointer) {
        let (startLine, startByte, endLine) = position(node)
        var content = BlockContent(source: source, firstByte: startByte, firstLine: startLine,
                                   lastLine: max(startLine, endLine), quoteDepth: quoteDepth)
        content = ReferenceDefinitions.dropLeading(from: content, firstInline: cmark_node_first_child(node))
        if let table = PipeTable.detect(in: content) {
            if !table.leading.isEmpty {
                addStandalone(content.slice(table.leading), kind: .paragraph)
            }
            for row in table.rows {
                for cell in PipeTable.cells(content.bytes, row) where !cell.isEmpty {
                    addStandalone(content.slice(cell), kind: .tableCell)
                }
            }
            return
        }
        var aligner = InlineAligner(source: source, content: content, usesSourcePositions: true)
        aligner.align(childrenOf: node)
        var text = aligner.output
        if let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_ITEM,
           cmark_node_first_child(parent) == node {
            GFMMarkers.dropTaskBox(&text)
        }
        GFMMarkers.dropFootnoteLabel(&text)
        add(text, kind: .paragraph)
        comments += aligner.comments
    }

    private mutating func heading(_ node: OpaquePointer) {
        let (startLine, startByte, endLine) = position(node)
        let bytes = source.bytes
        let content: BlockContent
        if endLine <= startLine {
            // ATX: skip the opening `#`s and the spaces after them; the closing sequence is never reached.
            var index = startByte
            let lineEnd = source.lineEnd(startLine)
            while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            while index < lineEnd, bytes[index] == 0x23 { index += 1 }
            while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            content = BlockContent(source: source, firstByte: index, firstLine: startLine, lastLine: startLine,
                                   quoteDepth: quoteDepth)
        } else {
            // Setext: every line but the underline (reference definitions before the text are not heading).
            content = ReferenceDefinitions.dropLeading(
                from: BlockContent(source: source, firstByte: startByte, firstLine: startLine,
                                   lastLine: endLine - 1, quoteDepth: quoteDepth),
                firstInline: cmark_node_first_child(node))
        }
        var aligner = InlineAligner(source: source, content: content, usesSourcePositions: true)
        aligner.align(childrenOf: node)
        add(aligner.output, kind: .heading)
        comments += aligner.comments
    }

    private mutating func htmlBlock(_ node: OpaquePointer) {
        // cmark 0.30's end position of an HTML block is unreliable (often before its start); count the
        // literal's lines instead.
        let (startLine, startByte, _) = position(node)
        let literal = InlineAligner.literal(node)
        var lines = 0
        for (index, byte) in literal.enumerated()
        where byte == 0x0A || (byte == 0x0D && (index + 1 == literal.count || literal[index + 1] != 0x0A)) {
            lines += 1
        }
        if let last = literal.last, last != 0x0A, last != 0x0D { lines += 1 }
        let end = max(startByte, source.lineEnd(startLine + max(lines, 1) - 1))
        comments += Self.comments(in: source.bytes, startByte..<end)
    }

    /// Every `<!-- ... -->` in a byte range.
    static func comments(in bytes: [UInt8], _ range: Range<Int>) -> [HTMLComment] {
        var found: [HTMLComment] = []
        var index = range.lowerBound
        let open: [UInt8] = Array("<!--".utf8)
        while index + 4 <= range.upperBound {
            guard bytes[index] == 0x3C, bytes[index..<(index + 4)].elementsEqual(open) else {
                index += 1
                continue
            }
            var close = index + 4
            while close + 3 <= range.upperBound,
                  !(bytes[close] == 0x2D && bytes[close + 1] == 0x2D && bytes[close + 2] == 0x3E) {
                close += 1
            }
            guard close + 3 <= range.upperBound else { break }
            let body = String(decoding: bytes[(index + 4)..<close], as: UTF8.self)
            found.append(HTMLComment(byteRange: index..<(close + 3), body: body))
            index = close + 3
        }
        return found
    }

    /// A table cell or a paragraph cut from a table's paragraph: parsed on its own by cmark, then aligned.
    /// A "." goes in front so that cmark reads it as paragraph text whatever it starts with (`<!--`, `#`, `1.`,
    /// `>`); as punctuation it leaves emphasis flanking unchanged. Its unit is dropped after aligning.
    private mutating func addStandalone(_ content: BlockContent, kind: ProseSegment.Kind) {
        var prefixed = BlockContent()
        prefixed.bytes = [0x2E] + content.bytes
        prefixed.sourceBytes = [content.sourceStart(0)] + content.sourceBytes
        if let document = Self.parse(prefixed.bytes[...], options: CMARK_OPT_DEFAULT) {
            defer { cmark_node_free(document) }
            if let block = cmark_node_first_child(document), cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH,
               cmark_node_next(block) == nil {
                var aligner = InlineAligner(source: source, content: prefixed, usesSourcePositions: false)
                aligner.align(childrenOf: block)
                var text = aligner.output
                if text.units.first == 0x2E { text.removeFirst() }
                add(text, kind: kind)
                comments += aligner.comments
                return
            }
        }
        add(Self.rawText(content, source: source), kind: kind)
    }

    /// Content taken literally (when cmark reads it as something other than one paragraph).
    static func rawText(_ content: BlockContent, source: SourceText) -> SegmentText {
        var text = SegmentText()
        var index = 0
        while index < content.count {
            let length = min(UTF8Scalar.length(lead: content.bytes[index]), content.count - index)
            let scalar = UTF8Scalar.decode(content.bytes, at: index, length: length)
            let start = source.utf16(content.sourceStart(index))
            if scalar == "\n" || scalar == "\r" {
                text.appendBreak(start: start, end: source.utf16(content.sourceEnd(index + length)))
            } else {
                text.append(scalar: scalar, start: start, end: source.utf16(content.sourceEnd(index + length)))
            }
            index += length
        }
        return text
    }

    private mutating func add(_ text: SegmentText, kind: ProseSegment.Kind) {
        var text = text
        GFMMarkers.replaceFootnoteReferences(&text)
        text.replaceBareURLs()
        text.trim()
        // A segment of nothing but placeholders (a lone image or URL) has nothing to judge.
        guard text.units.contains(where: { $0 != SegmentText.placeholder && !SegmentText.isSpace($0) }) else { return }
        segments.append(ProseSegment(kind: kind, containers: containers, text: text, segmentIndex: segments.count))
    }
}
