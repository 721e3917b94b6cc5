/// GFM conventions that CommonMark leaves in the text but that are not prose: task-list boxes at the start of a
/// list item (`[ ]`, `[x]`), footnote references (`[^note]`) and footnote-definition labels (`[^note]: `).
enum GFMMarkers {
    /// Removes a leading `[ ] ` / `[x] ` / `[X] ` (the caller knows the text opens a list item).
    static func dropTaskBox(_ text: inout SegmentText) {
        let units = text.units
        guard units.count >= 4, units[0] == 0x5B, units[2] == 0x5D, units[3] == 0x20,
              units[1] == 0x20 || units[1] == 0x78 || units[1] == 0x58 else { return }
        for _ in 0..<4 { text.removeFirst() }
    }

    /// Removes a leading footnote-definition label `[^label]: `.
    static func dropFootnoteLabel(_ text: inout SegmentText) {
        guard let end = footnoteEnd(text.units, at: 0), end < text.units.count, text.units[end] == 0x3A else { return }
        for _ in 0...end { text.removeFirst() }
        while let first = text.units.first, SegmentText.isSpace(first) { text.removeFirst() }
    }

    /// Replaces each footnote reference `[^label]` by one placeholder.
    static func replaceFootnoteReferences(_ text: inout SegmentText) {
        let units = text.units
        guard units.contains(0x5E) else { return }  // ^
        var result = SegmentText()
        var index = 0
        var replaced = false
        while index < units.count {
            if units[index] == 0x5B, let end = footnoteEnd(units, at: index) {
                result.appendPlaceholder(start: text.starts[index], end: text.ends[end - 1])
                index = end
                replaced = true
            } else {
                result.append(unit: units[index], start: text.starts[index], end: text.ends[index])
                index += 1
            }
        }
        if replaced { text = result }
    }

    /// If `[^label]` starts at `start` (label: 1 to 100 units, no whitespace or brackets), the index past `]`.
    private static func footnoteEnd(_ units: [UInt16], at start: Int) -> Int? {
        guard start + 3 < units.count, units[start] == 0x5B, units[start + 1] == 0x5E else { return nil }
        var index = start + 2
        while index < units.count, index - start < 103 {
            let unit = units[index]
            if unit == 0x5D { return index > start + 2 ? index + 1 : nil }
            if unit == 0x5B || SegmentText.isSpace(unit) { return nil }
            index += 1
        }
        return nil
    }
}
