import Foundation

/// The deterministic planner: word rules, no model. The default, and the fallback when the decoder is
/// missing or its answer fails validation. It reads a closed-class grammar and categories of words
/// (`PlanVocabulary`), not the words of particular descriptions:
///
/// 1. Style phrases are recognised whole, first: a heading before a colon ("Vintage safari poster: …"), the kind
///    of picture before "of" ("Dot painting of …"), later comma segments that hold a style word, hyphenated
///    styles ("low-poly", "hand-drawn"), "in the style of …", "ghibli style", style words inside a segment
///    ("a pixel art castle") unless a verb acts on them ("reading a comic book").
/// 2. The rest is read left to right and cut into pieces at prepositions, conjunctions and verbs ("a dog |
///    chasing | a ball | on | a sandy beach | at | sunset"), so that both the agent and the object are subjects
///    and the verb is in neither name. A word is a verb by its form and its place (`PieceReader.isVerb`):
///    after a noun, a subject pronoun or "is" ("a dog chasing", "while it snows", "that is watering"), not
///    between an article or an adjective and its noun ("a sleeping cat", "a rocking chair").
/// 3. A piece is background when it names a place of any kind (cave, fjord, reading nook, kitchen floor), the
///    ground, water, light, sky or weather, a time, or is a proper name where a place goes ("in Venice");
///    nothing when it is a position, an activity, game or event ("playing chess"), an arrangement ("in a
///    line"), a substance something is done with ("rolling dough", "directing traffic"), what fills a container
///    ("two buckets of milk" are two buckets), a part "with" a subject or an adverb; otherwise a subject. A
///    building is a subject seen from outside ("past a greenhouse") and the setting when the scene is in it. Its count comes from count words
///    ("three", "a pair of", "twins", "a tray of six cookies"), 3 for an unnumbered plural; its name is the
///    remaining words, head noun last and singular, without the words that only describe ("a sleepy bulldog"
///    is a bulldog).
///
/// A relation word between two pieces ("over", "next to", "in front of") relates the subject before it to what
/// follows, if that subject has no relation yet; clothes worn ("wearing a hat", "in a yellow raincoat") are
/// *on* the wearer.
public enum RuleScenePlanner {
    /// Descriptions are cut to this many characters (a picture is described in a sentence or two).
    public static let maximumCharacters = 2_000

    public static func plan(_ description: String) -> ScenePlan {
        var plan = ScenePlan()
        var stylePhrases: [String] = []
        var builder = PieceReader()
        var text = String(description.prefix(maximumCharacters))
        let shouting = isMostlyCapitals(text)
        // "Vintage safari poster: a giraffe …", "Flat lay: a laptop …": a heading before a colon is the style.
        if let colon = text.firstIndex(of: ":"), isStyleHeading(words(of: String(text[..<colon]))) {
            stylePhrases += text[..<colon].split(separator: ",").map { words(of: String($0)).joined(separator: " ") }
            text = String(text[text.index(after: colon)...])
        }
        let segments = text.split { ",;:()\n".contains($0) }
        for (index, segment) in segments.enumerated() {
            var tokens = Self.tokens(of: String(segment), properNames: !shouting)
            // "Dot painting of a kangaroo": the kind of picture before "of" is the style, whatever its words.
            if let of = mediumPhraseEnd(tokens.map(\.text)) {
                let kind = tokens[..<of].map(\.text).drop { PlanVocabulary.fillers.contains($0) }
                stylePhrases.append(kind.joined(separator: " "))
                tokens = Array(tokens[(of + 1)...])
            }
            let words = tokens.map(\.text)
            let styleMask = styleWordMask(tokens)
            if index > 0 && (styleMask.contains(true) || namesAStyleOnly(words)) {
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
        /// Written joined to the word before by a hyphen ("low-poly", "three-legged"): one compound word.
        var joinedToPrevious = false
        /// Written with "'s" ("a teddy bear's heartbeat"); `text` keeps the s, as "childrens" always had.
        var isPossessive = false
    }

    /// Lower-cased ASCII words (accents folded, apostrophes dropped: "children's" is "childrens", marked
    /// possessive; anything else but letters and digits separates words).
    static func words(of text: String) -> [String] { tokens(of: text, properNames: false).map(\.text) }

    static func tokens(of text: String, properNames: Bool) -> [Token] {
        let folded = Array(text.folding(options: [.diacriticInsensitive], locale: nil))
        var tokens: [Token] = []
        var current = ""
        var sentenceStart = true, startsSentence = true
        var joined = false, hyphenAfterWord = false, skipNext = false
        func end() {
            guard !current.isEmpty else { return }
            let capital = current.first.map { ("A"..."Z").contains($0) } ?? false
            tokens.append(Token(text: current.lowercased(), isProperName: properNames && capital && !startsSentence, joinedToPrevious: joined))
            current = ""
        }
        func isWordCharacter(_ c: Character) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
        for (index, character) in folded.enumerated() {
            if character == "'" || character == "\u{2019}" {
                // "bear's" before a space is possessive; other apostrophes ("don't", "rock 'n' roll") just vanish.
                if !current.isEmpty, index + 1 < folded.count, folded[index + 1] == "s" || folded[index + 1] == "S",
                   index + 2 >= folded.count || !isWordCharacter(folded[index + 2]) {
                    current.append("s")
                    end()
                    tokens[tokens.count - 1].isPossessive = true
                    skipNext = true
                }
                continue
            }
            if skipNext {
                skipNext = false
                continue
            }
            if isWordCharacter(character) {
                if current.isEmpty {
                    startsSentence = sentenceStart; sentenceStart = false
                    joined = hyphenAfterWord
                }
                hyphenAfterWord = false
                current.append(character)
            } else {
                let wordEnds = !current.isEmpty
                end()
                hyphenAfterWord = wordEnds && character == "-"
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

    /// A heading before a colon that names a style: a few words, no article or count, with a style word or a
    /// medium noun ("Retro 70s poster", "Flat lay", "Vintage safari poster").
    static func isStyleHeading(_ words: [String]) -> Bool {
        guard (1...5).contains(words.count), let last = words.last else { return false }
        if words.contains(where: { PlanVocabulary.fillers.contains($0) || (PlanVocabulary.counts[$0] != nil && $0 != "double") }) { return false }
        return PlanVocabulary.mediumNouns.contains(last) || words.contains(where: PlanVocabulary.isStyleWord)
    }

    /// The index of "of" after a segment-opening "<kind> <medium noun>" ("Dot painting of", "A woodblock print
    /// of"): what comes before it says how the picture looks. Nil when the words before the medium noun hold an
    /// article or a count after the first word, which makes them a thing ("a boy's drawing of …" is still read).
    static func mediumPhraseEnd(_ words: [String]) -> Int? {
        guard let of = words.firstIndex(of: "of"), of > 0, of + 1 < words.count, PlanVocabulary.mediumNouns.contains(words[of - 1]),
              of <= 5 else { return nil }
        let kind = words[..<(of - 1)].drop { PlanVocabulary.fillers.contains($0) }
        if kind.contains(where: { PlanVocabulary.fillers.contains($0) || PlanVocabulary.counts[$0] != nil || Int($0) != nil }) { return nil }
        return of
    }

    /// A later segment with no article that ends in a word that names a medium but also things ("sumi ink",
    /// "linen print") is a style phrase too.
    static func namesAStyleOnly(_ words: [String]) -> Bool {
        guard let last = words.last, PlanVocabulary.ambiguousStyleNouns.contains(last) else { return false }
        return !words.contains { PlanVocabulary.fillers.contains($0) || PlanVocabulary.counts[$0] != nil }
    }

    /// Which words are style words. An ambiguous one ("glass", "print") counts only next to a sure one; "painting"
    /// or "drawing" between a noun and an article is what someone does ("a robot painting a picture"). Style
    /// phrases are recognised whole before any subject is read: a hyphenated compound that is a known style
    /// ("low-poly", "cel-shaded") or ends in a style word ("hand-drawn", "anime-style"); "in the style of …" and
    /// "inspired by …" to the end of the segment; the word before "style" ("a ghibli style fox").
    static func styleWordMask(_ tokens: [Token]) -> [Bool] {
        let words = tokens.map(\.text)
        var mask = singleStyleWordMask(words)
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count && tokens[end].joinedToPrevious { end += 1 }
            if end - start > 1 {
                let compound = words[start..<end].joined(separator: "-")
                let last = words[end - 1]
                if PlanVocabulary.hyphenatedStyles.contains(compound)
                    || (PlanVocabulary.style.contains(last) && !PlanVocabulary.ambiguousStyle.contains(last)) {
                    for i in start..<end { mask[i] = true }
                }
            }
            start = end
        }
        for i in words.indices {
            if let phrase = PlanVocabulary.styleCompounds.first(where: { words[i...].starts(with: $0) }) {
                for j in i..<i + phrase.count { mask[j] = true }
            }
            if PlanVocabulary.styleIntroductions.contains(where: { words[i...].starts(with: $0) }) {
                for j in i..<words.count { mask[j] = true }
                break
            }
            if (words[i] == "style" || words[i] == "styled"), i > 0, !PlanVocabulary.fillers.contains(words[i - 1]),
               PlanVocabulary.counts[words[i - 1]] == nil, !PlanVocabulary.splitters.contains(words[i - 1]) {
                mask[i - 1] = true
            }
        }
        // "a boy reading a comic book", "an artist holding a pencil": style words that are the object of a verb are a
        // thing held or used, unless they end in "style".
        var run = 0
        while run < words.count {
            guard mask[run] else { run += 1; continue }
            var end = run
            while end < words.count && mask[end] { end += 1 }
            if run >= 2, PlanVocabulary.objectDeterminers.contains(words[run - 1]), isVerbForm(words[run - 2]),
               words[end - 1] != "style", !PlanVocabulary.styleIntroductions.contains(where: { words[run...].starts(with: $0) }) {
                for i in run..<end { mask[i] = false }
            }
            run = end
        }
        return mask
    }

    /// A verb before its object: a listed verb or an -ing word that is no style or noun ("reading", not "painting").
    private static func isVerbForm(_ word: String) -> Bool {
        PlanVocabulary.verbs.contains(word)
            || (word.count > 4 && word.hasSuffix("ing") && !PlanVocabulary.ingNouns.contains(word) && !PlanVocabulary.isStyleWord(word))
    }

    private static func singleStyleWordMask(_ words: [String]) -> [Bool] {
        let sure = words.indices.map { i in
            let word = words[i]
            guard PlanVocabulary.isStyleWord(word), !PlanVocabulary.ambiguousStyle.contains(word) else { return false }
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
    /// The owner before "'s" ("a teddy bear's heartbeat"): the subject only when what it owns names nothing drawn.
    private var possessor: [Token] = []
    /// The next piece is what fills the container before it: read for the setting, never a subject.
    private var skipsContents = false
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
            // "a sky full of balloons": what fills a thing is read as after "with"; what fills a container is not a
            // subject ("a wheelbarrow full of pumpkins", "a basket filled with apples"), as in "a jar of jam".
            if (word == "full" || word == "filled"), i + 1 < words.count, words[i + 1] == "of" || words[i + 1] == "with", !piece.isEmpty {
                let holder = piece.last.map { EnglishNouns.singular($0.text) } ?? ""
                flush(then: .none, verb: nil, preposition: "with")
                if PlanVocabulary.containers.contains(holder) { skipsContents = true }
                i += 2
                continue
            }
            if tokens[i].isPossessive, word.count > 1 {
                piece.append(Token(text: String(word.dropLast()), isProperName: tokens[i].isProperName))
                possessor = carried + piece
                carried = []
                piece = []
            } else if word == "and" && !piece.isEmpty && piece.allSatisfy({ SceneDescription.colourWords[$0.text] != nil }) {
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
        // "a penguin family | huddled": a group noun after a noun names the group.
        if PlanVocabulary.quantityNouns.contains(last), pieceEndsInNounBeforeLast { return true }
        return !PlanVocabulary.fillers.contains(last) && PlanVocabulary.counts[last] == nil && Int(last) == nil
            && PlanVocabulary.sizes[last] == nil && SceneDescription.colourWords[last] == nil && !PlanVocabulary.isAdjective(last)
    }

    /// Whether the word before the piece's last one is a noun ("a robot | that"), not a determiner ("| that dog").
    private var pieceEndsInNounBeforeLast: Bool {
        guard piece.count > 1 else { return false }
        let word = piece[piece.count - 2].text
        return !PlanVocabulary.fillers.contains(word) && PlanVocabulary.counts[word] == nil && !PlanVocabulary.isAdjective(word)
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
        // "while it snows", "a robot that is watering plants": the word after a subject pronoun or a form of "be"
        // is a verb (or says how the subject is).
        if let last = piece.last?.text, PlanVocabulary.subjectPronouns.contains(last) || PlanVocabulary.copulas.contains(last),
           piece.count > 1 || PlanVocabulary.subjectPronouns.contains(last), !PlanVocabulary.fillers.contains(word),
           PlanVocabulary.counts[word] == nil, Int(word) == nil, !(last == "that" && !pieceEndsInNounBeforeLast) {
            return true
        }
        if piece.isEmpty, let verb = pendingVerb, PlanVocabulary.copulas.contains(verb), !PlanVocabulary.fillers.contains(word),
           PlanVocabulary.counts[word] == nil, Int(word) == nil {
            return true
        }
        if PlanVocabulary.verbs.contains(word) {
            // "a cake stand": a verb's plain form cannot follow "a" and one noun, so it is part of the
            // compound (unless the piece is the second of a pair: "a boy and a girl play").
            if PlanVocabulary.isPlainVerbForm(word), let first = piece.first?.text, PlanVocabulary.singularDeterminers.contains(first),
               pendingPreposition != "and", !piece.contains(where: { $0.text == "of" }) {
                return false
            }
            return afterNoun
        }
        // "a firefighter washes it": after "a" and a noun, a word in -s before a new phrase is a verb, not a plural
        // (a plural cannot follow "a"; "a sports car" goes on to its noun).
        if afterNoun, word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), let first = piece.first?.text,
           PlanVocabulary.singularDeterminers.contains(first), piece.count >= 2, !piece.contains(where: { $0.text == "of" }),
           startsPhrase(next) || PlanVocabulary.subjectPronouns.contains(next ?? ""),
           PlanVocabulary.settings[word] == nil, !PlanVocabulary.isBackground(word) {
            return true
        }
        // Irregular participles ("led by a man", "caught in a net") as -ed ones below.
        if PlanVocabulary.irregularParticiples.contains(word) {
            return (afterNoun || piece.isEmpty) && (startsPhrase(next) || next == "up" || next == "down")
        }
        // "a snowplow clearing a road": a place word in -ing between a noun and an article is a verb.
        if word.hasSuffix("ing"), PlanVocabulary.settings[word] != nil, afterNoun, let next,
           PlanVocabulary.fillers.contains(next) || PlanVocabulary.counts[next] != nil {
            return true
        }
        guard word.count > 4, PlanVocabulary.settings[word] == nil, PlanVocabulary.weather[word] == nil else { return false }
        if word.hasSuffix("ing") {
            guard PlanVocabulary.ingNouns.contains(word) else { return afterNoun || startsPhrase(next) }
            guard afterNoun, let next else { return false }
            // "children building sandcastle": after a plural the -ing word is what they do ("city buildings" is one word).
            if let last = piece.last?.text, EnglishNouns.isPlural(last) { return true }
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
        let tokens = carried + piece, owner = possessor
        carried = []
        piece = []
        possessor = []
        let before = pendingPreposition
        defer {
            if relation != .none { pendingRelation = relation }
            if verb != nil { pendingVerb = verb }
            pendingPreposition = preposition
        }
        // What is owned is read as a part ("with"); when it names nothing drawn, the owner is the subject.
        var owned = owner.isEmpty ? interpret(tokens, after: before) : interpret(tokens, after: "with")
        if skipsContents, !tokens.isEmpty {
            skipsContents = false
            if case .subject = owned { owned = nil }
        }
        guard let outcome = owned ?? (owner.isEmpty ? nil : interpret(owner, after: before)) else {
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
        case .subject(var subject, let contents):
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
                if var contents {
                    contents.relation = .on
                    contents.of = subject.name
                    subjects.append(contents)
                }
            }
        }
        if verb != nil { lastAgent = lastSubject }
        pendingRelation = .none
        pendingVerb = nil
    }

    /// Background, or a subject with what it holds ("a tray of six cookies").
    private enum Outcome { case background(String), subject(ScenePlan.Subject, contents: ScenePlan.Subject?) }

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
        // "a tray of six cookies": a number right after "of" counts what the container holds.
        var heldCount: Int?
        for (i, word) in words.enumerated() {
            // "mid-jump", "mid-air": where in a movement the subject is, not a thing.
            if word == "mid" || (i > 0 && words[i - 1] == "mid" && tokens[i].joinedToPrevious) { continue }
            // "a three-legged dog", "a two-storey house": a number joined to the next word describes the thing.
            if i + 1 < tokens.count, tokens[i + 1].joinedToPrevious, PlanVocabulary.counts[word] != nil || Int(word) != nil {
                name.append(word)
                continue
            }
            let afterOf = ofIndex.map { $0 > 0 && $0 == name.count } ?? false
            if afterOf, !countIsVague, let n = Int(word).flatMap({ ScenePlan.countRange.contains($0) ? $0 : nil }) ?? PlanVocabulary.counts[word],
               !PlanVocabulary.quantityNouns.contains(word) {
                heldCount = n
            } else if let n = Int(word), ScenePlan.countRange.contains(n) {
                count = n
            } else if let n = PlanVocabulary.counts[word], name.isEmpty || PlanVocabulary.quantityNouns.contains(word) {
                if count == nil || countIsVague {
                    count = n
                } else if let pairs = count, word == "pairs" || word == "pair" {
                    // "two pairs of boots" are four boots.
                    count = min(pairs * n, ScenePlan.countRange.upperBound)
                }
                countIsVague = PlanVocabulary.quantityNouns.contains(word)
                // "a flock of gulls" is the gulls; "a penguin family", "a wolf pack" (a noun first) are the penguins.
                let namedFirst = !name.isEmpty && !name.allSatisfy(PlanVocabulary.onlyDescribes) && (i + 1 == words.count || words[i + 1] != "of")
                if countIsVague, namedFirst { countIsVague = false; continue }
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
        var contents: ScenePlan.Subject?
        if let split = ofIndex, split > 0, split < name.count {
            let before = name[split - 1]
            if PlanVocabulary.piles.contains(before) {
                // "a stack of four pancakes": a pile is only how its things lie.
                name = Array(name[split...])
                count = heldCount ?? count
            } else if PlanVocabulary.containers.contains(EnglishNouns.singular(before)), let held = heldCount {
                // "a tray of six cookies": the tray and the six cookies.
                var things = Array(name[split...])
                things[things.count - 1] = EnglishNouns.singular(things[things.count - 1])
                things = things.enumerated().filter { $0.offset == things.count - 1 || !PlanVocabulary.onlyDescribes($0.element) }.map(\.element)
                contents = ScenePlan.Subject(name: String(things.joined(separator: " ").suffix(ScenePlan.maximumNameLength)), count: held)
                name = Array(name[..<split])
            } else if let land = PlanVocabulary.settings[before], PlanVocabulary.plantedLand.contains(land), let preposition,
                      PlanVocabulary.withinPrepositions.contains(preposition) {
                // "in a field of sunflowers", "through a forest of pines": what grows where the scene is, is the place
                // ("above a field of sunflowers" looks at them from outside: they stay subjects).
                return .background(before)
            } else if PlanVocabulary.settings[before] != nil || PlanVocabulary.positions.contains(before) {
                name = Array(name[split...])
                // "the skyline of New York": a proper name there is the place.
                if PlanVocabulary.settings[before] != nil, tokens.filter({ name.contains($0.text) }).allSatisfy(\.isProperName) {
                    return .background(before)
                }
                // "the interior of a bookshop" is inside it.
                if let last = name.last, let place = PlanVocabulary.buildingPlaces[last], PlanVocabulary.settings[before] == .room || before == "inside" {
                    if setting == nil || setting == .sky || setting == .room { setting = place }
                    return .background(last)
                }
            } else if PlanVocabulary.containers.contains(EnglishNouns.singular(before)) {
                // "a cup of coffee", "two buckets of milk": the container named by what it holds (its last word), counted
                // as the containers are.
                let containers = name[split - 1]
                name = Array(name[split...].suffix(1)).map(EnglishNouns.singular) + Array(name[..<(split - 1)]) + [EnglishNouns.singular(containers)]
                if count == nil, EnglishNouns.isPlural(containers) { count = 3 }
            }
        }
        // "a submarine deep under the ocean": an adjective after the noun is not its head.
        // Not after another describing word, though: in "an orange tabby" the last word is the noun.
        while name.count > 1, let last = name.last, PlanVocabulary.isAdjective(last), !PlanVocabulary.onlyDescribes(name[name.count - 2]) {
            name.removeLast()
        }
        if name.isEmpty, let quantity, PlanVocabulary.peopleQuantities.contains(quantity) { name = ["person"] }
        // "twins on a swing": the count word is the only noun.
        if name.isEmpty, let multiple = words.first(where: PlanVocabulary.multipleBirths.contains) { name = [multiple] }
        // "half a dozen eggs".
        if let half = words.firstIndex(of: "half"), words[half...].contains("dozen") {
            name.removeAll { $0 == "half" }
            count = 6
        }
        // "tying her shoes backstage": an adverb of place after the noun.
        while name.count > 1, let last = name.last, PlanVocabulary.placeAdverbs.contains(last) { name.removeLast() }
        guard let head = name.last else { return nil }
        let lastTwo = name.count > 1 ? name[name.count - 2] + " " + head : ""
        let determined = words.contains { PlanVocabulary.fillers.contains($0) || PlanVocabulary.counts[$0] != nil || Int($0) != nil }
        let counted = words.contains { PlanVocabulary.singularDeterminers.contains($0) || PlanVocabulary.counts[$0] != nil || Int($0) != nil }
        // "rolling dough", "pouring latte art", "directing traffic", "full of soil": a substance after a verb or
        // "with" is what is done or carried, not a thing drawn of its own (its container is: "a jar of jam"). With
        // "a" or a number it is one thing ("a rope").
        let substance = PlanVocabulary.massNouns.contains(head) || PlanVocabulary.massNouns.contains(lastTwo)
        if substance, ofIndex == nil, !counted, pendingVerb != nil || preposition == "with" || preposition == "of" || !determined && preposition != nil {
            return nil
        }
        // "standing guard": a bare activity ("a crossing guard" is a person).
        if PlanVocabulary.bareActivities.contains(head), !determined, name.count == 1 { return nil }
        // A building seen from outside ("an old gas station", "past a greenhouse") is a subject; in it or at it, it
        // is where the scene is (below).
        let isBuilding = PlanVocabulary.buildingPlaces[lastTwo] != nil || PlanVocabulary.buildingPlaces[head] != nil
        let seenFromOutside = isBuilding && !(preposition.map(PlanVocabulary.insidePrepositions.contains) ?? false)
        if PlanVocabulary.settings[lastTwo] != nil, !seenFromOutside { return .background(lastTwo) }
        if let t = PlanVocabulary.compoundTimes[lastTwo] {
            time = time ?? t
            return .background(lastTwo)
        }
        if let place = PlanVocabulary.interiorPlaces[head], preposition == "inside" || preposition == "within" {
            if setting == nil || setting == .sky { setting = place }
            return .background(head)
        }
        // A bakery or a station is where the scene is when one is in it or at it, a building otherwise.
        if let place = PlanVocabulary.buildingPlaces[head], let preposition, PlanVocabulary.insidePrepositions.contains(preposition) {
            if setting == nil || setting == .sky { setting = place }
            return .background(head)
        }
        if (PlanVocabulary.isBackground(head) && !seenFromOutside) || name.allSatisfy({ SceneDescription.colourWords[$0] != nil }) {
            return .background(head)
        }
        // A proper name where a place goes ("in Venice", "beneath Mount Fuji") is a place, and so is a titled
        // landform: "Lake Como", and "mount fuji" however it is written ("a lake house" is a house).
        let isProperName = tokens.filter({ name.contains($0.text) }).allSatisfy(\.isProperName)
        let titledPlace = name.count > 1 ? name.first.flatMap { PlanVocabulary.placeTitles[$0] } : nil
        if let preposition, PlanVocabulary.placePrepositions.contains(preposition), isProperName {
            if let place = titledPlace, setting == nil || setting == .sky { setting = place }
            return .background(head)
        }
        if let place = titledPlace, isProperName || name.first == "mount" || name.first == "mt" {
            if setting == nil || setting == .sky { setting = place }
            return .background(head)
        }
        // An adjective alone names nothing; after a colour or another adjective it is the noun ("an orange tabby").
        if PlanVocabulary.positions.contains(head) || (name.count == 1 && PlanVocabulary.isAdjective(head)) || PlanVocabulary.activities.contains(head) {
            return nil
        }
        // "in a row", "forming a heart": how the subjects stand, not a thing.
        if preposition == "in" || preposition == "into" || pendingVerb.map(PlanVocabulary.formingVerbs.contains) == true,
           PlanVocabulary.arrangements.contains(head), name.count == 1 {
            return nil
        }
        // "standing still", "waiting patiently": an adverb alone.
        if name.count == 1, head.count > 4, head.hasSuffix("ly"), !PlanVocabulary.lyNouns.contains(head) { return nil }
        let singularHead = EnglishNouns.singular(head)
        if preposition == "with" || preposition == "from", PlanVocabulary.features.contains(singularHead) { return nil }
        if lastSubject != nil, PlanVocabulary.bodyParts.contains(singularHead) { return nil }
        // "wearing glasses" is one pair of spectacles, not drinking glasses.
        if head == "glasses", pendingVerb.map(PlanVocabulary.objectOnAgentVerbs.contains) ?? (preposition == "with") {
            name[name.count - 1] = "glasses"
            return .subject(ScenePlan.Subject(name: name.joined(separator: " "), count: count ?? 1, size: size), contents: nil)
        }
        let plural = singularHead != head
        name[name.count - 1] = PlanVocabulary.nounAliases[singularHead] ?? singularHead
        // "wearing red rain boots": things that come in pairs are one pair when no number is said.
        if plural, count == nil, PlanVocabulary.pairedThings.contains(singularHead) { count = 2 }
        // "a sleepy bulldog", "a red wooden boat": words that only say how the thing looks or feels leave the name,
        // which is what the clip art is searched for; age words and named compounds stay ("old man", "hot air
        // balloon", "red panda").
        if !PlanVocabulary.adjectiveCompounds.contains(where: { name.joined(separator: " ").hasSuffix($0) }) {
            name = name.enumerated().filter { $0.offset == name.count - 1 || !PlanVocabulary.onlyDescribes($0.element) }.map(\.element)
        }
        // Too long a name keeps its last words (the head noun last), whole.
        var kept: [String] = [String(name[name.count - 1].prefix(ScenePlan.maximumNameLength))]
        for word in name.dropLast().reversed() {
            guard kept.joined(separator: " ").count + 1 + word.count <= ScenePlan.maximumNameLength else { break }
            kept.insert(word, at: 0)
        }
        let subjectName = kept.joined(separator: " ")
        return .subject(ScenePlan.Subject(name: subjectName, count: count ?? (plural ? 3 : 1), size: size), contents: contents)
    }
}
