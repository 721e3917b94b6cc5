import Prose

/// Flags a word typed twice in a row ("the the"), a slip no spell checker catches.
/// Case-insensitive; numbers and single letters that are often doubled on purpose
/// ("a a" aside) are left alone only when they are digits.
public struct RepeatedWordRule: Rule {
    public let id = "style.repeated-word"
    public let defaultSeverity = Severity.warning
    public init() {}

    public func findings(in document: ProseDocument) -> [Finding] {
        var findings: [Finding] = []
        for segment in document.segments {
            let units = Array(segment.text.utf16)
            var previous: (range: Range<Int>, word: String)? = nil
            var index = 0
            while index < units.count {
                guard Self.isWordUnit(units[index]) else {
                    // Anything but plain spaces between two words breaks the pair ("it. It" is fine).
                    if units[index] != 0x20 { previous = nil }
                    index += 1
                    continue
                }
                let start = index
                while index < units.count, Self.isWordUnit(units[index]) || Self.isInnerApostrophe(units, index) { index += 1 }
                let word = String(decoding: units[start..<index], as: UTF16.self).lowercased()
                if let previous, previous.word == word, !word.allSatisfy(\.isNumber) {
                    // Span: from the end of the first word to the end of the second, so the fix deletes " word".
                    let span = segment.sourceRange(ofTextUTF16: previous.range.upperBound..<index)
                    let whole = segment.sourceRange(ofTextUTF16: previous.range.lowerBound..<index)
                    findings.append(Finding(
                        rule: id,
                        message: "“\(word)” is repeated.",
                        severity: defaultSeverity,
                        span: TextSpan(start: whole.lowerBound, end: whole.upperBound),
                        fixes: [Fix(title: "Remove the repeated “\(word)”",
                                    replacements: [TextReplacement(span: TextSpan(start: span.lowerBound, end: span.upperBound), newText: "")],
                                    isPreferred: true)],
                        documentation: "docs/RULES.md#stylerepeated-word"))
                }
                previous = (start..<index, word)
            }
        }
        return findings
    }

    private static func isWordUnit(_ unit: UInt16) -> Bool {
        // Letters and digits in the BMP; surrogates (emoji, astral scripts) count as non-word.
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func isInnerApostrophe(_ units: [UInt16], _ index: Int) -> Bool {
        (units[index] == 0x27 || units[index] == 0x2019) && index + 1 < units.count && isWordUnit(units[index + 1])
    }
}
