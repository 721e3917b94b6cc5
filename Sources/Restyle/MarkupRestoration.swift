import Foundation

/// Puts back what a model changed only in form. Markdown marks dropped around words it kept: "**11 days**" answered as "11 days",
/// "[the guide](https://x.dev/guide)" as "the guide", "`init()`" as "init()". The 1.5B model drops such
/// marks in about one paragraph in ten while keeping the words. Only the source's own words, found exactly
/// once in the answer and not already marked, are wrapped again; anything else is left to `RewriteChecks`.
/// And facts written another way ("four months" for "4 months", "8:00" for "08:00", "April 9" for "9 April"),
/// which the checks accept as the same fact: the user's spelling is put back, since protected values are to
/// come back exactly as written.
enum MarkupRestoration {
    /// Both repairs: facts respelled as the user wrote them, then marks dropped around kept words put back.
    static func repair(_ candidate: String, source: String) -> String {
        restore(respell(candidate, source: source), source: source)
    }

    /// Each source span missing from the answer whose canonical spelling (`RewriteChecks.spelledOut`) equals
    /// that of a span or number word the answer has and the source has not, written as in the source. Marks
    /// do not count in the comparison: "**Dec 19**" answered as "December 19" comes back as "**Dec 19**".
    static func respell(_ candidate: String, source: String) -> String {
        let sourceSpans = ProtectedSpans.spans(in: source)
        var result = candidate
        func canonical(_ span: String) -> String { RewriteChecks.spelledOut(visibleText(of: span) ?? span) }
        for span in sourceSpans {
            let answered = ProtectedSpans.spans(in: result)
            guard !answered.contains(span) else { continue }
            let wanted = canonical(span)
            let variants = answered + numberWords(in: result)
            guard let variant = variants.first(where: { !sourceSpans.contains($0) && canonical($0) == wanted }),
                  let range = result.range(of: #"(?<![\w:.])"# + NSRegularExpression.escapedPattern(for: variant) + #"(?![\w:])"#,
                                           options: .regularExpression) else { continue }
            result.replaceSubrange(range, with: span)
        }
        return result
    }

    static func numberWords(in text: String) -> [String] {
        let ns = text as NSString
        return numberWordPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    /// The words `RewriteChecks.spelledOut` reads as digits.
    static let numberWordPattern = try! NSRegularExpression(  // built from constant words
        pattern: #"\b(?i:"# + RewriteChecks.numberWords.map(\.0).joined(separator: "|") + #")\b"#)

    static func restore(_ candidate: String, source: String) -> String {
        let sourceSpans = ProtectedSpans.spans(in: source)
        let answered = Set(ProtectedSpans.spans(in: candidate))
        var result = candidate
        for span in Set(sourceSpans) where !answered.contains(span) && sourceSpans.filter({ $0 == span }).count == 1 {
            guard let words = visibleText(of: span), !words.isEmpty else { continue }
            let pattern = #"(?<![\w`*_\[~])"# + NSRegularExpression.escapedPattern(for: words) + #"(?![\w`*_\]~])"#
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let ns = result as NSString
            let matches = regex.matches(in: result, range: NSRange(location: 0, length: ns.length))
            guard matches.count == 1, let match = matches.first else { continue }
            result = ns.replacingCharacters(in: match.range, with: span)
        }
        return result
    }

    /// The words a marked span shows: emphasis, strike-through, inline code (one backtick) and link text.
    static func visibleText(of span: String) -> String? {
        for mark in ["**", "__", "~~", "*", "_", "`"] where span.count > 2 * mark.count && span.hasPrefix(mark) && span.hasSuffix(mark) {
            let inner = String(span.dropFirst(mark.count).dropLast(mark.count))
            return inner.contains(mark.prefix(1)) ? nil : inner
        }
        if span.hasPrefix("["), let close = span.range(of: "]("), span.hasSuffix(")") {
            return String(span[span.index(after: span.startIndex)..<close.lowerBound])
        }
        return nil
    }
}
