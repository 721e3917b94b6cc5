import Foundation

/// The deterministic planner: word rules, no model. Used when no decoder is installed, and when the
/// decoder's answer fails validation.
///
/// Comma-separated segments after the first that hold a style word are the style phrase; style words
/// inside a segment ("a pixel art castle") join it too. The rest is read left to right and cut into pieces
/// at prepositions, conjunctions and verbs ("a dog | chasing | a ball | on | a sandy beach | at | sunset"),
/// so that in "a dog chasing a ball" both the agent and the object are subjects. A piece whose last word
/// names a setting, a time, the weather or the sky is background; any other piece is a subject, its words
/// (count and size words taken out) its name, head noun last, made singular. Count words ("three", "a pair
/// of", "a flock of") give the count, an unnumbered plural three. A relation word between two pieces
/// ("over", "next to", "in front of") relates the subject before it to what follows, if that subject has
/// no relation yet.
public enum RuleScenePlanner {
    /// Descriptions are cut to this many characters (a picture is described in a sentence or two).
    public static let maximumCharacters = 2_000

    public static func plan(_ description: String) -> ScenePlan {
        var plan = ScenePlan()
        var stylePhrases: [String] = []
        var builder = PieceReader()
        let text = String(description.prefix(maximumCharacters))
        let segments = text.split { ",;:()\n".contains($0) }
        for (index, segment) in segments.enumerated() {
            let words = Self.words(of: String(segment))
            let styleMask = styleWordMask(words)
            if index > 0 && styleMask.contains(true) {
                stylePhrases.append(words.joined(separator: " "))
                continue
            }
            let inline = zip(words, styleMask).filter(\.1).map(\.0)
            if !inline.isEmpty { stylePhrases.append(inline.joined(separator: " ")) }
            builder.read(zip(words, styleMask).filter { !$0.1 }.map(\.0))
        }
        builder.finish()
        plan.subjects = Array(builder.subjects.prefix(ScenePlan.maximumSubjects))
        plan.setting = builder.setting ?? .none
        plan.time = builder.time ?? (builder.sawNightThing ? .night : .none)
        plan.weather = builder.weather ?? .none
        plan.style = String(stylePhrases.joined(separator: ", ").prefix(ScenePlan.maximumStyleLength))
        while plan.style.hasSuffix(" ") { plan.style.removeLast() }
        // Relations may name a subject dropped by the limit, or (rarely) one that failed to parse; keep them as written.
        return plan
    }

    /// Lower-cased ASCII words (accents folded, apostrophes dropped: "children's" is "childrens"; anything
    /// else but letters and digits separates words).
    static func words(of text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        return folded.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }.map(String.init)
    }

    /// Which words are style words. An ambiguous one ("glass", "print") counts only next to a sure one.
    static func styleWordMask(_ words: [String]) -> [Bool] {
        let sure = words.map { PlanVocabulary.style.contains($0) && !PlanVocabulary.ambiguousStyle.contains($0) }
        return words.indices.map { i in
            if sure[i] { return true }
            guard PlanVocabulary.ambiguousStyle.contains(words[i]) else { return false }
            return (i > 0 && sure[i - 1]) || (i + 1 < words.count && sure[i + 1])
        }
    }
}

/// Reads words into subjects and background, left to right (see `RuleScenePlanner`).
struct PieceReader {
    var subjects: [ScenePlan.Subject] = []
    var setting: ScenePlan.Setting?
    var time: ScenePlan.TimeOfDay?
    var weather: ScenePlan.Weather?
    var sawNightThing = false

    private var piece: [String] = []
    /// The relation word before the current piece, and the verb before it.
    private var pendingRelation: ScenePlan.Relation = .none
    private var pendingVerb: String?
    /// Words of a piece that held only adjectives before "and" ("black and white cat").
    private var carried: [String] = []
    /// Index of the last subject read (the one a relation word refers back to).
    private var lastSubject: Int?

    mutating func read(_ words: [String]) {
        var i = 0
        while i < words.count {
            if let (length, relation) = relationPhrase(in: words, at: i) {
                flush(then: relation, verb: nil)
                i += length
                continue
            }
            let word = words[i]
            if word == "and" && !piece.isEmpty && piece.allSatisfy({ SceneDescription.colourWords[$0] != nil }) {
                carried += piece
                piece = []
            } else if PlanVocabulary.splitters.contains(word) {
                flush(then: .none, verb: nil)
            } else if isVerb(word) {
                flush(then: .none, verb: word)
            } else {
                piece.append(word)
            }
            i += 1
        }
        flush(then: .none, verb: nil)
    }

    mutating func finish() { flush(then: .none, verb: nil) }

    private func relationPhrase(in words: [String], at i: Int) -> (Int, ScenePlan.Relation)? {
        for (phrase, relation) in PlanVocabulary.relationPhrases where i + phrase.count <= words.count {
            if Array(words[i..<i + phrase.count]) == phrase { return (phrase.count, relation) }
        }
        return nil
    }

    private func isVerb(_ word: String) -> Bool {
        if PlanVocabulary.verbs.contains(word) { return true }
        return word.count > 4 && word.hasSuffix("ing") && !PlanVocabulary.ingNouns.contains(word)
            && PlanVocabulary.settings[word] == nil && PlanVocabulary.weather[word] == nil
    }

    /// Ends the current piece; `relation` and `verb` are what joins it to the next.
    private mutating func flush(then relation: ScenePlan.Relation, verb: String?) {
        let words = carried + piece
        carried = []
        piece = []
        defer {
            if relation != .none { pendingRelation = relation }
            if verb != nil { pendingVerb = verb }
        }
        guard let outcome = interpret(words) else { return }
        switch outcome {
        case .background(let word):
            if pendingRelation != .none, let last = lastSubject, subjects[last].relation == .none {
                subjects[last].relation = pendingRelation
                subjects[last].of = word
            }
        case .subject(var subject):
            if let last = lastSubject {
                if pendingRelation != .none, subjects[last].relation == .none {
                    subjects[last].relation = pendingRelation
                    subjects[last].of = subject.name
                } else if let verb = pendingVerb, PlanVocabulary.objectOnAgentVerbs.contains(verb) {
                    subject.relation = .on
                    subject.of = subjects[last].name
                } else if let verb = pendingVerb, PlanVocabulary.agentOnObjectVerbs.contains(verb), subjects[last].relation == .none {
                    subjects[last].relation = .on
                    subjects[last].of = subject.name
                }
            }
            if subjects.count < ScenePlan.maximumSubjects * 2 {
                subjects.append(subject)
                lastSubject = subjects.count - 1
            }
        }
        pendingRelation = .none
        pendingVerb = nil
    }

    private enum Outcome { case background(String), subject(ScenePlan.Subject) }

    /// A piece's words → a subject, or background (noting the setting, time and weather it names).
    private mutating func interpret(_ words: [String]) -> Outcome? {
        var count: Int?
        var size: ScenePlan.Size = .medium
        var name: [String] = []
        var ofIndex: Int?
        for word in words {
            if let t = PlanVocabulary.times[word] { time = time ?? t }
            if let w = PlanVocabulary.weather[word] { weather = weather ?? w }
            if let s = PlanVocabulary.settings[word], setting == nil || setting == .sky { setting = s }
            if PlanVocabulary.nightThings.contains(word) { sawNightThing = true }
        }
        for (i, word) in words.enumerated() {
            if let n = Int(word), ScenePlan.countRange.contains(n) {
                count = n
            } else if let n = PlanVocabulary.counts[word], name.isEmpty || isQuantityNoun(word) {
                count = count ?? n
                if isQuantityNoun(word) { name = [] }
            } else if let s = PlanVocabulary.sizes[word] {
                size = s
            } else if word == "of" {
                ofIndex = name.count
            } else if !PlanVocabulary.fillers.contains(word) && Int(word) == nil {
                name.append(word)
            }
            _ = i
        }
        guard let head = name.last else { return nil }
        // "a cup of coffee": the container named by what it holds.
        if let split = ofIndex, split > 0, split < name.count, PlanVocabulary.containers.contains(name[split - 1]) {
            name = Array(name[split...]).map(EnglishNouns.singular) + Array(name[..<split])
        }
        let isBackground = PlanVocabulary.settings[head] != nil || PlanVocabulary.times[head] != nil
            || PlanVocabulary.weather[head] != nil || PlanVocabulary.skyThings.contains(head) || head == "sun"
            || name.allSatisfy { SceneDescription.colourWords[$0] != nil }
        if isBackground { return .background(head) }
        let singularHead = EnglishNouns.singular(name[name.count - 1])
        let plural = singularHead != name[name.count - 1]
        name[name.count - 1] = singularHead
        // Too long a name keeps its last words (the head noun last), whole.
        var kept: [String] = [String(name[name.count - 1].prefix(ScenePlan.maximumNameLength))]
        for word in name.dropLast().reversed() {
            guard kept.joined(separator: " ").count + 1 + word.count <= ScenePlan.maximumNameLength else { break }
            kept.insert(word, at: 0)
        }
        let subjectName = kept.joined(separator: " ")
        return .subject(ScenePlan.Subject(name: subjectName, count: count ?? (plural ? 3 : 1), size: size))
    }

    private func isQuantityNoun(_ word: String) -> Bool {
        ["pair", "couple", "flock", "herd", "group", "crowd", "pack", "swarm", "bunch", "row", "family", "dozen", "lots"].contains(word)
    }
}
