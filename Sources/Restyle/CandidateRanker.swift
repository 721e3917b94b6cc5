/// One candidate rewrite of one unit with every measure the ranking uses.
public struct ScoredCandidate: Sendable, Equatable {
    public var text: String
    /// Where it came from: "rules", "greedy", "sample 1", ...
    public var origin: String
    public var meaning: Double
    public var style: StyleJudge.Verdict
    public var meanLogLikelihood: Double?
    public var newFacts: [String]

    /// Words in this candidate over words in the source.
    public var lengthRatio: Double

    /// Meaning first, then style, fluency; penalties for invented facts, for meaning below 0.8 and for
    /// growing past 1.5× the source (a small model's drift: apologies, explanations, new topics).
    public var rank: Double {
        let fluency = meanLogLikelihood.map { max(0, min(1, 1 + $0 / 4)) } ?? 0.5
        return Self.meaningAndStyle(meaning, style) + 0.2 * fluency
            - 0.4 * Double(newFacts.count) - 0.3 * max(0, lengthRatio - 1.5)
    }

    /// The meaning and style terms of `rank`: meaning, style score, the bonus for reaching the style, and the
    /// penalty for meaning below 0.8.
    static func meaningAndStyle(_ meaning: Double, _ style: StyleJudge.Verdict) -> Double {
        1.0 * meaning + 0.6 * style.score + (style.achieved ? 0.5 : 0) - 1.0 * max(0, 0.8 - meaning)
    }
}

public enum CandidateRanker {
    /// Below this encoder cosine a candidate no longer says what the source says.
    public static let minimumMeaning = 0.6

    /// The best candidate that kept the meaning, or nil when none did.
    public static func best(_ candidates: [ScoredCandidate], minimumMeaning: Double = minimumMeaning) -> ScoredCandidate? {
        candidates.filter { $0.meaning >= minimumMeaning }.max { $0.rank < $1.rank }
    }
}
