import Foundation

/// Deterministic sentence-level edits after the word rules: a formal or polite sentence starts with a
/// capital and ends with punctuation, and a polite one turns a bare imperative into a request.
enum SentenceFinishing {
    static func apply(_ text: String, style: RestyleStyle) -> String {
        switch style.name {
        case "formal":
            // Formal prose does not exclaim: "… before they sell out!!" ends with a full stop.
            let calm = text.replacingOccurrences(of: #"!+(?=\s*$)"#, with: ".", options: .regularExpression)
            return punctuated(capitalisedSentences(capitalised(formalRequest(calm))))
        case "plain":
            return punctuated(capitalisedSentences(capitalised(PlainSplitting.split(text))))
        case "polite":
            return punctuated(capitalised(hedged(verdictSoftened(wouldLikePlease(askedPolitely(clauseRequest(request(withoutJust(text)))))))))
        case "casual":
            return askedWithQuestionMark(text)
        default:
            return text
        }
    }

    /// Every sentence of the text starts with a capital (the plain rules split sentences; a formal answer may hold
    /// two, "… the meeting? thank you."). Not after an abbreviation: "5 p.m. on Friday", "e.g. the logs".
    static func capitalisedSentences(_ text: String) -> String {
        var result = ""
        var afterStop = false
        var previous: Character = " "
        for character in text {
            if afterStop, character.isLetter {
                result.append(contentsOf: character.uppercased()); afterStop = false
            } else {
                if character == " ", ".?!".contains(previous), !endsWithAbbreviation(result) { afterStop = true }
                else if character != " " { afterStop = false }
                result.append(character)
            }
            previous = character
        }
        return result
    }

    static func endsWithAbbreviation(_ text: String) -> Bool {
        guard text.hasSuffix(".") else { return false }
        let word = text.split(separator: " ").last.map { $0.lowercased() } ?? ""
        return word.dropLast().contains(".")
            || ["etc.", "vs.", "approx.", "mr.", "ms.", "mrs.", "dr.", "no.", "fig.", "st."].contains(word)
    }

    /// "Could you give an update when you can." → "…when you can?" (a request the model closed with a stop).
    static func askedWithQuestionMark(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = TextFeatures(trimmed).lowercasedWords
        guard trimmed.hasSuffix("."), !trimmed.hasSuffix(".."), words.count >= 2,
              ["could", "can", "would", "will"].contains(words[0]), words[1] == "you" else { return text }
        return trimmed.dropLast() + "?"
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
        // The last sentence decides: "Could you send the slides? Thank you" ends with a full stop.
        let lastSentence = trimmed.split(omittingEmptySubsequences: true) { ".?!".contains($0) }.last.map(String.init) ?? trimmed
        let firstWord = TextFeatures(lastSentence).lowercasedWords.first ?? ""
        return trimmed + (questionStarts.contains(firstWord) ? "?" : ".")
    }

    /// "Send me the logs." → "Could you please send me the logs?"; "Don't …" → "Please do not …".
    static func request(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = TextFeatures(trimmed).lowercasedWords
        guard let first = words.first, trimmed.first?.isLetter == true else { return text }
        if first == "don't" || first == "do" && words.dropFirst().first == "not", trimmed.hasSuffix("?") { return text }
        if first == "don't" || first == "do" && words.dropFirst().first == "not" {
            let rest = trimmed.drop { $0 != " " }.drop { $0 == " " }
            let body = first == "do" ? String(rest.drop { $0 != " " }.drop { $0 == " " }) : String(rest)
            return "Please do not " + body
        }
        // "Somebody turn it on." → "Could someone please turn it on?"
        if ["someone", "somebody"].contains(first), words.count > 2,
           opensWithRequest(Array(words.dropFirst())) || looksImperative(Array(words.dropFirst())) {
            var body = String(trimmed.drop { $0 != " " }.drop { $0 == " " })
            while let last = body.last, ".!".contains(last) { body.removeLast() }
            return "Could someone please " + body + "?"
        }
        guard opensWithRequest(words) || looksImperative(words), first != "please" else { return text }
        var body = trimmed
        while let last = body.last, ".!".contains(last) { body.removeLast() }
        body = body.replacingOccurrences(of: #",?\s+(now|immediately|right now)$"#, with: "", options: .regularExpression)
        guard let head = body.first else { return text }
        return "Could you please " + head.lowercased() + body.dropFirst() + "?"
    }

    /// An order whose verb no list names ("Quote me a price.", "Dig the drain."): a plain word, then an object
    /// pronoun or a determiner. Words that open statements that way ("Hope the …", "After the …") are excluded,
    /// and so are forms that cannot be a bare imperative (-ing, -ed, -ly, a third-person -s).
    static func looksImperative(_ words: [String]) -> Bool {
        guard words.count >= 3, let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter),
              !notImperatives.contains(first), !first.hasSuffix("ing"), !first.hasSuffix("ed"), !first.hasSuffix("ly"),
              !first.hasSuffix("s") || first.hasSuffix("ss") else { return false }
        return objectOpeners.contains(words[1])
    }

    static let objectOpeners: Set<String> = [
        "me", "us", "him", "her", "them", "it", "the", "a", "an", "your", "my", "our", "their", "this", "that",
        "these", "those", "all", "every", "some", "any",
    ]
    static let notImperatives: Set<String> = [
        "after", "before", "when", "if", "as", "once", "since", "until", "while", "because", "although", "though",
        "during", "for", "from", "with", "without", "about", "over", "under", "like", "all", "both", "each", "every",
        "here", "there", "now", "then", "today", "tomorrow", "yesterday", "also", "just", "only", "even", "still",
        "yes", "so", "but", "and", "thanks", "sorry", "please", "hope", "wish", "think", "bet", "love", "hate",
        "mind", "need", "want", "feel", "reckon", "suppose", "imagine", "know", "glad", "great", "nice", "good",
        "shame", "pity", "congrats", "well", "maybe", "perhaps", "not", "what", "who", "why", "how",
        "where", "which", "whose", "whatever", "into", "onto", "upon", "near", "off", "out", "through", "across",
        "against", "among", "between", "beyond", "within", "per", "via", "cheers", "oops", "wow", "yet", "nor",
        "the", "our", "your", "their", "his", "her", "its", "this", "that", "these", "those", "one", "two", "half",
        "most", "many", "few", "several", "such", "same", "other", "another", "last", "next", "first", "whole",
    ]

    /// "Contact the operations team." → "Please contact the operations team." (a formal request says please).
    static func formalRequest(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = TextFeatures(trimmed).lowercasedWords
        guard trimmed.first?.isLetter == true, opensWithRequest(words), let head = trimmed.first else { return text }
        return "Please " + head.lowercased() + trimmed.dropFirst()
    }

    /// Verbs that open a bare imperative: the politeness scorer's list and more everyday commands.
    static let requestVerbs = PolitenessScorer.imperativeVerbs.union([
        "book", "clean", "lower", "raise", "turn", "rename", "review", "open", "close", "cancel", "pay", "sign",
        "submit", "schedule", "pick", "try", "wait", "keep", "help", "join", "ask", "email", "ping", "merge", "push",
        "pull", "deploy", "restart", "reboot", "save", "share", "upload", "download", "prepare", "follow", "fill",
        "be", "come", "meet", "confirm", "approve", "lock", "stay", "print", "publish", "attach", "forward", "fetch",
        "find", "clear", "hurry", "remember", "search", "figure", "double-check", "proofread", "test", "text",
        "hand", "start", "respond", "contact", "verify", "examine", "investigate", "inform", "complete",
        "ensure", "notify", "split", "break", "revert", "rebase", "squash", "rewrite", "drop", "return", "refund",
        "phone", "resend", "rerun", "retry", "shorten", "simplify", "tidy", "sort", "tag", "document", "label",
        "water", "feed", "wash", "empty", "unplug", "mute", "replace", "repair", "collect", "deliver", "cut", "trim",
    ])

    /// "Just finish the report." reads as an order: "just" before a request verb goes, so the request can form.
    static func withoutJust(_ text: String) -> String {
        var result = text
        for prefix in ["", ", "] {
            let marker = prefix + (prefix.isEmpty ? "Just " : "just ")
            guard let range = result.range(of: marker, options: prefix.isEmpty ? [.anchored, .caseInsensitive] : []) else { continue }
            let rest = String(result[range.upperBound...])
            guard opensWithRequest(TextFeatures(rest).lowercasedWords) else { continue }
            result.replaceSubrange(range, with: prefix)
        }
        return result
    }

    /// Request verbs that are also common nouns ("Update is ready.", "Help is on the way.", "Use of …"):
    /// read as a noun when an auxiliary, "of" or a conjunction follows.
    static let verbsAlsoNouns: Set<String> = [
        "book", "turn", "review", "close", "pay", "sign", "schedule", "pick", "wait", "help", "email", "ping",
        "merge", "push", "pull", "share", "upload", "download", "lock", "print", "forward", "update", "change",
        "check", "look", "use", "run", "call", "answer", "reply", "show", "move", "stop", "add", "leave", "quit",
        "fix", "read", "write", "finish", "put", "take", "install", "delete", "remove", "send", "clean", "open",
        "save", "get", "make", "split", "break", "drop", "return", "refund", "phone", "sort", "tag", "document",
        "label", "water", "feed", "wash", "empty", "cut", "trim", "repair",
    ]
    static let nounFollowers: Set<String> = [
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "must", "may",
        "might", "of", "and", "or", "s", "isn't", "wasn't", "doesn't", "does", "did",
    ]

    /// Whether `words` (lower-cased) open with a request verb used as a verb.
    static func opensWithRequest(_ words: [String]) -> Bool {
        guard let first = words.first, requestVerbs.contains(first) else { return false }
        guard verbsAlsoNouns.contains(first), words.count > 1 else { return true }
        return !nounFollowers.contains(words[1])
    }

    /// "The meeting is at 9, be on time." → "The meeting is at 9, could you please be on time?"
    static func clauseRequest(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let comma = trimmed.range(of: ", ", options: .backwards) else { return text }
        let tail = trimmed[comma.upperBound...]
        let tailWords = TextFeatures(String(tail)).lowercasedWords
        guard opensWithRequest(tailWords), tail.first?.isLowercase == true else { return text }
        var body = String(tail)
        while let last = body.last, ".!".contains(last) { body.removeLast() }
        return trimmed[..<comma.lowerBound] + ", could you please " + body + "?"
    }

    /// "Why is this still broken?" → "Could you tell me why this is still broken?"; "What did I pay for?" →
    /// "Could you tell me what I paid for?". Only where the subject can be told from the words: a pronoun, a
    /// placeholder, or a determiner phrase that ends before a word that cannot be part of it ("still", "-ing").
    /// Other questions are left as they are.
    static func askedPolitely(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // "The meeting started ages ago, where are you?" → "…, could you tell me where you are?"
        if let comma = trimmed.range(of: ", ", options: .backwards), trimmed.hasSuffix("?") {
            let tail = String(trimmed[comma.upperBound...])
            let asked = askedPolitely(tail)
            if asked != tail, let head = asked.first {
                return trimmed[..<comma.upperBound] + head.lowercased() + asked.dropFirst()
            }
        }
        guard trimmed.hasSuffix("?") else { return text }
        let words = trimmed.dropLast().split(separator: " ").map(String.init)
        guard words.count >= 2 else { return text }
        let first = words[0].lowercased()
        if ["can", "will"].contains(first), words[1].lowercased() == "you", words.count > 2, words[2].lowercased() != "please" {
            // "Can you fix it?" is already a request; it only lacks the softer modal and "please".
            return "Could you please " + words[2...].joined(separator: " ") + "?"
        }
        var wh: String
        var index = 1
        if whWords.contains(first) {
            wh = first
            if words[index].lowercased() == "exactly" { wh += " exactly"; index += 1 }
        } else if questionAuxiliaries.contains(first), !first.hasSuffix("n't") {
            wh = "whether"  // "Is it ready yet?" → "Could you tell me whether it is ready yet?"
            index = 0
        } else {
            return text
        }
        guard index < words.count else { return text }
        if let clause = indirectClause(words[index...], wh: wh) { return "Could you tell me \(wh) \(clause)?" }
        // "Who did this?", "What happened?": the wh-word is the subject and nothing moves.
        guard wh == "who" || wh == "what" else { return text }
        return "Could you tell me \(wh) " + words[index...].joined(separator: " ") + "?"
    }

    /// "is the bread I ordered still not ready" → "the bread I ordered is still not ready"; "did you push it"
    /// → "you pushed it". Nil where the subject or the verb cannot be told from the words.
    static func indirectClause(_ words: ArraySlice<String>, wh: String) -> String? {
        let words = Array(words)
        guard words.count >= 2 else { return nil }
        var auxiliary = words[0].lowercased()
        guard questionAuxiliaries.contains(auxiliary) else { return nil }
        var negated = false
        if auxiliary.hasSuffix("n't") {
            // "Why hasn't anyone …" → "why anyone has not …"
            negated = true
            auxiliary = ["can't": "can", "won't": "will"][auxiliary] ?? String(auxiliary.dropLast(3))
        }
        var index = 1
        let opener = words[index].lowercased()
        let copulaLike = !["do", "does", "did"].contains(auxiliary)
        // "this" alone ("Why is this still here?") or before a noun ("Why is this bike still here?").
        let demonstrativeAlone = !determiners.contains(opener) || index + 1 == words.count
            || opensComplement(words[index + 1], after: opener) || questionVerbs.contains(words[index + 1])
        if subjectPronouns.contains(opener) && demonstrativeAlone || words[index].hasPrefix("{") {
            index += 1
        } else if determiners.contains(opener), index + 1 < words.count {
            index += 2
            if ["am", "is", "are", "was", "were"].contains(auxiliary) {
                // The subject runs on to the first word that opens the complement ("the bread I ordered | still
                // not ready") or to the end. At the end it is the whole subject only where the wh-word stands for
                // the complement ("Where is the invoice for the boiler?"); "why is the printer on the top floor"
                // has its complement inside. A longer run is a guess.
                while index < words.count, !opensComplement(words[index], after: words[index - 1]) { index += 1 }
                let longest = index < words.count ? 6 : ["where", "what", "who"].contains(wh) ? 7 : 4
                guard index - 1 <= longest else { return nil }
            } else {
                // Before a main verb ("will the survey report be …", "does the rescue rota have …") the subject
                // runs on to the first verb we know, at most four words.
                while index < words.count, !isKnownVerb(words[index]), index - 1 < 4 { index += 1 }
                guard index < words.count, isKnownVerb(words[index]) else { return nil }
            }
        } else {
            return nil
        }
        let subject = words[1..<index].joined(separator: " ")
        var rest = Array(words[index...])
        let verbPhrase: String
        if copulaLike {
            // After "can"/"will" the next word must be a verb we know ("will the build server …" is not).
            if !["am", "is", "are", "was", "were", "has", "have", "had"].contains(auxiliary),
               !(rest.first.map(isKnownVerb) ?? false) { return nil }
            verbPhrase = auxiliary + (negated ? " not" : "")
        } else {
            var adverbs: [String] = []
            while let first = rest.first, questionAdverbs.contains(first.lowercased()) { adverbs.append(first); rest.removeFirst() }
            // Only a verb we know: after "the build" the next word may be a noun ("the build server").
            guard let verb = rest.first, questionVerbs.contains(verb) else { return nil }
            rest.removeFirst()
            if negated {
                verbPhrase = ([auxiliary, "not"] + adverbs + [verb]).joined(separator: " ")
            } else {
                let forms = VerbForms.forms(of: verb)
                let inflected = auxiliary == "do" ? verb : auxiliary == "does" ? forms.third : forms.past
                verbPhrase = (adverbs + [inflected]).joined(separator: " ")
            }
        }
        return ([subject, verbPhrase] + rest).joined(separator: " ")
    }

    static let questionAuxiliaries: Set<String> = [
        "am", "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "will",
        "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't", "can't", "won't",
    ]
    static let whWords: Set<String> = ["why", "what", "where", "when", "how", "who"]
    static let subjectPronouns: Set<String> = [
        "this", "that", "it", "these", "those", "you", "they", "we", "i", "he", "she", "anyone", "anybody", "someone",
        "somebody", "everyone", "everybody", "nobody", "anything", "everything", "nothing", "there",
    ]
    static let determiners: Set<String> = ["the", "my", "your", "our", "his", "her", "their", "this", "that", "these", "those"]
    static let questionAdverbs: Set<String> = ["always", "never", "still", "even", "really", "just", "ever", "actually"]
    static let questionVerbs = requestVerbs.union([
        "work", "fail", "happen", "need", "want", "cost", "mean", "say", "know", "think", "expect", "decide", "agree",
        "forget", "ignore", "lose", "like", "matter", "belong", "arrive", "charge", "choose", "plan", "hear", "see",
        "reject", "refuse", "end", "crash", "break", "take", "miss", "order", "promise", "sell", "tell",
        "have", "been", "done", "gone", "finished", "arrived", "started", "sent", "paid", "fixed", "changed",
    ])
    /// A verb that may follow a question's subject: a listed one, or "be" after a modal ("will the report be …").
    static func isKnownVerb(_ word: String) -> Bool { questionVerbs.contains(word) || word == "be" }

    static let complementOpeners: Set<String> = [
        "still", "not", "so", "always", "never", "already", "yet", "again", "only", "also", "even", "ever", "really",
        "late", "ready", "here", "there", "broken", "missing", "empty", "closed", "open", "down", "up", "out", "off",
        "gone", "full", "wrong", "locked", "unpaid", "unanswered", "overdue", "delayed", "cancelled", "canceled",
        "done", "sent", "seen", "made", "taken", "given", "been", "got", "gotten", "left", "paid", "built", "told",
    ]

    /// Whether `word` opens the copula's complement: a listed word, an -ing form, or an -ed form that no
    /// pronoun precedes ("the printer | jammed", but "the bread I ordered").
    static func opensComplement(_ word: String, after previous: String) -> Bool {
        let lower = word.lowercased()
        if complementOpeners.contains(lower) || (lower.hasSuffix("ing") && lower.count > 5) { return true }
        return lower.hasSuffix("ed") && lower.count > 4 && !subjectPronouns.contains(previous.lowercased())
    }

    /// "I would like a refund." → "I would like a refund, please." (the rules turn "I want" into "I would like").
    static func wouldLikePlease(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = " " + trimmed.lowercased() + " "
        guard trimmed.hasPrefix("I would like ") || trimmed.hasPrefix("I'd like "),
              !PolitenessScorer.markers.contains(where: { lower.contains($0) }) else { return text }
        var body = trimmed
        while let last = body.last, ".!".contains(last) { body.removeLast() }
        return body + ", please."
    }

    /// A blunt statement with no politeness marker is hedged: "Your code is not quite right." →
    /// "I think your code is not quite right." Only when the sentence opens with a word that is never a name.
    static func hedged(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = " " + trimmed.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        guard trimmed.hasSuffix("."), !PolitenessScorer.markers.contains(where: { lower.contains($0) }),
              case let words = TextFeatures(trimmed).lowercasedWords, let first = words.first, let head = trimmed.first
        else { return text }
        if hedgeableOpeners.contains(first) { return "I think " + head.lowercased() + trimmed.dropFirst() }
        // A complaint about what oneself or nobody did is regretted, not doubted: "I'm afraid nobody can read it."
        // Not a wish already softened by the rules ("I would rather not keep …").
        guard afraidOpeners.contains(first), !lower.hasPrefix(" i would "),
              !complaintWords.isDisjoint(with: words) || lower.contains("n't ") else { return text }
        return "I'm afraid " + (head == "I" ? String(trimmed) : head.lowercased() + trimmed.dropFirst())
    }

    /// "Unacceptable." → "I'm afraid this is unacceptable." (a one-word verdict, an adjective by its ending).
    static func verdictSoftened(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = TextFeatures(trimmed).lowercasedWords
        // One word, or the rules' softened "not acceptable".
        guard words.count == 1 || words.count == 2 && words[0] == "not", let word = words.last, word.count >= 5,
              ["able", "ible", "ous", "ful", "ive", "ic", "al", "ent", "ant"].contains(where: { word.hasSuffix($0) })
        else { return text }
        return "I'm afraid this is \(words.joined(separator: " "))."
    }

    static let afraidOpeners: Set<String> = [
        "i", "i've", "i'm", "i'd", "nobody", "nothing", "none", "someone", "somebody", "everyone", "everybody", "all",
        "every", "most", "half",
    ]
    static let complaintWords: Set<String> = [
        "not", "no", "nobody", "nothing", "never", "none", "nowhere", "still", "again", "keeps", "late", "yet",
        "wrong", "broken", "missing", "failed", "lost", "can't", "cannot", "won't", "ruined", "damaged", "spoiled",
        "wasted", "overdue", "cancelled", "canceled", "delayed", "already", "times", "twice",
    ]

    static let hedgeableOpeners: Set<String> = [
        "your", "you", "this", "that", "the", "these", "those", "it", "there", "our", "my", "we", "they",
        "it's", "that's", "there's", "you're", "you've", "we're", "we've", "they're", "they've",
    ]
}
