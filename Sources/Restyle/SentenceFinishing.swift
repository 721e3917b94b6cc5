import Foundation

/// Deterministic sentence-level edits after the word rules: a formal or polite sentence starts with a
/// capital and ends with punctuation, and a polite one turns a bare imperative into a request.
enum SentenceFinishing {
    static func apply(_ text: String, style: RestyleStyle) -> String {
        switch style.name {
        case "formal", "plain":
            return punctuated(capitalised(text))
        case "polite":
            return punctuated(capitalised(request(text)))
        default:
            return text
        }
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Adds a full stop (a question mark for questions) when the sentence has no closing punctuation.
    static func punctuated(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, last.isLetter || last.isNumber || last == "}" else { return text }
        let questionStarts = ["can", "could", "would", "will", "is", "are", "do", "does", "did", "should", "may",
                              "what", "why", "how", "when", "where", "who", "which", "wanna", "want"]
        let firstWord = TextFeatures(trimmed).lowercasedWords.first ?? ""
        return trimmed + (questionStarts.contains(firstWord) ? "?" : ".")
    }

    /// "Send me the logs." → "Could you please send me the logs?"; "Don't …" → "Please do not …".
    static func request(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = TextFeatures(trimmed).lowercasedWords
        guard let first = words.first, trimmed.first?.isLetter == true else { return text }
        if first == "don't" || first == "do" && words.dropFirst().first == "not" {
            let rest = trimmed.drop { $0 != " " }.drop { $0 == " " }
            let body = first == "do" ? String(rest.drop { $0 != " " }.drop { $0 == " " }) : String(rest)
            return "Please do not " + body
        }
        guard PolitenessScorer.imperativeVerbs.contains(first), first != "please" else { return text }
        var body = trimmed
        while let last = body.last, ".!".contains(last) { body.removeLast() }
        body = body.replacingOccurrences(of: #",?\s+(now|immediately|right now)$"#, with: "", options: .regularExpression)
        guard let head = body.first else { return text }
        return "Could you please " + head.lowercased() + body.dropFirst() + "?"
    }
}
