/// Recognises bare URLs in text the way GFM's autolink extension does, closely enough for prose checking:
/// `http://`, `https://` or `www.` at a word start, up to whitespace or `<`, minus trailing punctuation.
enum BareURL {
    private static let prefixes: [[UInt16]] = ["https://", "http://", "www."].map { Array($0.utf16) }

    /// If a URL starts at `start`, the index just past it.
    static func end(in units: [UInt16], startingAt start: Int) -> Int? {
        let first = units[start]
        guard first == 0x68 || first == 0x48 || first == 0x77 || first == 0x57 else { return nil }  // h H w W
        if start > 0, isWordUnit(units[start - 1]) { return nil }
        guard let prefix = prefixes.first(where: { matches($0, in: units, at: start) }) else { return nil }
        var end = start + prefix.count
        // Something must follow the prefix: a domain character.
        guard end < units.count, isURLUnit(units[end]), isWordUnit(units[end]) else { return nil }
        while end < units.count, isURLUnit(units[end]) { end += 1 }
        // Trailing punctuation belongs to the sentence; a `)` only when unbalanced inside the URL.
        var opens = 0
        var closes = 0
        for unit in units[start..<end] {
            if unit == 0x28 { opens += 1 } else if unit == 0x29 { closes += 1 }
        }
        while end > start + prefix.count {
            let last = units[end - 1]
            if trailingPunctuation.contains(last) {
                end -= 1
            } else if last == 0x29, closes > opens {  // )
                closes -= 1
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    private static let trailingPunctuation: Set<UInt16> = Set("?!.,:;*_~'\"".utf16)

    private static func matches(_ prefix: [UInt16], in units: [UInt16], at start: Int) -> Bool {
        guard start + prefix.count <= units.count else { return false }
        for (offset, unit) in prefix.enumerated() {
            var value = units[start + offset]
            if value >= 0x41, value <= 0x5A { value += 0x20 }
            if value != unit { return false }
        }
        return true
    }

    private static func isURLUnit(_ unit: UInt16) -> Bool {
        !(unit <= 0x20 || unit == 0x3C || unit == 0x3E || unit == SegmentText.placeholder || unit == 0xA0
          || unit == 0x3000 || unit == 0x201C || unit == 0x201D)
    }

    static func isWordUnit(_ unit: UInt16) -> Bool {
        (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x61 && unit <= 0x7A)
            || unit == 0x5F || unit >= 0x80 && unit != SegmentText.placeholder && unit != 0xA0
    }
}
