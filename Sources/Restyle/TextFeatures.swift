import Foundation

/// Words and sentences of a short text, as the scorers count them.
struct TextFeatures {
    let words: [String]
    let sentenceCount: Int

    init(_ text: String) {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        self.words = words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }.filter { !$0.isEmpty }
        var sentences = 0
        var previousWasTerminator = false
        for character in text {
            let isTerminator = ".!?".contains(character)
            if isTerminator, !previousWasTerminator { sentences += 1 }
            previousWasTerminator = isTerminator
        }
        if let last = text.trimmingCharacters(in: .whitespacesAndNewlines).last, !".!?".contains(last) { sentences += 1 }
        sentenceCount = max(1, sentences)
    }

    var lowercasedWords: [String] { words.map { $0.lowercased() } }
}

/// Flesch reading ease (higher is easier; 60–70 is plain English).
public enum Readability {
    public static func fleschReadingEase(_ text: String) -> Double {
        let features = TextFeatures(text)
        guard !features.words.isEmpty else { return 100 }
        let syllables = features.words.reduce(0) { $0 + syllableCount($1) }
        let wordsPerSentence = Double(features.words.count) / Double(features.sentenceCount)
        let syllablesPerWord = Double(syllables) / Double(features.words.count)
        return 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
    }

    /// Vowel groups, less a silent final "e"; at least one. Numbers count as one.
    static func syllableCount(_ word: String) -> Int {
        let lower = word.lowercased()
        guard lower.allSatisfy({ $0.isLetter || $0 == "'" }) else { return 1 }
        var count = 0
        var previousVowel = false
        for character in lower {
            let vowel = "aeiouy".contains(character)
            if vowel, !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if lower.hasSuffix("e"), !lower.hasSuffix("le"), count > 1 { count -= 1 }
        if lower.hasSuffix("ed"), count > 1, !lower.hasSuffix("ted"), !lower.hasSuffix("ded") { count -= 1 }
        return max(1, count)
    }
}
