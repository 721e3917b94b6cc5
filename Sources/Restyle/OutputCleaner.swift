import Foundation

/// Removes what an instruct model wraps around a rewrite: a preamble ("Sure, here is the rewritten text:"),
/// a label ("Text:"), quotes or a code fence around the whole answer, a greeting or sign-off the source did
/// not have, and a closing offer ("Let me know if you need anything else!"). What remains is the answer's
/// body; whether it is a faithful rewrite is `RewriteChecks`' question.
public enum OutputCleaner {
    public static func clean(_ raw: String, source: String) -> String {
        var paragraphs = raw.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        // A fence around the whole answer (the source had none).
        if !source.contains("```"), let first = paragraphs.first, first.hasPrefix("```") {
            paragraphs[0] = first.components(separatedBy: "\n").dropFirst().joined(separator: "\n")
            if let last = paragraphs.last, last.hasSuffix("```") {
                paragraphs[paragraphs.count - 1] = String(last.dropLast(3)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            paragraphs = paragraphs.filter { !$0.isEmpty }
        }
        // A preamble: its own paragraph or line ending in a colon, or a label at the start.
        if let first = paragraphs.first {
            let lines = first.components(separatedBy: "\n")
            if let head = lines.first, isPreamble(head) {
                let rest = lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if rest.isEmpty { paragraphs.removeFirst() } else { paragraphs[0] = rest }
            } else if let label = first.range(of: #"^(?i:(rewritten|revised|rewrite|text|answer|output)( text| version)?:)\s*"#,
                                                 options: .regularExpression) {
                paragraphs[0] = String(first[label.upperBound...])
            }
        }
        // Closing offers and notes after the rewrite.
        while paragraphs.count > 1, let last = paragraphs.last, isClosingRemark(last), !source.contains(last) {
            paragraphs.removeLast()
        }
        let sourceOpensWithGreeting = opensWithGreeting(source.trimmingCharacters(in: .whitespaces))
        if !sourceOpensWithGreeting, let first = paragraphs.first {
            var lines = first.components(separatedBy: "\n")
            if let head = lines.first, head.count < 40, head.hasSuffix(",") || head.hasSuffix(":"),
               opensWithGreeting(head) {
                lines.removeFirst()
                let rest = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if rest.isEmpty { paragraphs.removeFirst() } else { paragraphs[0] = rest }
            }
        }
        // A greeting sentence in front of the first one ("Hey there! Members, bring …", "Good morning, team, the …").
        if !sourceOpensWithGreeting, let first = paragraphs.first,
           let greeting = first.range(of: inlineGreeting, options: .regularExpression), greeting.upperBound < first.endIndex {
            let rest = first[greeting.upperBound...]
            paragraphs[0] = rest.prefix(1).uppercased() + rest.dropFirst()
        }
        if !hasSignOff(source) { paragraphs = removingSignOff(paragraphs) }
        var text = paragraphs.joined(separator: "\n\n")
        // Closing offers on the last line of a single paragraph.
        if let last = SentenceSplitting.sentences(text).last, SentenceSplitting.sentences(text).count > 1,
           isClosingRemark(last), !source.contains(last), let range = text.range(of: last, options: .backwards) {
            text = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return unquoted(text.trimmingCharacters(in: .whitespacesAndNewlines), source: source)
    }

    static func isPreamble(_ line: String) -> Bool {
        let lower = line.lowercased().trimmingCharacters(in: .whitespaces)
        guard lower.hasSuffix(":") || lower.hasSuffix(":**") else { return false }
        return ["sure", "certainly", "of course", "okay", "ok,", "here", "below", "the rewritten", "the revised",
                "rewritten", "revised", "this is", "i've rewritten", "i have rewritten", "i rewrote"]
            .contains { lower.hasPrefix($0) || lower.hasPrefix("**" + $0) }
    }

    static func isClosingRemark(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["let me know", "i hope this", "hope this helps", "feel free to", "note:", "(note", "this version",
                "this rewrite", "the rewritten", "in this version", "if you have any", "if you need any", "i've made",
                "i have made", "changes made", "explanation:"].contains { lower.hasPrefix($0) }
    }

    static let greetingWords = "hi|hello|hey|greetings|good (morning|afternoon|evening)"
    static let inlineGreeting = #"^(?i:("# + greetingWords + #")(,? (there|team|all|everyone|everybody|folks|guys|y'all))?\s*[,!.:]+)\s+"#

    static func opensWithGreeting(_ text: String) -> Bool {
        text.range(of: #"^(?i:(dear|"# + greetingWords + #")\b)"#, options: .regularExpression) != nil
    }

    static func hasSignOff(_ text: String) -> Bool {
        let tail = text.suffix(80).lowercased()
        return ["regards", "sincerely", "best,", "cheers", "thanks,", "thank you,", "yours", "—", "-- "].contains { tail.contains($0) }
    }

    /// A last paragraph (or its last lines) such as "Best regards,\n[Your Name]".
    static func removingSignOff(_ paragraphs: [String]) -> [String] {
        guard var last = paragraphs.last else { return paragraphs }
        var result = paragraphs
        var lines = last.components(separatedBy: "\n")
        let signOff = #"^(?i:(best|kind|warm)?\s*(regards|wishes)|sincerely|yours( truly| sincerely)?|cheers|thanks( again)?|thank you|best|respectfully)[,.!]?$"#
        if let index = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).range(of: signOff, options: .regularExpression) != nil }),
           lines.count - index <= 3 {
            lines.removeSubrange(index...)
            last = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if last.isEmpty { result.removeLast() } else { result[result.count - 1] = last }
        }
        return result
    }

    static func unquoted(_ text: String, source: String) -> String {
        for (open, close) in [("\"", "\""), ("“", "”"), ("'", "'"), ("<<<", ">>>")] {
            if text.count > open.count + close.count, text.hasPrefix(open), text.hasSuffix(close),
               !(source.hasPrefix(open) && source.hasSuffix(close)),
               !text.dropFirst(open.count).dropLast(close.count).contains(open) {
                return String(text.dropFirst(open.count).dropLast(close.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return text
    }
}
