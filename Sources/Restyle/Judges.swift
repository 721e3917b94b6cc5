/// Meaning kept: similarity of each candidate to the source in 0...1. The sentence encoder
/// (`EncoderMeaning`) conforms; `LexicalOverlapMeaning` stands in without it.
public protocol MeaningScorer: Sendable {
    func similarities(source: String, candidates: [String]) async throws -> [Double]
}

/// Judges offensiveness, 0 (inoffensive) ... 1 (offensive). The executable adapts the Tone module's
/// classifier to it (Restyle does not import Tone, so the two evolve separately);
/// `LexiconToxicityJudge` stands in when the encoder is not installed.
public protocol ToxicityJudge: Sendable {
    func offensiveProbabilities(_ texts: [String]) async throws -> [Double]
    /// The words of `text` that make it offensive, as they are written there (one phrase per run of
    /// adjacent words), in the order they appear; empty when nothing in it is offensive. Neutral and polite
    /// name them to the model and check that the rewrite dropped them.
    func offensivePhrases(in text: String) async throws -> [String]
}

/// Stand-in meaning scorer: Dice overlap of content words (stop words and case ignored). Much cruder than
/// an encoder, as it punishes synonyms; used only when no encoder is installed.
public struct LexicalOverlapMeaning: MeaningScorer {
    public init() {}

    public func similarities(source: String, candidates: [String]) async throws -> [Double] {
        let reference = Self.contentWords(source)
        return candidates.map { candidate in
            let words = Self.contentWords(candidate)
            guard !reference.isEmpty || !words.isEmpty else { return 1 }
            return 2 * Double(reference.intersection(words).count) / Double(reference.count + words.count)
        }
    }

    static func contentWords(_ text: String) -> Set<String> {
        Set(TextFeatures(text).lowercasedWords.map { $0.count > 4 && $0.hasSuffix("s") ? String($0.dropLast()) : $0 }
            .filter { !stopWords.contains($0) })
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "of", "and", "or", "in", "on", "at", "for",
        "it", "this", "that", "with", "as", "by", "i", "you", "we", "they", "he", "she", "do", "does", "did", "not",
        "please", "could", "would", "will", "can", "so", "but", "if", "my", "your", "our", "me", "us", "have", "has",
    ]
}

/// Stand-in tone judge: the share of profane or insulting words, saturating quickly.
public struct LexiconToxicityJudge: ToxicityJudge {
    public init() {}

    public func offensiveProbabilities(_ texts: [String]) async throws -> [Double] {
        texts.map(Self.probability)
    }

    public func offensivePhrases(in text: String) async throws -> [String] {
        TextFeatures(text).words.filter { Self.isOffensive($0.lowercased()) }
    }

    static func probability(_ text: String) -> Double {
        let hits = TextFeatures(text).lowercasedWords.filter(isOffensive).count
        return hits == 0 ? 0.05 : min(0.99, 0.55 + 0.2 * Double(hits - 1))
    }

    /// Stems that start only offensive words ("fucking", "idiots") match as prefixes; short ones that also
    /// start ordinary words ("hello", "cockpit", "Dickens", "dumbbell") match only as a word or with an
    /// inflection ("hell", "sucks", "pissed").
    static func isOffensive(_ word: String) -> Bool {
        if prefixStems.contains(where: { word.hasPrefix($0) }) { return true }
        return ["", "s", "es", "ed", "ing", "y", "ish"].contains { suffix in
            word.hasSuffix(suffix) && wholeWords.contains(String(word.dropLast(suffix.count)))
        }
    }

    static let prefixStems = [
        "fuck", "shit", "bitch", "bastard", "asshole", "cunt", "idiot", "moron", "stupid", "retard", "douche", "whore",
        "slut", "wtf", "stfu", "imbecile", "nigg", "fag", "pathetic", "garbage",
    ]
    static let wholeWords: Set<String> = [
        "hell", "damn", "dick", "cock", "crap", "suck", "piss", "dumb", "loser", "jerk", "scum", "trash", "prick",
        "twat", "pussy", "crappy", "scummy",
    ]
}
