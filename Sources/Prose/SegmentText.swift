/// Segment text under construction: UTF-16 units, each with the source span (UTF-16 offsets) it stands for.
struct SegmentText {
    static let placeholder: UInt16 = 0xFFFC

    var units: [UInt16] = []
    var starts: [Int] = []
    var ends: [Int] = []

    var isEmpty: Bool { units.isEmpty }

    mutating func append(unit: UInt16, start: Int, end: Int) {
        units.append(unit)
        starts.append(start)
        ends.append(end)
    }

    /// Appends one scalar; both halves of a surrogate pair map to the scalar's whole span.
    mutating func append(scalar: Unicode.Scalar, start: Int, end: Int) {
        let value = scalar.value
        if value < 0x10000 {
            append(unit: UInt16(value), start: start, end: end)
        } else {
            append(unit: UInt16(0xD800 + ((value - 0x10000) >> 10)), start: start, end: end)
            append(unit: UInt16(0xDC00 + (value & 0x3FF)), start: start, end: end)
        }
    }

    mutating func appendPlaceholder(start: Int, end: Int) {
        append(unit: Self.placeholder, start: start, end: end)
    }

    /// Appends a space standing for a line break, unless the text is empty or already ends in a space.
    mutating func appendBreak(start: Int, end: Int) {
        guard let last = units.last, last != 0x20 else { return }
        append(unit: 0x20, start: start, end: end)
    }

    mutating func removeFirst() {
        guard !units.isEmpty else { return }
        units.removeFirst()
        starts.removeFirst()
        ends.removeFirst()
    }

    /// Removes leading and trailing spaces.
    mutating func trim() {
        var upper = units.count
        while upper > 0, Self.isSpace(units[upper - 1]) { upper -= 1 }
        var lower = 0
        while lower < upper, Self.isSpace(units[lower]) { lower += 1 }
        if lower == 0, upper == units.count { return }
        units = Array(units[lower..<upper])
        starts = Array(starts[lower..<upper])
        ends = Array(ends[lower..<upper])
    }

    static func isSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0B || unit == 0x0D || unit == 0x0C || unit == 0xA0 || unit == 0xFEFF
    }

    /// Replaces each bare URL (`http://`, `https://`, `www.`) by one placeholder covering its source span.
    mutating func replaceBareURLs() {
        guard units.count >= 4 else { return }
        var result = SegmentText()
        var index = 0
        var replaced = false
        while index < units.count {
            if let end = BareURL.end(in: units, startingAt: index) {
                result.appendPlaceholder(start: starts[index], end: ends[end - 1])
                index = end
                replaced = true
            } else {
                result.append(unit: units[index], start: starts[index], end: ends[index])
                index += 1
            }
        }
        if replaced { self = result }
    }
}
