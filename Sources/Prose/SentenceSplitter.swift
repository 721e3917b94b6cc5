/// Splits segment text into sentences. A sentence ends after a run of terminators (`.`, `!`, `?`, `…`, CJK
/// `。！？`) and any closing quotes or brackets, before whitespace; CJK terminators need no whitespace.
/// A period does not end a sentence after a known abbreviation (`e.g.`, `Dr.`, `vs.`), an initialism (`U.S.`)
/// or single initial, nor when the next word starts lowercase; decimals and version numbers (`3.14`, `v1.2.3`)
/// never qualify since no whitespace follows their dots. An ellipsis ends a sentence only before a capital.
/// Placeholders (U+FFFC for code and URLs) are ordinary word characters, except right after a terminator
/// (`claim.[^1]`), where they close the sentence like a quote.
enum SentenceSplitter {
    /// Trimmed, non-empty UTF-16 ranges of the sentences of `units`.
    static func sentences(in units: [UInt16]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var index = 0
        let count = units.count
        while index < count {
            guard isTerminator(units[index]) else {
                index += 1
                continue
            }
            let runStart = index
            var runEnd = index
            while runEnd < count, isTerminator(units[runEnd]) { runEnd += 1 }
            var after = runEnd
            while after < count, isCloser(units[after]) { after += 1 }
            let cjk = units[runStart..<runEnd].contains(where: isCJKTerminator)
            if after < count, cjk || isSpace(units[after]) {
                var next = after
                while next < count, isSpace(units[next]) { next += 1 }
                if next < count, cjk || endsSentence(units, run: runStart..<runEnd, next: next) {
                    appendTrimmed(units, start..<after, to: &result)
                    start = after
                }
            }
            index = max(after, runStart + 1)
        }
        appendTrimmed(units, start..<count, to: &result)
        return result
    }

    private static func appendTrimmed(_ units: [UInt16], _ range: Range<Int>, to result: inout [Range<Int>]) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(units[lower]) { lower += 1 }
        while upper > lower, isSpace(units[upper - 1]) { upper -= 1 }
        if lower < upper { result.append(lower..<upper) }
    }

    private static func endsSentence(_ units: [UInt16], run: Range<Int>, next: Int) -> Bool {
        // The first letter of the next sentence, past opening quotes and brackets.
        var letterIndex = next
        while letterIndex < units.count, isOpener(units[letterIndex]) { letterIndex += 1 }
        let nextUnit = letterIndex < units.count ? units[letterIndex] : units[next]
        let nextIsLower = isLowercase(nextUnit)
        let nextIsUpper = isUppercase(nextUnit)
        let nextIsDigit = nextUnit >= 0x30 && nextUnit <= 0x39
        let onlyPeriods = units[run].allSatisfy { $0 == 0x2E }
        let isEllipsis = (onlyPeriods && run.count >= 2) || units[run].contains(0x2026)
        if isEllipsis { return nextIsUpper }
        if !onlyPeriods { return !nextIsLower }  // ? ! ?! — "Why?" she asked.
        if nextIsLower { return false }

        // The word before the period, with inner periods ("e.g", "U.S").
        var wordStart = run.lowerBound
        while wordStart > 0, isLetter(units[wordStart - 1]) || units[wordStart - 1] == 0x2E { wordStart -= 1 }
        while wordStart < run.lowerBound, units[wordStart] == 0x2E { wordStart += 1 }
        guard wordStart < run.lowerBound else { return true }
        let word = String(utf16Units: units[wordStart..<run.lowerBound])
        let lower = word.lowercased()
        if titles.contains(lower) || nonTerminal.contains(lower) { return false }
        if beforeNumber.contains(lower) { return !nextIsDigit }
        if endCapable.contains(lower) { return nextIsUpper }
        if isInitialism(units[wordStart..<run.lowerBound]) { return false }
        return true
    }

    /// "U.S", "A.B.C", or a single capital letter (an initial: "J. Smith").
    private static func isInitialism(_ word: ArraySlice<UInt16>) -> Bool {
        var letters = 0
        var expectLetter = true
        for unit in word {
            if expectLetter {
                guard isLetter(unit) else { return false }
                letters += 1
            } else if unit != 0x2E {
                return false
            }
            expectLetter.toggle()
        }
        if letters == 1 { return word.first.map(isUppercase) ?? false }
        return letters > 1
    }

    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "col", "capt", "lt", "sgt", "rev", "hon", "gov",
        "sen", "rep", "pres", "messrs", "mme", "mlle", "fr", "sr", "jr",
    ]
    static let nonTerminal: Set<String> = [
        "e.g", "i.e", "vs", "cf", "viz", "approx", "ca", "esp", "incl", "resp", "a.k.a", "ibid", "eg", "ie", "et",
    ]
    static let beforeNumber: Set<String> = ["no", "nos", "fig", "figs", "vol", "vols", "p", "pp", "eq", "sec", "ch", "art", "ref", "op"]
    static let endCapable: Set<String> = ["etc", "al", "inc", "ltd", "co", "corp", "bros"]

    private static func isTerminator(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049: true
        default: isCJKTerminator(unit)
        }
    }

    private static func isCJKTerminator(_ unit: UInt16) -> Bool {
        unit == 0x3002 || unit == 0xFF01 || unit == 0xFF1F || unit == 0xFF0E
    }

    private static func isCloser(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x201D, 0x2019, 0xBB, 0x203A, 0x300D, 0x300F, 0xFF09, 0x3011: true
        case SegmentText.placeholder: true  // a footnote reference or comment right after the period
        default: false
        }
    }

    private static func isOpener(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0x201C, 0x2018, 0xAB, 0x2039, 0x300C, 0x300E, 0xFF08, 0xBF, 0xA1, 0x2A, 0x5F: true
        default: false
        }
    }

    static func isSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D || unit == 0x0C || unit == 0xA0 || unit == 0x3000
    }

    private static func isLetter(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return (unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7A }
        return Unicode.Scalar(unit)?.properties.isAlphabetic ?? false
    }

    private static func isLowercase(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit >= 0x61 && unit <= 0x7A }
        return Unicode.Scalar(unit)?.properties.isLowercase ?? false
    }

    private static func isUppercase(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit >= 0x41 && unit <= 0x5A }
        return Unicode.Scalar(unit)?.properties.isUppercase ?? false
    }
}
