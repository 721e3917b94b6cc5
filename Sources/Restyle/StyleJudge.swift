/// Scores how well a text achieves a style, relative to its source.
public struct StyleJudge: Sendable {
    public let tone: any ToxicityJudge

    public init(tone: any ToxicityJudge = LexiconToxicityJudge()) { self.tone = tone }

    public struct Verdict: Sendable, Equatable {
        /// 0...1, higher is more of the style.
        public var score: Double
        public var achieved: Bool
    }

    public func judge(_ texts: [String], source: String, style: RestyleStyle) async throws -> [Verdict] {
        switch style.measure {
        case .formality:
            let level = style.level ?? 0.5
            return texts.map { text in
                let formality = FormalityScorer.score(text)
                let achieved = level >= 0.5 ? formality >= min(0.6, level) : formality <= max(0.4, level)
                return Verdict(score: 1 - abs(formality - level), achieved: achieved)
            }
        case .politeness:
            return texts.map { text in
                let politeness = PolitenessScorer.score(text)
                return Verdict(score: politeness, achieved: politeness >= 0.6)
            }
        case .brevity:
            let sourceWords = Double(TextFeatures(source).words.count)
            return texts.map { text in
                let words = Double(TextFeatures(text).words.count)
                let ratio = sourceWords > 0 ? words / sourceWords : 1
                // Short sources cannot lose 15%; one word fewer counts there.
                let achieved = ratio <= 0.85 || (sourceWords <= 8 && words < sourceWords)
                return Verdict(score: max(0, min(1, 1 - ratio)), achieved: achieved)
            }
        case .inoffensiveness:
            let probabilities = try await tone.offensiveProbabilities(texts)
            return probabilities.map { Verdict(score: 1 - $0, achieved: $0 < 0.5) }
        case .readability:
            let sourceEase = Readability.fleschReadingEase(source)
            return texts.map { text in
                let ease = Readability.fleschReadingEase(text)
                let achieved = ease >= sourceEase + 10 || ease >= 70
                return Verdict(score: max(0, min(1, ease / 100)), achieved: achieved)
            }
        case .none:
            return texts.map { _ in Verdict(score: 0.5, achieved: true) }
        }
    }
}
