import CCmark

/// Link reference definitions (`[label]: /url "title"`) at the start of a paragraph. cmark removes them from the
/// paragraph's content but (in 0.30) not from its source position, so they are dropped here before aligning.
enum ReferenceDefinitions {
    static func dropLeading(from content: BlockContent, firstInline: OpaquePointer?) -> BlockContent {
        let bytes = content.bytes
        // Where the text could start: after each definition in turn. This scan is more lenient than cmark's
        // (cmark, for one, sees a continuation line's indentation and stops there), so the paragraph's first
        // text picks the candidate: the last one it matches, else the last one.
        var candidates: [Int] = []
        var position = 0
        while position < bytes.count, bytes[position] == 0x5B, let ends = definitionEnds(bytes, from: position) {
            for end in ends {
                position = end
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                if position < bytes.count { candidates.append(position) }
            }
        }
        guard let last = candidates.last else { return content }
        let start: Int
        switch leadingInline(firstInline) {
        case .text(let leading):
            if let matching = candidates.last(where: { matches(leading, bytes, at: $0) }) {
                start = matching
            } else if matches(leading, bytes, at: 0) {
                return content
            } else {
                start = last
            }
        case .markup(let firstBytes):
            start = candidates.last(where: { firstBytes.contains(bytes[$0]) }) ?? last
        case .unknown:
            start = last
        }
        return content.slice(start..<bytes.count)
    }

    private enum LeadingInline {
        case text([UInt8])
        case markup(Set<UInt8>)
        case unknown
    }

    /// How the paragraph's inlines start: up to 16 bytes of literal text without leading whitespace (cmark
    /// keeps a continuation line's indentation there; the content does not), or the bytes markup can start with.
    private static func leadingInline(_ first: OpaquePointer?) -> LeadingInline {
        var text: [UInt8] = []
        var node = first
        while let current = node, text.count < 32 {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT:
                text += InlineAligner.literal(current)
                text = Array(text.drop(while: { $0 == 0x20 || $0 == 0x09 }))
                node = cmark_node_next(current)
                continue
            case CMARK_NODE_LINK where text.isEmpty, CMARK_NODE_IMAGE where text.isEmpty:
                // "[text" or "![text" (an autolink "<" has no "[").
                let opener: [UInt8] = cmark_node_get_type(current) == CMARK_NODE_IMAGE ? [0x21, 0x5B] : [0x5B]
                if let child = cmark_node_first_child(current), cmark_node_get_type(child) == CMARK_NODE_TEXT {
                    let childText = InlineAligner.literal(child)
                    if let pointer = cmark_node_get_url(current), childText == Array(String(cString: pointer).utf8) {
                        return .markup([0x3C])  // an autolink's text is its URL
                    }
                    return .text(Array((opener + childText).prefix(16)))
                }
                return .markup([opener[0], 0x3C])
            case CMARK_NODE_EMPH where text.isEmpty, CMARK_NODE_STRONG where text.isEmpty: return .markup([0x2A, 0x5F])
            case CMARK_NODE_CODE where text.isEmpty: return .markup([0x60])
            case CMARK_NODE_HTML_INLINE where text.isEmpty: return .markup([0x3C])
            default: break
            }
            break
        }
        return text.isEmpty ? .unknown : .text(Array(text.prefix(16)))
    }

    /// Whether the content at `start` spells `literal`, allowing backslash escapes and entity references
    /// (each standing for one scalar of the literal; not decoded here).
    private static func matches(_ literal: [UInt8], _ bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        var position = 0
        while position < literal.count {
            guard index < bytes.count else { return false }
            let byte = literal[position]
            if bytes[index] == 0x26, let length = entityLength(bytes, at: index),
               !bytes[index..<(index + length)].elementsEqual(literal[position..<min(literal.count, position + length)]) {
                index += length
                position += UTF8Scalar.length(lead: byte)
            } else if bytes[index] == byte {
                index += 1
                position += 1
            } else if bytes[index] == 0x5C, index + 1 < bytes.count, bytes[index + 1] == byte {
                index += 2
                position += 1
            } else {
                return false
            }
        }
        return true
    }

    /// Length of `&name;` or `&#digits;` at `start` (syntax only).
    private static func entityLength(_ bytes: [UInt8], at start: Int) -> Int? {
        var index = start + 1
        let limit = min(bytes.count, start + 40)
        while index < limit {
            let byte = bytes[index]
            if byte == 0x3B { return index > start + 1 ? index + 1 - start : nil }
            let lower = byte | 0x20
            guard (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || byte == 0x23 else { return nil }
            index += 1
        }
        return nil
    }

    /// Where the definition starting at `start` may end: the start of the line after it (or the content end);
    /// when a title on the next line may belong to it, the end without and the end with that title.
    static func definitionEnds(_ bytes: [UInt8], from start: Int) -> [Int]? {
        let count = bytes.count
        var index = start + 1
        while index < count, bytes[index] != 0x5D {  // ]
            if bytes[index] == 0x5B { return nil }
            index += bytes[index] == 0x5C ? 2 : 1
            if index - start > 1000 { return nil }
        }
        guard index < count, index > start + 1, index + 1 < count, bytes[index + 1] == 0x3A else { return nil }
        index += 2
        index = skipSpaces(bytes, index)
        index = skipOneNewline(bytes, index)
        index = skipSpaces(bytes, index)
        guard index < count else { return nil }
        if bytes[index] == 0x3C {  // <destination>
            while index < count, bytes[index] != 0x3E, !isNewline(bytes[index]) { index += 1 }
            guard index < count, bytes[index] == 0x3E else { return nil }
            index += 1
        } else {
            // As cmark scans it: up to whitespace, parentheses balanced, backslash escapes skipped.
            let destinationStart = index
            var depth = 0
            scan: while index < count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: break scan
                case 0x5C: index += index + 1 < count && InlineAligner.isASCIIPunctuation(bytes[index + 1]) ? 2 : 1
                case 0x28: depth += 1; index += 1
                case 0x29:
                    if depth == 0 { break scan }
                    depth -= 1
                    index += 1
                default: index += 1
                }
            }
            guard index > destinationStart, depth == 0 else { return nil }
        }
        let destinationEnd = index
        index = skipSpaces(bytes, index)
        if index >= count || isNewline(bytes[index]) {
            let afterDestination = skipOneNewline(bytes, index)
            // A title may follow on the next line.
            if let afterTitle = titleLineEnd(bytes, skipSpaces(bytes, afterDestination)) {
                return [afterDestination, afterTitle]
            }
            return [afterDestination]
        }
        guard index > destinationEnd else { return nil }
        return titleLineEnd(bytes, index).map { [$0] }
    }

    /// After a title starting at `start` and the rest of its line (which must be blank).
    private static func titleLineEnd(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        let open = bytes[start]
        let close: UInt8
        switch open {
        case 0x22, 0x27: close = open
        case 0x28: close = 0x29
        default: return nil
        }
        var index = start + 1
        while index < bytes.count, bytes[index] != close {
            if open == 0x28, bytes[index] == 0x28 { return nil }  // a (title) cannot hold an unescaped (
            index += bytes[index] == 0x5C ? 2 : 1
        }
        guard index < bytes.count else { return nil }
        index = skipSpaces(bytes, index + 1)
        guard index >= bytes.count || isNewline(bytes[index]) else { return nil }
        return skipOneNewline(bytes, index)
    }

    private static func isNewline(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    private static func skipSpaces(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    private static func skipOneNewline(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        if index < bytes.count, bytes[index] == 0x0D { index += 1 }
        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        return index
    }
}
