/// What a refused answer did wrong, said to the model in a follow-up turn ("Your rewrite dropped “12 May” …
/// Rewrite the text again."). A model told what it broke fixes it far more often than a fresh sample does,
/// and the turn costs little: the decoder's cache still holds the prompt and the answer before it.
enum RewriteFeedback {
    /// The follow-up turn for an answer refused for `reasons` (as `RewriteChecks` and `Restyler` word them).
    /// It restates the task and the text: told only "rewrite it again", the model mostly repeats its answer.
    static func turn(for reasons: [String], task: String, text: String) -> String {
        let problems = reasons.map(problem)
        var seen = Set<String>()
        let unique = problems.filter { seen.insert($0).inserted }
        return "That rewrite \(unique.joined(separator: "; ")). Fix this and keep everything else the "
            + "instructions ask. \(task) Reply with the rewritten text only.\n\nText:\n\(text)"
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
