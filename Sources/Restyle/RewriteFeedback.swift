/// What a refused answer did wrong, told to the model when it is asked again: a line in the unit's turn
/// ("A first rewrite was refused: it dropped or changed “12 May”, which must stay exactly as written. Avoid
/// that."). A follow-up turn after the refused answer did not work with the 1.5B model: it repeated its
/// answer word for word in most cases on the dev set. A fresh turn with the note keeps the style's cached
/// prefix, so asking again costs the same as the first answer.
enum RewriteFeedback {
    /// The note for an answer refused for `reasons` (as `RewriteChecks` and `Restyler` word them).
    static func note(for reasons: [String]) -> String {
        let problems = reasons.map(problem)
        var seen = Set<String>()
        let unique = problems.filter { seen.insert($0).inserted }
        return "A first rewrite was refused: it \(unique.joined(separator: "; it ")). Avoid that."
    }

    static func problem(_ reason: String) -> String {
        func rest(after prefix: String) -> String { String(reason.dropFirst(prefix.count)) }
        if reason == "unchanged" { return "is the text unchanged; it must be reworded in the style" }
        if reason.hasPrefix("lost ") { return "dropped or changed \(quoted(rest(after: "lost "))), which must stay exactly as written" }
        if reason.hasPrefix("added ") { return "added \(quoted(rest(after: "added "))), which the text does not have" }
        if reason.hasPrefix("new facts ") { return "mentions \(quoted(rest(after: "new facts "))), which the text does not" }
        if reason.hasPrefix("kept ") { return "still contains \(rest(after: "kept ")), an offensive phrase" }
        if reason.hasPrefix("reply") { return "answers or comments on the text instead of rewriting it" }
        if reason.hasPrefix("point of view") { return "changes who speaks: keep I, me, my, we and our where the text has them" }
        if reason.hasPrefix("meaning") { return "changes the meaning of the text" }
        if reason.hasPrefix("offensive") { return "is still offensive" }
        switch reason {
        case "negation changed": return "changes a negation (no, not, never) of the text"
        case "not shorter": return "is not shorter than the text"
        case "too short": return "leaves out too much of the text"
        case "too long": return "is much longer than the text"
        case "placeholder": return "contains a placeholder in brackets"
        case "empty": return "is empty"
        default: return "is not acceptable (\(reason))"
        }
    }

    /// "a, b" → "“a”, “b”".
    static func quoted(_ list: String) -> String {
        list.components(separatedBy: ", ").map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
    }
}
