import Foundation

/// Politeness in 0...1 from markers ("please", "could you", "thank you") and their opposites
/// (bare imperatives, "you must", exclamations).
public enum PolitenessScorer {
    public static func score(_ text: String) -> Double {
        let lower = " " + text.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        var polite = 0.0
        for marker in markers where lower.contains(marker) { polite += 1 }
        var rude = 0.0
        for marker in rudeMarkers where lower.contains(marker) { rude += 1 }
        rude += Double(text.filter { $0 == "!" }.count)
        let firstWord = TextFeatures(text).lowercasedWords.first ?? ""
        if imperativeVerbs.contains(firstWord) { rude += 1 }
        let z = -0.8 + 1.6 * polite - 1.4 * rude
        return 1 / (1 + exp(-z))
    }

    static let markers = [
        " please", "kindly", "could you", "would you", "would you mind", "thank you", "thanks", "appreciate",
        "sorry", "i'm afraid", "i am afraid", "if possible", "if you have a moment", "may i", "i wonder",
        "perhaps", "i believe", "i think", "if you don't mind", "if you do not mind", "grateful", "when you can",
        "when you have a chance", "might", "could we", "would it be possible", "apologies", "apologize",
    ]
    static let rudeMarkers = [
        "you must", "you should have", "you need to", "shut up", "obviously", "stupid", "idiot", "wrong.",
        "now.", "immediately", "right now", "how many times", "useless", "whatever", "i told you",
    ]
    static let imperativeVerbs: Set<String> = [
        "send", "fix", "do", "stop", "give", "tell", "get", "make", "read", "shut", "go", "move", "change",
        "update", "remove", "delete", "add", "write", "call", "answer", "reply", "check", "look", "put", "take",
        "finish", "bring", "use", "run", "install", "leave", "don't", "quit", "explain", "show",
    ]
}

/// Judges offensiveness, 0 (inoffensive) ... 1 (offensive). The executable adapts the Tone module's
/// classifier to it (Restyle does not import Tone, so tone and restyle evolve separately);
/// `LexiconToxicityJudge` stands in when the encoder is not installed.
public protocol ToxicityJudge: Sendable {
    func offensiveProbabilities(_ texts: [String]) async throws -> [Double]
}

/// Placeholder tone judge: the share of profane or insulting words, saturating quickly.
public struct LexiconToxicityJudge: ToxicityJudge {
    public init() {}

    public func offensiveProbabilities(_ texts: [String]) async throws -> [Double] {
        texts.map(Self.probability)
    }

    static func probability(_ text: String) -> Double {
        let words = TextFeatures(text).lowercasedWords
        let hits = words.filter { word in offensiveStems.contains { word.hasPrefix($0) } }.count
        return hits == 0 ? 0.05 : min(0.99, 0.55 + 0.2 * Double(hits - 1))
    }

    static let offensiveStems = [
        "fuck", "shit", "bitch", "bastard", "asshole", "dick", "cunt", "idiot", "moron", "stupid", "dumb", "retard",
        "crap", "damn", "hell", "suck", "loser", "scum", "jerk", "pathetic", "douche", "whore", "slut", "wtf",
        "stfu", "piss", "twat", "prick", "cock", "pussy", "trash", "garbage", "fag", "nigg", "imbecile",
    ]
}

/// Meaning kept: similarity of each candidate to the source in 0...1. The sentence encoder
/// (cosine of L2-normalised embeddings) conforms; `LexicalOverlapMeaning` stands in without it.
public protocol MeaningScorer: Sendable {
    func similarities(source: String, candidates: [String]) async throws -> [Double]
}

/// Stand-in meaning scorer: Dice overlap of content words (stop words and case ignored), after
/// expanding slang and contractions in both texts so the rules' own rewrites are not counted as changes.
/// Much cruder than an encoder: it punishes synonyms. Used only when no encoder is installed.
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
        let canonical = LexicalRules.contractionsExpanded.apply(LexicalRules.slang.apply(text))
        return Set(TextFeatures(canonical).lowercasedWords.map { $0.count > 4 && $0.hasSuffix("s") ? String($0.dropLast()) : $0 }
            .filter { !stopWords.contains($0) })
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "of", "and", "or", "in", "on", "at", "for",
        "it", "this", "that", "with", "as", "by", "i", "you", "we", "they", "he", "she", "do", "does", "did", "not",
        "please", "could", "would", "will", "can", "so", "but", "if", "my", "your", "our", "me", "us", "have", "has",
    ]
}
