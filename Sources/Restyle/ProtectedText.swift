import Foundation

/// Text whose untouchable pieces (inline code, links, URLs, numbers, dates, versions, emphasis spans,
/// inline HTML) are replaced by numbered placeholders `{1}`, `{2}`, ... before generation.
/// Whole spans are masked, markers and content together, so a rewrite can neither break the Markdown
/// nor change a protected value; a candidate must carry each of its placeholders exactly once.
public struct ProtectedText: Sendable, Equatable {
    /// The text with placeholders.
    public let masked: String
    /// Original text of placeholder `{i}` at index `i - 1`.
    public let protected: [String]

    public init(masking text: String, firstIndex: Int = 1) {
        var output = ""
        var protected: [String] = []
        let ns = text as NSString
        var cursor = 0
        for match in Self.pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            var range = match.range
            // A bare URL does not take the sentence's closing punctuation with it.
            if match.range(at: 1).location != NSNotFound {
                while range.length > 0, ",.;:!?)'\"".utf16.contains(ns.character(at: range.location + range.length - 1)) {
                    range.length -= 1
                }
            }
            guard range.location >= cursor, range.length > 0 else { continue }
            output += ns.substring(with: NSRange(location: cursor, length: range.location - cursor))
            protected.append(ns.substring(with: range))
            output += "{\(firstIndex + protected.count - 1)}"
            cursor = range.location + range.length
        }
        output += ns.substring(from: cursor)
        self.masked = output
        self.protected = protected
        self.firstIndex = firstIndex
    }

    let firstIndex: Int

    /// Placeholder numbers present in `text`, in order of appearance.
    public static func placeholders(in text: String) -> [Int] {
        let ns = text as NSString
        return placeholderPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap {
            Int(ns.substring(with: $0.range(at: 1)))
        }
    }

    /// Replaces placeholders in `text` by their originals. Returns nil when `text` lost, repeated or
    /// invented a placeholder relative to `expected` (the placeholders of the source it rewrites).
    public func restore(_ text: String, expecting expected: [Int]) -> String? {
        let found = Self.placeholders(in: text)
        guard found.sorted() == expected.sorted() else { return nil }
        let ns = text as NSString
        var output = ""
        var cursor = 0
        for match in Self.placeholderPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let number = Int(ns.substring(with: match.range(at: 1))) else { return nil }
            let index = number - firstIndex
            guard protected.indices.contains(index) else { return nil }
            output += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            output += protected[index]
            cursor = match.range.location + match.range.length
        }
        return output + ns.substring(from: cursor)
    }

    /// Masks a text that shows protected spans as they are (a model's answer to the unmasked source):
    /// each expected span must occur exactly once, whole (not inside a longer word or number), and becomes
    /// its placeholder again. Nil when a span is missing, repeated or altered, or when the text holds a span
    /// the source did not (a new number, date, link or code span is an invented fact: "seven days" → "7 days").
    public func remask(_ text: String, expecting expected: [Int]) -> String? {
        var result = text
        // Longest first, so a span inside another ("2" in "2.4.1") cannot claim its text.
        let spans = expected.compactMap { number -> (Int, String)? in
            protected.indices.contains(number - firstIndex) ? (number, protected[number - firstIndex]) : nil
        }.sorted { $0.1.count > $1.1.count }
        guard spans.count == expected.count else { return nil }
        for (number, span) in spans {
            let pattern = #"(?<![\w.])"# + NSRegularExpression.escapedPattern(for: span) + #"(?![\w]|\.\w)"#
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            let ns = result as NSString
            let matches = regex.matches(in: result, range: NSRange(location: 0, length: ns.length))
            guard matches.count == 1, let match = matches.first else { return nil }
            result = ns.replacingCharacters(in: match.range, with: "{\(number)}")
        }
        let invented = ProtectedText(masking: result).protected.contains { Self.placeholders(in: $0).isEmpty }
        return invented ? nil : result
    }

    /// Restores every placeholder (for text known to be intact, such as the source).
    public var original: String {
        restore(masked, expecting: Self.placeholders(in: masked)) ?? masked
    }

    static let placeholderPattern = try! NSRegularExpression(pattern: #"\{(\d+)\}"#)  // constant pattern

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
            #"\{\d+\}"#,                                       // text that looks like a placeholder
            #"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b"#, // ISO date
            #"\b\d{1,2}/\d{1,2}/\d{2,4}\b"#,                   // numeric date
            #"\b(?:\#(months))\.? \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b"#, // month-name date
            #"\b\d{1,2}(?:st|nd|rd|th)? (?:\#(months))(?: \d{4})?\b"#,
            #"\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?"#,            // time of day
            #"\bv?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.]+)?\b"#,     // version
            #"[$€£¥]?\d[\d,]*(?:\.\d+)?(?:%|\b)"#,             // number
            #"\b(?=[A-Za-z_]*\d)[A-Za-z0-9_]+\b"#,               // word with a digit: 4B, p95, 2FA, 3rd
            #"\\[\\`*_{}\[\]()#+\-.!|]"#,                      // Markdown escape
        ]
        // The pattern is a compile-time constant; failure would be a programming error caught by tests.
        return try! NSRegularExpression(pattern: alternatives.joined(separator: "|"), options: [])
    }()
}
