/// The five cue features appended to the sentence embedding, computed exactly as
/// Scripts/train-tone/cues.py does (Tests/ToneTests/Fixtures/cues.json checks that they agree):
/// quoted, negated, second person, metalinguistic (talk about words or moderation), profane.
enum ToneCues {
    static let count = 5

    static func features(_ text: String) -> [Float] {
        let words = Self.words(text)
        return [
            isQuoted(text) ? 1 : 0,
            words.contains { negations.contains($0) || $0.hasSuffix("n't") || $0.hasSuffix("n’t") } ? 1 : 0,
            words.contains { secondPerson.contains($0) } ? 1 : 0,
            words.contains { metalinguistic.contains($0) } ? 1 : 0,
            isProfane(text) ? 1 : 0,
        ]
    }

    static let negations: Set<String> = [
        "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "cannot", "without",
        "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
        "can't", "couldn't", "shouldn't", "ain't", "aren’t", "don’t", "doesn’t", "isn’t", "won’t", "can’t"]
    static let secondPerson: Set<String> = [
        "you", "your", "yours", "yourself", "yourselves", "you're", "you’re", "you've", "you'll",
        "you'd", "u", "ur", "ya", "youre"]
    static let metalinguistic: Set<String> = [
        "says", "said", "say", "saying", "call", "calls", "called", "calling", "write", "writes", "wrote",
        "written", "writing", "phrase", "phrases", "word", "words", "quote", "quoted", "quoting", "slur",
        "slurs", "insult", "insults", "threat", "threats", "threatened", "threatens", "stereotype",
        "stereotypes", "propaganda", "report", "reported", "condemn", "condemns", "ban", "bans", "banned",
        "remove", "removed", "delete", "deletes", "flag", "flags", "flagged", "comment", "comments",
        "post", "posts", "message", "messages", "example", "examples", "such", "like", "hate-speech",
        "dehumanising", "dehumanizing", "harassment", "moderator", "moderators", "violate", "forbids"]
    static let profanePrefixes = [
        "fuck", "fuk", "fck", "fkn", "phuck", "shit", "sht", "bulshit", "motherfuck", "godamn", "damn",
        "bitch", "biatch", "ashole", "ahole", "dipshit", "wtf", "bastard", "cunt", "twat", "wank", "efing"]
    static let leet: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                                                "@": "a", "$": "s", "!": "i"]
    static let quoteMarks: Set<Character> = ["\"", "“", "”", "«", "»", "‘", "„"]

    /// ASCII letters and digits, or any non-ASCII letter (Python's `isalnum` on ASCII, `isalpha` beyond).
    static func isWordCharacter(_ c: Character) -> Bool {
        if c.isASCII { return c.isLetter || c.isNumber }
        return c.unicodeScalars.count == 1 && c.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// Runs of word characters and apostrophes, outer apostrophes dropped, ASCII lower-cased.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            let trimmed = current.drop { $0 == "'" || $0 == "’" }
            var word = String(trimmed)
            while let last = word.last, last == "'" || last == "’" { word.removeLast() }
            if !word.isEmpty { result.append(String(word.map { $0.isASCII ? Character($0.lowercased()) : $0 })) }
            current = ""
        }
        for c in text {
            if isWordCharacter(c) || c == "'" || c == "’" { current.append(c) } else { flush() }
        }
        flush()
        return result
    }

    /// Lower-cases, undoes leetspeak, keeps ASCII letters and collapses repeats: "Fuuu*ck" → "fuck".
    static func squeeze(_ token: Substring) -> String {
        var letters: [Character] = []
        for raw in token {
            let c = leet[raw] ?? raw
            guard c.isASCII, c.isLetter else { continue }
            let lower = Character(c.lowercased())
            if letters.last != lower { letters.append(lower) }
        }
        return String(letters)
    }

    /// Whitespace tokens, with runs of three or more one-character tokens ("f u c k") joined.
    static func spacedOutWords(_ text: String) -> [Substring] {
        var joined: [Substring] = []
        var run: [Substring] = []
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            if token.count == 1 { run.append(token); continue }
            if run.count >= 3 { joined.append(Substring(run.joined())) }
            run = []
            joined.append(token)
        }
        if run.count >= 3 { joined.append(Substring(run.joined())) }
        return joined
    }

    static func isProfane(_ text: String) -> Bool {
        spacedOutWords(text).contains { token in
            let squeezed = squeeze(token)
            return !squeezed.isEmpty && profanePrefixes.contains { squeezed.hasPrefix($0) }
        }
    }

    static func isQuoted(_ text: String) -> Bool {
        var previous: Character = " "
        for c in text {
            if quoteMarks.contains(c) { return true }
            if c == "'" && !isWordCharacter(previous) { return true }
            previous = c
        }
        return false
    }
}
