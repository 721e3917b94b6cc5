import Foundation

/// Puts back the Markdown marks a model dropped around words it kept: "**11 days**" answered as "11 days",
/// "[the guide](https://x.dev/guide)" as "the guide", "`init()`" as "init()". The 1.5B model drops such
/// marks in about one paragraph in ten while keeping the words. Only the source's own words, found exactly
/// once in the answer and not already marked, are wrapped again; anything else is left to `RewriteChecks`.
enum MarkupRestoration {
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
