import CCmark

/// Link reference definitions (`[label]: /url "title"`) at the start of a paragraph. cmark removes them from the
/// paragraph's content but (in 0.30) not from its source position, so they are dropped here before aligning.
enum ReferenceDefinitions {
    static func dropLeading(from content: BlockContent, firstInline: OpaquePointer?) -> BlockContent {
        let bytes = content.bytes
        var position = 0
        while position < bytes.count, bytes[position] == 0x5B, let end = definitionEnd(bytes, from: position) {
            position = end
        }
        guard position > 0, position < bytes.count else { return content }
        // cmark kept a "definition" as text when the paragraph's first text still starts with it.
        if let first = firstInline, cmark_node_get_type(first) == CMARK_NODE_TEXT,
           InlineAligner.literal(first).first == 0x5B, bytes[position] != 0x5B {
            return content
        }
        var start = position
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        return content.slice(start..<bytes.count)
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
            let destinationStart = index
            while index < count, bytes[index] > 0x20 { index += 1 }
            guard index > destinationStart else { return nil }
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
