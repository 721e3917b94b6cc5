import Foundation

/// Plain English: a long sentence is split where one clause ends and another begins, each half a sentence of
/// its own. Sentence length weighs as much as word length in every readability measure, and word lists reach
/// only the words they name, while these joints ("…, which is …", "…, failing which …", "…; …") recur in
/// every register. A joint is used only when both halves keep enough words to stand alone.
enum PlainSplitting {
    /// Splits while a piece is longer than `longSentence` words and a joint leaves both halves at least
    /// `minimumHalf` words; the joint nearest the middle goes first. At most three splits per sentence.
    static func split(_ text: String) -> String {
        var pieces = [text]
        for _ in 0..<3 {
            guard let index = pieces.firstIndex(where: { wordCount($0) > longSentence }),
                  let (left, right) = splitOnce(pieces[index]) else { break }
            pieces.replaceSubrange(index...index, with: [left, right])
        }
        return pieces.joined(separator: " ")
    }

    static let longSentence = 20
    static let minimumHalf = 7

    /// How a joint is rewritten: the words that replace it at the start of the new sentence.
    struct Joint {
        var pattern: NSRegularExpression
        /// Given the match's groups, the new sentence's opening words; nil when the match is not a clause joint.
        var opening: @Sendable ([String]) -> String?
    }

    static func splitOnce(_ sentence: String) -> (String, String)? {
        let ns = sentence as NSString
        let total = wordCount(sentence)
        var best: (distance: Int, left: String, right: String)?
        for joint in joints {
            for match in joint.pattern.matches(in: sentence, range: NSRange(location: 0, length: ns.length)) {
                let groups = (1..<match.numberOfRanges).map {
                    match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0))
                }
                guard let opening = joint.opening(groups) else { continue }
                let left = ns.substring(to: match.range.location).trimmingCharacters(in: .whitespaces)
                let rest = ns.substring(from: match.range.location + match.range.length).trimmingCharacters(in: .whitespaces)
                let right = opening.isEmpty ? SentenceFinishing.capitalised(rest) : opening + " " + rest
                let leftWords = wordCount(left), restWords = wordCount(rest)
                guard leftWords >= minimumHalf, restWords >= minimumHalf - 2 else { continue }
                let distance = abs(leftWords - (total - leftWords))
                if best.map({ distance < $0.distance }) ?? true {
                    best = (distance, left + (left.hasSuffix(".") ? "" : "."), right)
                }
            }
        }
        return best.map { ($0.left, $0.right) }
    }

    static func wordCount(_ text: String) -> Int { TextFeatures(text).words.count }

    static let auxiliaries = "is|are|was|were|has|have|had|will|would|may|might|can|could|must|shall|should|does|do|did|cannot|[a-z]+n't"

    /// Words that open an independent clause after ", and" / ", but" / ", so": a subject, then (checked
    /// by the pattern) a verb-like word within five words. A list ("eggs, milk, and bread") has no such verb.
    static let subjectOpeners = "the|this|that|these|those|it|they|we|you|he|she|there|its|their|our|his|her|all|any|each|no|some|such|one"

    /// -ing forms that say what the main clause brought about (", thereby reducing …", ", making …").
    static let resultVerbs: [String: String] = {
        let bases = ["reduce", "increase", "improve", "cause", "make", "allow", "enable", "mean", "ensure", "create",
                     "lead", "result", "require", "need", "force", "prevent", "help", "give", "keep", "leave", "raise",
                     "lower", "cut", "add", "limit", "protect", "avoid", "free", "let", "put", "speed", "slow", "save",
                     "lessen", "minimise", "minimize", "maximise", "maximize", "optimise", "optimize", "obviate",
                     "necessitate", "render", "affect", "harm", "damage", "weaken", "strengthen", "expose"]
        var table: [String: String] = [:]
        for base in bases {
            let forms = VerbForms.forms(of: base)
            table[forms.progressive] = forms.third
        }
        return table
    }()

    static let joints: [Joint] = [
        joint(#"; (?=\S+ \S+ \S+)"#) { _ in "" },
        joint(#", (?:failing which|failing that|otherwise),? "#) { _ in "If not," },
        joint(#", (?:the|its|their) ([a-z]+) of which (?=(?:\#(auxiliaries))\b)"#) { "The " + $0[0] },
        joint(#"(?<=[a-z}]), which (?=(?:\#(auxiliaries)|means|makes|allows|requires|helps|gives|leads)\b)"#) { _ in "This" },
        joint(#", (?:thereby |thus |so )?([a-z]+ing) (.+?) and ([a-z]+ing)\b"#) { groups in
            // "…, improving X and minimising Y" → "This improves X and minimises Y."
            guard let first = resultVerbs[groups[0]], let second = resultVerbs[groups[2]] else { return nil }
            return "This \(first) \(groups[1]) and \(second)"
        },
        // After the two-verb form, which wins a tie at the same joint.
        joint(#", (?:thereby |thus |so )?([a-z]+ing)\b"#) { groups in resultVerbs[groups[0]].map { "This " + $0 } },
        joint(#", because "#) { _ in "This is because" },
        joint(#", followed by "#) { _ in "This is followed by" },
        // ", as" gives a reason when a clause follows ("…, as the drift may carry the rider …"); "as shown in" has
        // no verb after it.
        joint(#", as (?=(?:\#(subjectOpeners))\b(?:\s+\S+){0,4}?\s+(?:\#(auxiliaries))\b)"#) { _ in "This is because" },
        joint(#",? so that (?=(?:\#(subjectOpeners))\b)"#) { _ in "This way," },
        // Not where the sentence's own verb comes back after the list (", including masks, and shall sign …").
        joint(#", including (?![^.;]*,? and (?:\#(auxiliaries))\b)"#) { _ in "This includes" },
        // "although" and "whereas" always open a clause; "but" may join two words ("slow but sure"), so it needs a
        // subject first.
        joint(#", (?:whereas|although|though) (?=(?:\S+\s+){1,4}?(?:\#(auxiliaries)|[a-z]+ed)\b)"#) { _ in "But" },
        joint(#", but (?=(?:\#(subjectOpeners))\b(?:\s+\S+){0,4}?\s+(?:\#(auxiliaries)|[a-z]+ed|[a-z]+s)\b)"#) { _ in "But" },
        // A purpose after a comma: "…, to ensure long-term access" → "This is to ensure long-term access."
        joint(#", (?:so as |in order )?to (?=(?:ensure|make|allow|enable|prevent|avoid|help|reduce|keep|protect|improve|support|meet|comply|minimise|minimize|limit|maintain|check|confirm)\b)"#) { _ in "This is to" },
        joint(#", and (?=(?:\#(subjectOpeners))\b(?:\s+\S+){0,4}?\s+(?:\#(auxiliaries)|[a-z]+ed)\b)"#) { _ in "" },
        joint(#", so (?=(?:\#(subjectOpeners))\b)"#) { _ in "So" },
    ]

    static func joint(_ pattern: String, _ opening: @escaping @Sendable ([String]) -> String?) -> Joint {
        // Constant patterns; one that fails to compile is a programming error caught by the tests.
        Joint(pattern: (try? NSRegularExpression(pattern: pattern, options: [])) ?? never, opening: opening)
    }

    private static let never = try! NSRegularExpression(pattern: #"(?!)"#)  // constant pattern
}
