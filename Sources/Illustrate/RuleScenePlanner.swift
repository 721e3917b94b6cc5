import Foundation

/// The deterministic planner: word rules, no model. The default, and the fallback when the decoder is
/// missing or its answer fails validation.
///
/// Comma-separated segments after the first that hold a style word are the style phrase; style words
/// inside a segment ("a pixel art castle") join it too. The rest is read left to right and cut into pieces
/// at prepositions, conjunctions and verbs ("a dog | chasing | a ball | on | a sandy beach | at | sunset"),
/// so that in "a dog chasing a ball" both the agent and the object are subjects and the verb is in neither
/// name. A word is a verb by its place: "chasing", "sits" or "parked" after a noun, not after an article or an
/// adjective ("a sleeping cat", "a rocking chair"). A piece whose last word names a place or landscape
/// (cave, porch, kitchen, savanna), the ground, water, sky or weather (snow, water, fog, stars), a time, or a
/// proper name after "in" or "at" ("in Venice") is background and sets the setting, time and weather; a body
/// part or feature after "with" ("a cat with green eyes") is dropped; any other piece is a subject, its words
/// (count and size words taken out) its name, head noun last, made singular. Count words ("three", "a pair
/// of", "twin", "a flock of") give the count, an unnumbered plural three. A relation word between two pieces
/// ("over", "next to", "in front of") relates the subject before it to what follows, if that subject has no
/// relation yet; clothes worn ("wearing a hat", "in a yellow raincoat") are *on* the wearer.
public enum RuleScenePlanner {
    /// Descriptions are cut to this many characters (a picture is described in a sentence or two).
    public static let maximumCharacters = 2_000

    public static func plan(_ description: String) -> ScenePlan {
        var plan = ScenePlan()
        var stylePhrases: [String] = []
        var builder = PieceReader()
        let text = String(description.prefix(maximumCharacters))
        let segments = text.split { ",;:()\n".contains($0) }
        let shouting = isMostlyCapitals(text)
        for (index, segment) in segments.enumerated() {
            let tokens = Self.tokens(of: String(segment), properNames: !shouting)
            let words = tokens.map(\.text)
            let styleMask = styleWordMask(words)
            if index > 0 && styleMask.contains(true) {
                stylePhrases.append(words.joined(separator: " "))
                continue
            }
            let inline = zip(words, styleMask).filter(\.1).map(\.0)
            if !inline.isEmpty { stylePhrases.append(inline.joined(separator: " ")) }
            builder.read(zip(tokens, styleMask).filter { !$0.1 }.map(\.0))
        }
        builder.finish()
        plan.subjects = Array(builder.subjects.prefix(ScenePlan.maximumSubjects))
        plan.setting = builder.setting ?? builder.subjects.lazy.compactMap { subject in
            PlanVocabulary.impliedSettings[subject.name] ?? PlanVocabulary.impliedSettings[subject.head]
        }.first ?? .none
        plan.time = builder.time ?? (builder.sawNightThing ? .night : .none)
        plan.weather = builder.weather ?? .none
        plan.style = String(stylePhrases.joined(separator: ", ").prefix(ScenePlan.maximumStyleLength))
        while plan.style.hasSuffix(" ") { plan.style.removeLast() }
        // Relations may name a subject dropped by the limit, or (rarely) one that failed to parse; keep them as written.
        return plan
    }

    /// A word of the description, lower-cased, and whether it was written with a capital where a sentence
    /// does not start ("Venice", "Holland"): a proper name.
    struct Token: Equatable {
        let text: String
        let isProperName: Bool
    }

    /// Lower-cased ASCII words (accents folded, apostrophes dropped: "children's" is "childrens"; anything
    /// else but letters and digits separates words).
    static func words(of text: String) -> [String] { tokens(of: text, properNames: false).map(\.text) }

    static func tokens(of text: String, properNames: Bool) -> [Token] {
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        var tokens: [Token] = []
        var current = ""
        var sentenceStart = true, startsSentence = true
        func end() {
            guard !current.isEmpty else { return }
            let capital = current.first.map { ("A"..."Z").contains($0) } ?? false
            tokens.append(Token(text: current.lowercased(), isProperName: properNames && capital && !startsSentence))
            current = ""
        }
        for character in folded {
            if ("a"..."z").contains(character) || ("A"..."Z").contains(character) || ("0"..."9").contains(character) {
                if current.isEmpty { startsSentence = sentenceStart; sentenceStart = false }
                current.append(character)
            } else {
                end()
                if ".!?".contains(character) { sentenceStart = true }
            }
        }
        end()
        return tokens
    }

    /// A description in capitals ("A CAT IN PARIS") has no proper names to tell apart.
    static func isMostlyCapitals(_ text: String) -> Bool {
        let letters = text.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        return letters.filter { ("A"..."Z").contains($0) }.count * 2 > letters.count
    }

    /// Which words are style words. An ambiguous one ("glass", "print") counts only next to a sure one; "painting"
    /// or "drawing" between a noun and an article is what someone does ("a robot painting a picture").
    static func styleWordMask(_ words: [String]) -> [Bool] {
        let sure = words.indices.map { i in
            let word = words[i]
            guard PlanVocabulary.style.contains(word), !PlanVocabulary.ambiguousStyle.contains(word) else { return false }
            if word.hasSuffix("ing"), i > 0, i + 1 < words.count, !PlanVocabulary.style.contains(words[i - 1]),
               !PlanVocabulary.fillers.contains(words[i - 1]), PlanVocabulary.fillers.contains(words[i + 1]) || PlanVocabulary.counts[words[i + 1]] != nil {
                return false
            }
            return true
        }
        return words.indices.map { i in
            if sure[i] { return true }
            guard PlanVocabulary.ambiguousStyle.contains(words[i]) else { return false }
            return (i > 0 && sure[i - 1]) || (i + 1 < words.count && sure[i + 1])
        }
    }
}

/// Reads words into subjects and background, left to right (see `RuleScenePlanner`).
struct PieceReader {
    typealias Token = RuleScenePlanner.Token

    var subjects: [ScenePlan.Subject] = []
    var setting: ScenePlan.Setting?
    var time: ScenePlan.TimeOfDay?
    var weather: ScenePlan.Weather?
    var sawNightThing = false

    private var piece: [Token] = []
    /// The relation word before the current piece, the verb before it, and the plain preposition before it ("in", "with").
    private var pendingRelation: ScenePlan.Relation = .none
    private var pendingVerb: String?
    private var pendingPreposition: String?
    /// The verb that introduced the last subject: "wearing a scarf and a hat" puts both on the wearer.
    private var lastVerb: String?
    /// Words of a piece that held only adjectives before "and" ("black and white cat").
    private var carried: [Token] = []
    /// Index of the last subject read (the one a relation word refers back to), and of the last agent (the
    /// subject before a verb: the wearer of what follows "wearing" and "in a raincoat").
    private var lastSubject: Int?
    private var lastAgent: Int?

    mutating func read(_ tokens: [Token]) {
        let words = tokens.map(\.text)
        var i = 0
        while i < words.count {
            if let (length, relation) = relationPhrase(in: words, at: i) {
                flush(then: relation, verb: nil, preposition: words[i..<i + length].joined(separator: " "))
                i += length
                continue
            }
            let word = words[i]
            if word == "and" && !piece.isEmpty && piece.allSatisfy({ SceneDescription.colourWords[$0.text] != nil }) {
                carried += piece
                piece = []
            } else if PlanVocabulary.splitters.contains(word) {
                flush(then: .none, verb: nil, preposition: word)
                // "wearing a scarf and a hat": both are worn.
                if word == "and", let verb = lastVerb, PlanVocabulary.objectOnAgentVerbs.contains(verb) { pendingVerb = verb }
            } else if isVerb(at: i, in: words) {
                flush(then: .none, verb: word, preposition: nil)
            } else {
                piece.append(tokens[i])
            }
            i += 1
        }
        flush(then: .none, verb: nil, preposition: nil)
    }

    mutating func finish() { flush(then: .none, verb: nil, preposition: nil) }

    private func relationPhrase(in words: [String], at i: Int) -> (Int, ScenePlan.Relation)? {
        for (phrase, relation) in PlanVocabulary.relationPhrases where i + phrase.count <= words.count {
            if Array(words[i..<i + phrase.count]) == phrase { return (phrase.count, relation) }
        }
        return nil
    }

    /// Whether the piece so far ends in a noun, so that a verb may follow it ("a dog | chasing"), rather than
    /// in an article, a count, a size, a colour or an adjective ("a | sleeping cat", "an old | rocking chair").
    private var pieceEndsInNoun: Bool {
        guard let last = piece.last?.text else { return false }
        return !PlanVocabulary.fillers.contains(last) && PlanVocabulary.counts[last] == nil && Int(last) == nil
            && PlanVocabulary.sizes[last] == nil && SceneDescription.colourWords[last] == nil && !PlanVocabulary.isAdjective(last)
    }

    /// A word that starts a new noun phrase or ends this one: an article, a count, a preposition, a possessive.
    private func startsPhrase(_ word: String?) -> Bool {
        guard let word else { return true }
        return PlanVocabulary.fillers.contains(word) || PlanVocabulary.counts[word] != nil || Int(word) != nil
            || PlanVocabulary.splitters.contains(word) || PlanVocabulary.relationStarts.contains(word)
    }

    /// A verb by its form and its place. Listed verbs ("sits", "chase") and -ed words are verbs after a noun; an
    /// -ing word after a noun or before an article or a preposition ("a dog chasing", "sleeping on a sofa"), not
    /// between an article or adjective and its noun ("a sleeping cat", "an old rocking chair"); an -ing word
    /// that is also a noun ("building", "painting") only before its object ("children building a sandcastle",
    /// not "a tall city building at night").
    private func isVerb(at i: Int, in words: [String]) -> Bool {
        let word = words[i], next = i + 1 < words.count ? words[i + 1] : nil
        let afterNoun = pieceEndsInNoun
        if PlanVocabulary.verbs.contains(word) { return afterNoun }
        guard word.count > 4, PlanVocabulary.settings[word] == nil, PlanVocabulary.weather[word] == nil else { return false }
        if word.hasSuffix("ing") {
            guard PlanVocabulary.ingNouns.contains(word) else { return afterNoun || startsPhrase(next) }
            guard afterNoun, let next else { return false }
            return PlanVocabulary.fillers.contains(next) || PlanVocabulary.counts[next] != nil || Int(next) != nil || EnglishNouns.isPlural(next)
        }
        if word.hasSuffix("ed") && !PlanVocabulary.edNouns.contains(word) {
            // "a boat moored in the bay", "a fox sleeping curled up": a participle before a preposition or an article.
            return (afterNoun || piece.isEmpty) && (startsPhrase(next) || next == "up" || next == "down")
        }
        return false
    }

    /// Ends the current piece; `relation`, `verb` and `preposition` are what joins it to the next.
    private mutating func flush(then relation: ScenePlan.Relation, verb: String?, preposition: String?) {
        let tokens = carried + piece
        carried = []
        piece = []
        let before = pendingPreposition
        defer {
            if relation != .none { pendingRelation = relation }
            if verb != nil { pendingVerb = verb }
            pendingPreposition = preposition
        }
        guard let outcome = interpret(tokens, after: before) else {
            if verb != nil { lastAgent = lastSubject }
            return
        }
        switch outcome {
        case .background(let word):
            // "on a hill" places the subject; "on a foggy morning" does not.
            let isPlace = PlanVocabulary.times[word] == nil && PlanVocabulary.weather[word] == nil
            if pendingRelation != .none, isPlace, let last = lastSubject, subjects[last].relation == .none {
                subjects[last].relation = pendingRelation
                subjects[last].of = word
            }
            lastVerb = nil
        case .subject(var subject):
            let wearer = lastAgent ?? lastSubject
            if let last = lastSubject {
                if pendingRelation != .none, subjects[last].relation == .none {
                    subjects[last].relation = pendingRelation
                    subjects[last].of = subject.name
                } else if let verb = pendingVerb, PlanVocabulary.objectOnAgentVerbs.contains(verb), let wearer {
                    subject.relation = .on
                    subject.of = subjects[wearer].name
                } else if let verb = pendingVerb, PlanVocabulary.agentOnObjectVerbs.contains(verb), subjects[last].relation == .none {
                    subjects[last].relation = .on
                    subjects[last].of = subject.name
                } else if pendingVerb == nil, before == "in" || before == "with", PlanVocabulary.clothes.contains(subject.head), let wearer {
                    subject.relation = .on
                    subject.of = subjects[wearer].name
                }
            }
            lastVerb = pendingVerb
            if subjects.count < ScenePlan.maximumSubjects * 2 {
                subjects.append(subject)
                lastSubject = subjects.count - 1
                if pendingVerb == nil && pendingRelation == .none && before != "in" && before != "with" { lastAgent = lastSubject }
            }
        }
        if verb != nil { lastAgent = lastSubject }
        pendingRelation = .none
        pendingVerb = nil
    }

    private enum Outcome { case background(String), subject(ScenePlan.Subject) }

    /// A piece's words → a subject, or background (noting the setting, time and weather it names); nil for a
    /// piece with no noun, or one that names only a part of the subject before it ("with green eyes").
    private mutating func interpret(_ tokens: [Token], after preposition: String?) -> Outcome? {
        let words = tokens.map(\.text)
        for (i, word) in words.enumerated() {
            if let t = PlanVocabulary.times[word] { time = time ?? t }
            if let w = PlanVocabulary.weather[word] { weather = weather ?? w }
            let compound = i > 0 ? PlanVocabulary.settings[words[i - 1] + " " + word] : nil
            let modifiesNext = i + 1 < words.count && PlanVocabulary.settingModifiersOnly.contains(word) && !PlanVocabulary.fillers.contains(words[i + 1])
            if let s = compound ?? (modifiesNext ? nil : PlanVocabulary.settings[word]), setting == nil || setting == .sky { setting = s }
            if PlanVocabulary.nightThings.contains(word) { sawNightThing = true }
        }
        // "an astronaut on the moon" stands in space.
        if words.last == "moon", pendingRelation == .on, setting == nil || setting == .sky { setting = .space }
        var count: Int?
        var size: ScenePlan.Size = .medium
        var name: [String] = []
        var ofIndex: Int?
        // "a group of three friends": the number after a quantity noun is the count, not the noun's own.
        var countIsVague = false
        var quantity: String?
        for word in words {
            if let n = Int(word), ScenePlan.countRange.contains(n) {
                count = n
            } else if let n = PlanVocabulary.counts[word], name.isEmpty || PlanVocabulary.quantityNouns.contains(word) {
                if count == nil || countIsVague { count = n }
                countIsVague = PlanVocabulary.quantityNouns.contains(word)
                if countIsVague { name = []; quantity = word }
            } else if let s = PlanVocabulary.sizes[word], !(name.isEmpty && word == words.last) {
                size = s
            } else if word == "of" {
                ofIndex = name.count
            } else if !PlanVocabulary.fillers.contains(word) && Int(word) == nil {
                name.append(word)
            }
        }
        // "a field of sunflowers", "the top of a hill": the place or position before "of" is not the subject.
        if let split = ofIndex, split > 0, split < name.count {
            let before = name[split - 1]
            if PlanVocabulary.settings[before] != nil || PlanVocabulary.positions.contains(before) {
                name = Array(name[split...])
            } else if PlanVocabulary.containers.contains(before) {
                // "a cup of coffee": the container named by what it holds.
                name = Array(name[split...]).map(EnglishNouns.singular) + Array(name[..<split])
            }
        }
        // "a submarine deep under the ocean": an adjective after the noun is not its head.
        while name.count > 1, let last = name.last, PlanVocabulary.isAdjective(last) { name.removeLast() }
        if name.isEmpty, let quantity, PlanVocabulary.peopleQuantities.contains(quantity) { name = ["person"] }
        guard let head = name.last else { return nil }
        let lastTwo = name.count > 1 ? name[name.count - 2] + " " + head : ""
        if PlanVocabulary.settings[lastTwo] != nil { return .background(lastTwo) }
        // A bakery or a station is where the scene is when one is in it or at it, a building otherwise.
        if let place = PlanVocabulary.buildingPlaces[head], let preposition, PlanVocabulary.insidePrepositions.contains(preposition) {
            if setting == nil || setting == .sky { setting = place }
            return .background(head)
        }
        if PlanVocabulary.isBackground(head) || name.allSatisfy({ SceneDescription.colourWords[$0] != nil }) {
            return .background(head)
        }
        // A proper name where a place goes ("in Venice", "at Brighton") is a place.
        if let preposition, PlanVocabulary.placePrepositions.contains(preposition), tokens.filter({ name.contains($0.text) }).allSatisfy(\.isProperName) {
            return .background(head)
        }
        if PlanVocabulary.positions.contains(head) || PlanVocabulary.isAdjective(head) || PlanVocabulary.activities.contains(head) { return nil }
        let singularHead = EnglishNouns.singular(head)
        if preposition == "with" || preposition == "from", PlanVocabulary.features.contains(singularHead) { return nil }
        if lastSubject != nil, PlanVocabulary.bodyParts.contains(singularHead) { return nil }
        // "wearing glasses" is one pair of spectacles, not drinking glasses.
        if head == "glasses", pendingVerb.map(PlanVocabulary.objectOnAgentVerbs.contains) ?? (preposition == "with") {
            name[name.count - 1] = "glasses"
            return .subject(ScenePlan.Subject(name: name.joined(separator: " "), count: count ?? 1, size: size))
        }
        let plural = singularHead != head
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
}
