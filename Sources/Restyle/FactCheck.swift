import Foundation

/// "No new facts": numbers and names in a candidate that the source does not have.
public enum FactCheck {
    /// Numbers and capitalised words (not sentence-initial) of `candidate` absent from `source`.
    public static func newFacts(in candidate: String, source: String) -> [String] {
        let sourceWords = Set(TextFeatures(source).lowercasedWords)
        var facts: [String] = []
        let words = wordsWithPosition(candidate)
        for (word, sentenceInitial) in words {
            let lower = word.lowercased()
            if sourceWords.contains(lower) { continue }
            if word.first?.isNumber == true { facts.append(word); continue }
            if !sentenceInitial, word.first?.isUppercase == true, word != "I", !word.hasPrefix("I'") {
                facts.append(word)
            }
        }
        return facts
    }

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
