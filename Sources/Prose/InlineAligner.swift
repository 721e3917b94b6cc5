import CCmark

/// A `<!-- ... -->` comment found in the source (HTML block or inline HTML), candidate for a directive.
struct HTMLComment {
    /// Source byte range of the whole comment.
    var byteRange: Range<Int>
    /// The comment body between `<!--` and `-->`.
    var body: String
}

/// Walks cmark's inline tree of one block alongside the block's raw content (cmark 0.30's inline source positions
/// go wrong past a block's first line inside containers), producing the segment text with a source span for
/// every UTF-16 unit.
///
/// Each inline node is matched against the content at a cursor: text literals byte by byte (allowing for
/// backslash escapes and entity references, which cmark has decoded), delimiters of emphasis and links skipped,
/// spans that are never judged (code, inline HTML, autolinks, images) replaced by one placeholder. When a literal
/// cannot be matched the text is still emitted, with an empty span at the cursor, so odd input degrades instead
/// of failing.
struct InlineAligner {
    let source: SourceText
    let content: BlockContent
    private(set) var cursor = 0
    private(set) var output = SegmentText()
    private(set) var comments: [HTMLComment] = []
    /// Inside an image: its alt text is walked (to keep the cursor right) but not emitted.
    private var suppressed = 0
    /// The entity reference matched last, while nothing has matched after it.
    private var lastEntity: Range<Int>?

    private enum OpenLink { case link, image(start: Int) }
    private var openLinks: [OpenLink] = []

    /// Whether the block's inlines come from the document's own parse (not a table cell parsed on its own),
    /// so that cmark's inline positions refer to the source.
    let usesSourcePositions: Bool

    init(source: SourceText, content: BlockContent, usesSourcePositions: Bool) {
        self.source = source
        self.content = content
        self.usesSourcePositions = usesSourcePositions
    }

    private var bytes: [UInt8] { content.bytes }

    // MARK: Walking the tree

    mutating func align(childrenOf block: OpaquePointer) {
        guard let iterator = cmark_iter_new(block) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            if node == block { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                matchText(Self.literal(node))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                lineBreak()
            case CMARK_NODE_CODE:
                codeSpan()
            case CMARK_NODE_HTML_INLINE:
                inlineHTML(Self.literal(node))
            case CMARK_NODE_EMPH:
                skipDelimiters(1)
            case CMARK_NODE_STRONG:
                skipDelimiters(2)
            case CMARK_NODE_LINK:
                if entering {
                    if peek() == UInt8(ascii: "<") {
                        // cmark_iter_reset also consumes the EXIT event, so nothing is pushed for it.
                        autolink()
                        cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                    } else {
                        skip(UInt8(ascii: "["))
                        openLinks.append(.link)
                    }
                } else if case .link? = openLinks.popLast() {
                    closeLink(node)
                }
            case CMARK_NODE_IMAGE:
                if entering {
                    let start = cursor
                    skip(UInt8(ascii: "!"))
                    skip(UInt8(ascii: "["))
                    suppressed += 1
                    openLinks.append(.image(start: start))
                } else if case .image(let start)? = openLinks.popLast() {
                    closeLink(node)
                    suppressed -= 1
                    emitPlaceholder(from: start, to: cursor)
                }
            default:
                break
            }
        }
    }

    static func literal(_ node: OpaquePointer) -> [UInt8] {
        guard let pointer = cmark_node_get_literal(node) else { return [] }
        let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
        var count = 0
        while bytes[count] != 0 { count += 1 }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    // MARK: Emitting

    private func utf16Start(_ index: Int) -> Int { source.utf16(content.sourceStart(index)) }
    private func utf16End(_ end: Int) -> Int { source.utf16(content.sourceEnd(end)) }

    private mutating func emit(_ scalar: Unicode.Scalar, from start: Int, to end: Int) {
        guard suppressed == 0 else { return }
        if end > start {
            output.append(scalar: scalar, start: utf16Start(start), end: utf16End(end))
        } else {
            let offset = utf16Start(start)
            output.append(scalar: scalar, start: offset, end: offset)
        }
    }

    private mutating func emitPlaceholder(from start: Int, to end: Int) {
        guard suppressed == 0 else { return }
        let lower = utf16Start(start)
        output.appendPlaceholder(start: lower, end: end > start ? utf16End(end) : lower)
    }

    // MARK: Cursor helpers

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = cursor + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func skip(_ byte: UInt8) {
        if peek() == byte {
            cursor += 1
        } else if let found = findAfterMarkup(byte) {
            cursor = found + 1
        }
    }

    /// Characters that can stand in the source between inline nodes without appearing in any literal.
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2A, 0x5F, 0x5B, 0x5D, 0x21, 0x3C, 0x3E, 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x60, 0x28, 0x29, 0x5C: true
        default: false
        }
    }

    /// The index of `byte` within a short run of markup after the cursor.
    private func findAfterMarkup(_ byte: UInt8) -> Int? {
        var index = cursor
        let limit = min(bytes.count, cursor + 16)
        while index < limit {
            if bytes[index] == byte { return index }
            if !Self.isMarkup(bytes[index]) { return nil }
            index += 1
        }
        return nil
    }

    // MARK: Nodes

    private mutating func matchText(_ literal: [UInt8]) {
        var position = 0
        while position < literal.count {
            let length = min(UTF8Scalar.length(lead: literal[position]), literal.count - position)
            let scalar = UTF8Scalar.decode(literal, at: position, length: length)
            let isWhitespace = scalar == " " || scalar == "\t"
            // The second scalar of an entity that decodes to two (`&NotEqualTilde;` is U+2242 U+0338) shares
            // the entity's span.
            if let entity = lastEntity, entity.upperBound == cursor, Self.isEntityContinuation(scalar) {
                emit(scalar, from: entity.lowerBound, to: entity.upperBound)
                position += length
                continue
            }
            if cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == 0x5C, let next = peek(1), next == literal[position], Self.isASCIIPunctuation(next) {
                    emit(scalar, from: cursor, to: cursor + 2)
                    lastEntity = nil
                    cursor += 2
                    position += 1
                    continue
                }
                if byte == 0x26, let entity = entity(at: cursor),
                   !literalHasPrefix(literal, at: position, bytes[cursor..<(cursor + entity.length)]),
                   entity.value.map({ $0 == scalar.value || (scalar == "\u{FFFD}") }) ?? !isWhitespace {
                    emit(scalar, from: cursor, to: cursor + entity.length)
                    lastEntity = cursor..<(cursor + entity.length)
                    cursor += entity.length
                    position += length
                    continue
                }
                if cursor + length <= bytes.count,
                   literalHasPrefix(literal, at: position, bytes[cursor..<(cursor + length)]) {
                    emit(scalar, from: cursor, to: cursor + length)
                    lastEntity = nil
                    cursor += length
                    position += length
                    continue
                }
                if !isWhitespace, let found = findAfterMarkup(literal[position]), found > cursor {
                    cursor = found
                    continue
                }
                // Markup before an escape or entity (a `>` marker left on a continuation line): skip it, retry.
                if !isWhitespace, let found = findAfterMarkup(0x5C) ?? findAfterMarkup(0x26), found > cursor {
                    cursor = found
                    continue
                }
            }
            // Whitespace cmark kept that the content lacks (it keeps a continuation line's indentation after a
            // backslash hard break; the content has it stripped): dropped rather than given an empty span.
            if isWhitespace {
                position += length
                continue
            }
            emit(scalar, from: cursor, to: cursor)
            position += length
        }
    }

    /// Second scalars of the HTML5 entities that decode to two: combining marks, variation selectors, hair space.
    private static func isEntityContinuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return scalar.value == 0x200A || (scalar.value >= 0xFE00 && scalar.value <= 0xFE0F)
        }
    }

    private func literalHasPrefix(_ literal: [UInt8], at position: Int, _ slice: ArraySlice<UInt8>) -> Bool {
        guard position + slice.count <= literal.count else { return false }
        var index = position
        for byte in slice {
            if literal[index] != byte { return false }
            index += 1
        }
        return true
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60)
            || (byte >= 0x7B && byte <= 0x7E)
    }

    /// An entity or numeric character reference (`&amp;`, `&#123;`, `&#x1F600;`) at `start`: its length and,
    /// when numeric, the scalar value it decodes to (as cmark decodes it: 0 and invalid values to U+FFFD).
    private func entity(at start: Int) -> (length: Int, value: UInt32?)? {
        var index = start + 1
        let limit = min(bytes.count, start + 40)
        guard index < limit else { return nil }
        var value: UInt32?
        if bytes[index] == 0x23 {  // #
            index += 1
            var hex = false
            if index < limit, bytes[index] | 0x20 == 0x78 { hex = true; index += 1 }
            let digitsStart = index
            var number: UInt32 = 0
            while index < limit, Self.isDigit(bytes[index], hex: hex), index - digitsStart < 8 {
                let digit = bytes[index]
                let digitValue = digit <= 0x39 ? UInt32(digit - 0x30) : UInt32((digit | 0x20) - 0x61 + 10)
                number = number * (hex ? 16 : 10) + digitValue
                index += 1
            }
            guard index > digitsStart, index - digitsStart <= (hex ? 6 : 7) else { return nil }
            let valid = number != 0 && Unicode.Scalar(number) != nil
            value = valid ? number : 0xFFFD
        } else {
            let nameStart = index
            while index < limit, Self.isAlphanumeric(bytes[index]) { index += 1 }
            guard index > nameStart else { return nil }
        }
        guard index < bytes.count, bytes[index] == 0x3B else { return nil }  // ;
        return (index + 1 - start, value)
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        if byte >= 0x30 && byte <= 0x39 { return true }
        let lower = byte | 0x20
        return hex && lower >= 0x61 && lower <= 0x66
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A)
    }

    private mutating func lineBreak() {
        var index = cursor
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x5C { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D else {
            emit(" ", from: cursor, to: cursor)
            return
        }
        let start = index
        if bytes[index] == 0x0D { index += 1 }
        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        emit(" ", from: start, to: index)
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        cursor = index
    }

    private mutating func codeSpan() {
        var open = cursor
        if peek() != 0x60, let found = findAfterMarkup(0x60) { open = found }
        var index = open
        while index < bytes.count, bytes[index] == 0x60 { index += 1 }
        let width = index - open
        var end = index
        if width > 0 {
            while index < bytes.count {
                if bytes[index] == 0x60 {
                    let runStart = index
                    while index < bytes.count, bytes[index] == 0x60 { index += 1 }
                    if index - runStart == width { end = index; break }
                } else {
                    index += 1
                }
            }
        }
        emitPlaceholder(from: open, to: end)
        cursor = end
    }

    private mutating func inlineHTML(_ literal: [UInt8]) {
        var start = cursor
        if peek() != 0x3C, let found = findAfterMarkup(0x3C) { start = found }
        var end: Int
        if let matched = matchAcrossLineEndings(literal, at: start) {
            end = matched
        } else {
            end = start
            while end < bytes.count, bytes[end] != 0x3E { end += 1 }
            end = min(end + 1, bytes.count)
        }
        emitPlaceholder(from: start, to: end)
        if literal.starts(with: Array("<!--".utf8)), literal.count >= 7, end > start {
            let body = String(decoding: literal[4..<(literal.count - 3)], as: UTF8.self)
            comments.append(HTMLComment(byteRange: content.sourceStart(start)..<content.sourceEnd(end), body: body))
        }
        cursor = end
    }

    /// Where `literal` ends when matched against the content at `start`. cmark turns a lone `\r` line ending
    /// into `\n` in literals, and keeps some of a continuation line's indentation that the content drops, so
    /// line endings match any line ending and the whitespace after them is skipped on both sides.
    private func matchAcrossLineEndings(_ literal: [UInt8], at start: Int) -> Int? {
        var position = start
        var index = 0
        while index < literal.count {
            guard position < bytes.count else { return nil }
            let byte = literal[index]
            let current = bytes[position]
            if byte == 0x0A || byte == 0x0D {
                guard current == 0x0A || current == 0x0D else { return nil }
                index += byte == 0x0D && index + 1 < literal.count && literal[index + 1] == 0x0A ? 2 : 1
                position += current == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A ? 2 : 1
                while index < literal.count, literal[index] == 0x20 || literal[index] == 0x09 { index += 1 }
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            } else if current == byte {
                index += 1
                position += 1
            } else {
                return nil
            }
        }
        return position
    }

    private mutating func skipDelimiters(_ count: Int) {
        var remaining = count
        while remaining > 0, let byte = peek(), byte == 0x2A || byte == 0x5F {
            cursor += 1
            remaining -= 1
        }
    }

    private mutating func autolink() {
        var end = cursor
        while end < bytes.count, bytes[end] != 0x3E { end += 1 }
        end = min(end + 1, bytes.count)
        emitPlaceholder(from: cursor, to: end)
        cursor = end
    }

    /// After a link's or image's text: skips `]` and the destination `(...)` or reference label `[...]`,
    /// unless the text that follows the link in the tree shows that part was not taken by the link.
    private mutating func closeLink(_ node: OpaquePointer) {
        skip(UInt8(ascii: "]"))
        let tailEnd = linkTailEnd(from: cursor)
        guard tailEnd > cursor else { return }
        let tail = bytes[cursor..<tailEnd]
        // An inline link's destination is its URL; when they differ the `(...)` after a reference link is text.
        if tail.first == 0x28, let matches = destinationMatchesURL(tail, node) {
            if matches { cursor = tailEnd }
            return
        }
        // A link with empty text cannot be a shortcut reference, so a `[label]` after it is its own.
        if cmark_node_first_child(node) != nil, followingTextStarts(with: tail, after: node) {
            // Ambiguous (`[a][b][b]`): cmark's own end column decides, where it can be trusted.
            if let end = trustedSourceEnd(node), end >= content.sourceEnd(tailEnd) { cursor = tailEnd }
            return
        }
        cursor = tailEnd
    }

    /// The source byte just past an inline node by cmark 0.30's inline positions, which are right only on the
    /// block's first line (later lines are off by container prefixes) and only for the main parse.
    private func trustedSourceEnd(_ node: OpaquePointer) -> Int? {
        guard usesSourcePositions, !content.sourceBytes.isEmpty else { return nil }
        let line = cmark_node_get_end_line(node)
        let firstLine = source.line(ofByte: content.sourceBytes[0]) + 1
        guard line > 0, cmark_node_get_start_line(node) == line, Int(line) == firstLine else { return nil }
        return source.byteOffset(line: line, column: cmark_node_get_end_column(node)) + 1
    }

    /// Whether the text after the link in the tree starts like the tail (so the tail was not the link's).
    private func followingTextStarts(with tail: ArraySlice<UInt8>, after node: OpaquePointer) -> Bool {
        var collected: [UInt8] = []
        var next = cmark_node_next(node)
        while let sibling = next, collected.count < tail.count, cmark_node_get_type(sibling) == CMARK_NODE_TEXT {
            collected.append(contentsOf: Self.literal(sibling))
            next = cmark_node_next(sibling)
        }
        return !collected.isEmpty && spellsLoosely(collected, tail)
    }

    /// Whether `literal` and the content `slice` agree for as far as both go, reading the content's backslash
    /// escapes and entity references as cmark does (each entity standing for one scalar of the literal).
    private func spellsLoosely(_ literal: [UInt8], _ slice: ArraySlice<UInt8>) -> Bool {
        var index = slice.startIndex
        var position = 0
        while position < literal.count, index < slice.endIndex {
            let byte = slice[index]
            if byte == literal[position] {
                index += 1
                position += 1
            } else if byte == 0x5C, index + 1 < slice.endIndex, slice[index + 1] == literal[position] {
                index += 2
                position += 1
            } else if byte == 0x26, let entity = entity(at: index), index + entity.length <= slice.endIndex {
                index += entity.length
                position += UTF8Scalar.length(lead: literal[position])
                // The second scalar of a two-scalar entity.
                if position < literal.count {
                    let length = min(UTF8Scalar.length(lead: literal[position]), literal.count - position)
                    if Self.isEntityContinuation(UTF8Scalar.decode(literal, at: position, length: length)) {
                        position += length
                    }
                }
            } else {
                return false
            }
        }
        return true
    }

    /// Whether the destination in `(dest ...)` is, escapes and percent-encoding aside, the node's URL; nil when
    /// it holds an entity reference (not decoded here).
    private func destinationMatchesURL(_ tail: ArraySlice<UInt8>, _ node: OpaquePointer) -> Bool? {
        guard let pointer = cmark_node_get_url(node) else { return nil }
        let url = Array(String(cString: pointer).utf8)
        var index = tail.startIndex + 1
        while index < tail.endIndex, tail[index] == 0x20 || tail[index] == 0x09 || tail[index] == 0x0A || tail[index] == 0x0D {
            index += 1
        }
        var destination: [UInt8] = []
        let angled = index < tail.endIndex && tail[index] == 0x3C
        if angled { index += 1 }
        var depth = 0
        while index < tail.endIndex {
            let byte = tail[index]
            let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if angled ? byte == 0x3E : (isSpace || (byte == 0x29 && depth == 0)) { break }
            if byte == 0x5C, index + 1 < tail.endIndex, Self.isASCIIPunctuation(tail[index + 1]) {
                destination.append(tail[index + 1])
                index += 2
                continue
            }
            if byte == 0x28 { depth += 1 } else if byte == 0x29 { depth -= 1 }
            destination.append(byte)
            index += 1
        }
        if url == destination || Self.percentDecoded(url) == Self.percentDecoded(destination) { return true }
        return destination.contains(0x26) ? nil : false
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
               let low = hexValue(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private func linkTailEnd(from start: Int) -> Int {
        guard start < bytes.count else { return start }
        let limit = min(bytes.count, start + 8192)
        var index = start + 1
        if bytes[start] == 0x28 {  // (
            var depth = 1
            var afterSpace = false
            var seenDestination = false
            while index < limit {
                let byte = bytes[index]
                let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                if byte == 0x5C { index += 2; afterSpace = false; seenDestination = true; continue }
                if seenDestination, afterSpace, byte == 0x22 || byte == 0x27 {  // a title in quotes
                    index += 1
                    while index < limit, bytes[index] != byte {
                        index += bytes[index] == 0x5C ? 2 : 1
                    }
                    index += 1
                    afterSpace = false
                    continue
                }
                if byte == 0x3C, !seenDestination {  // <destination>
                    while index < limit, bytes[index] != 0x3E, bytes[index] != 0x0A {
                        index += bytes[index] == 0x5C ? 2 : 1
                    }
                    index += 1
                    afterSpace = false
                    seenDestination = true
                    continue
                }
                if !isSpace { seenDestination = true }
                if byte == 0x28 {
                    depth += 1
                } else if byte == 0x29 {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                afterSpace = isSpace
                index += 1
            }
            return start
        }
        if bytes[start] == 0x5B {  // [
            let labelLimit = min(bytes.count, start + 1001)
            while index < labelLimit {
                switch bytes[index] {
                case 0x5C: index += 2
                case 0x5D: return index + 1
                case 0x5B: return start
                default: index += 1
                }
            }
        }
        return start
    }
}
