import Foundation

/// "No new facts": numbers and names in a candidate that the source does not have.
public enum FactCheck {
    /// Numbers and capitalised words (not sentence-initial) of `candidate` absent from `source`. A possessive
    /// is its name ("Jamie's gonna miss class" → "Jamie will miss class"), and a day or month written out is
    /// the source's abbreviation of it ("next Weds" → "next Wednesday").
    public static func newFacts(in candidate: String, source: String) -> [String] {
        let sourceWords = Set(TextFeatures(source).lowercasedWords.map(withoutPossessive))
        var facts: [String] = []
        let words = wordsWithPosition(candidate)
        for (word, sentenceInitial) in words {
            let lower = withoutPossessive(word.lowercased())
            if sourceWords.contains(lower) || abbreviates(lower, in: sourceWords) { continue }
            if word.first?.isNumber == true { facts.append(word); continue }
            if !sentenceInitial, word.first?.isUppercase == true, word != "I", !word.hasPrefix("I'") {
                facts.append(word)
            }
        }
        return facts
    }

    static func withoutPossessive(_ word: String) -> String {
        for suffix in ["'s", "\u{2019}s"] where word.count > suffix.count + 1 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Whether `name` is a day or month the source wrote abbreviated ("thurs", "wed", "weds", "sept", "dec").
    static func abbreviates(_ name: String, in sourceWords: Set<String>) -> Bool {
        guard calendarNames.contains(name) else { return false }
        return sourceWords.contains { word in
            word.count >= 3 && (name.hasPrefix(word) || irregularAbbreviations[word] == name)
        }
    }

    static let calendarNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let irregularAbbreviations = ["weds": "wednesday", "thur": "thursday", "thurs": "thursday", "tues": "tuesday"]

    private static func wordsWithPosition(_ text: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        var current = ""
        var sentenceStart = true
        var currentIsInitial = true
        for character in text {
            if character.isLetter || character.isNumber || character == "'" {
                if current.isEmpty { currentIsInitial = sentenceStart }
                current.append(character)
            } else {
                if !current.isEmpty { result.append((current, currentIsInitial)); current = ""; sentenceStart = false }
                if ".!?:".contains(character) { sentenceStart = true }
            }
        }
        if !current.isEmpty { result.append((current, currentIsInitial)) }
        return result
    }
}
