import Foundation

/// The pieces of a text a rewrite must return exactly as written: inline code, links, URLs, numbers, dates,
/// times, versions, emphasis spans, inline HTML, e-mail addresses, words with digits ("4B", "p95").
/// Found by one pattern of alternatives in priority order, so a span inside another ("2" in "2.4.1", a URL
/// inside a link) is not found on its own.
public enum ProtectedSpans {
    /// The spans of `text` in order of appearance. A bare URL does not take the sentence's closing
    /// punctuation with it.
    public static func spans(in text: String) -> [String] {
        let ns = text as NSString
        var spans: [String] = []
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            var range = match.range
            if match.range(at: 1).location != NSNotFound {
                while range.length > 0, ",.;:!?)'\"".utf16.contains(ns.character(at: range.location + range.length - 1)) {
                    range.length -= 1
                }
            }
            if range.length > 0 { spans.append(ns.substring(with: range)) }
        }
        return spans
    }

    private static let months = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"

    /// Alternatives in priority order; group 1 marks bare URLs (trailing punctuation is trimmed).
    static let pattern: NSRegularExpression = {
        let alternatives = [
            #"(https?://[^\s<>`]+|www\.[^\s<>`]+)"#,          // bare URL (group 1)
            #"(`+)[\s\S]*?\2"#,                                // inline code
            #"!?\[[^\]\n]*\]\([^)\n]*\)"#,                     // inline link or image
            #"!?\[[^\]\n]*\]\[[^\]\n]*\]"#,                    // reference link
            #"<(?:https?://|mailto:)[^>\s]+>"#,                // autolink
            #"<[A-Za-z/][^>\n]*>"#,                            // inline HTML
            #"\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~"#,       // strong, strikethrough
            #"\*[^*\s][^*\n]*\*|(?<![\w])_[^_\s][^_\n]*_(?![\w])"#, // emphasis
            #"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#,                  // email
            #"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b"#, // ISO date
            #"\b\d{1,2}/\d{1,2}/\d{2,4}\b"#,                   // numeric date
            #"\b(?:\#(months))\.? \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b"#, // month-name date
            #"\b\d{1,2}(?:st|nd|rd|th)? (?:\#(months))(?: \d{4})?\b"#,
            #"\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?"#,            // time of day
            #"\bv?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.]+)?\b"#,     // version
            #"\b(?=[\w-]*\d)[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b"#, // hyphenated code with a digit: CLM-449201, EC-3
            #"[$€£¥]?\d[\d,]*(?:\.\d+)?(?:%|\b)"#,             // number
            #"\b(?=[A-Za-z_]*\d)[A-Za-z0-9_]+\b"#,               // word with a digit: 4B, p95, 2FA, 3rd
            #"\\[\\`*_{}\[\]()#+\-.!|]"#,                      // Markdown escape
        ]
        // The pattern is a compile-time constant; failure would be a programming error caught by tests.
        return try! NSRegularExpression(pattern: alternatives.joined(separator: "|"), options: [])
    }()
}
