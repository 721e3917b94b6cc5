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
        while position < bytes.count, bytes[position] == 0x5B, let end = definitionEnd(bytes, from: position) {
            position = end
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            if position < bytes.count { candidates.append(position) }
        }
        guard let last = candidates.last else { return content }
        let leading = leadingText(firstInline)
        var start = last
        if !leading.isEmpty {
            if let matching = candidates.last(where: { matches(leading, bytes, at: $0) }) {
                start = matching
            } else if matches(leading, bytes, at: 0) {
                return content
            }
        }
        return content.slice(start..<bytes.count)
    }

    /// Up to 16 bytes of the literal text the paragraph's inlines start with, without leading whitespace
    /// (cmark keeps a continuation line's indentation there; the content does not).
    private static func leadingText(_ first: OpaquePointer?) -> [UInt8] {
        var text: [UInt8] = []
        var node = first
        while let current = node, text.count < 32, cmark_node_get_type(current) == CMARK_NODE_TEXT {
            text += InlineAligner.literal(current)
            node = cmark_node_next(current)
        }
        return Array(text.drop(while: { $0 == 0x20 || $0 == 0x09 }).prefix(16))
    }

    /// Whether the content at `start` spells `literal`, allowing backslash escapes; an entity reference
    /// (not decoded here) ends the comparison as a match.
    private static func matches(_ literal: [UInt8], _ bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        for byte in literal {
            guard index < bytes.count else { return false }
            if bytes[index] == byte {
                index += 1
            } else if bytes[index] == 0x5C, index + 1 < bytes.count, bytes[index + 1] == byte {
                index += 2
            } else {
                return bytes[index] == 0x26
            }
        }
        return true
    }

    /// Where the definition starting at `start` ends: the start of the line after it (or the content end).
    static func definitionEnd(_ bytes: [UInt8], from start: Int) -> Int? {
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
            if let afterTitle = titleLineEnd(bytes, skipSpaces(bytes, afterDestination)) { return afterTitle }
            return afterDestination
        }
        guard index > destinationEnd else { return nil }
        return titleLineEnd(bytes, index)
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
