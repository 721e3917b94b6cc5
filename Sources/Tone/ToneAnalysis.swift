/// What the token head says about one sentence: the sentence's probability per output (the maximum
/// over its tokens) and, per word, the largest threshold-shifted logit of its tokens, from which the
/// rules take the range of the offending words.
public struct ToneAnalysis: Sendable {
    /// insult, profanity, hate, threat, toxic; 0.5 is the dev-chosen threshold.
    public let probabilities: [Float]
    /// UTF-16 ranges of the sentence's words in its text (outer punctuation trimmed).
    public let words: [Range<Int>]
    /// Per word, 5 logits (the maximum over the word's tokens), threshold-shifted.
    public let wordLogits: [[Float]]
    /// Added to the toxic logit to decide whether a word is offending (see ToneHead).
    public let spanOffset: Float

    /// Indices of the words that carry `output` (a category's outputIndex, or 4 for toxic): its own
    /// logit at or above `logitThreshold`, or the toxic span logit ≥ 0. Never empty when there are
    /// words: the strongest word stands in when none passes.
    public func offendingWords(output: Int, logitThreshold: Float = 0) -> [Int] {
        guard !words.isEmpty else { return [] }
        let chosen = wordLogits.indices.filter { index in
            !words[index].isEmpty && (wordLogits[index][output] >= logitThreshold || wordLogits[index][4] + spanOffset >= 0)
        }
        if !chosen.isEmpty { return chosen }
        let strongest = wordLogits.indices.filter { !words[$0].isEmpty }.max { wordLogits[$0][output] < wordLogits[$1][output] }
        return strongest.map { [$0] } ?? []
    }

    /// Runs of offending words, each as one UTF-16 range of the sentence text; words at most `gap`
    /// words apart share a run.
    public func offendingRanges(output: Int, logitThreshold: Float = 0, gap: Int = 2) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var last = -10
        for index in offendingWords(output: output, logitThreshold: logitThreshold) {
            let range = words[index]
            if let previous = runs.last, index - last <= gap + 1 {
                runs[runs.count - 1] = previous.lowerBound..<range.upperBound
            } else {
                runs.append(range)
            }
            last = index
        }
        return runs
    }

    /// The run of offending words (see `offendingRanges`) that holds the word with the largest logit
    /// for `output`: one range per sentence, on what most likely makes it hostile.
    public func strongestRange(output: Int, gap: Int = 2) -> Range<Int>? {
        let candidates = wordLogits.indices.filter { !words[$0].isEmpty }
        guard let strongest = candidates.max(by: { wordLogits[$0][output] < wordLogits[$1][output] }) else { return nil }
        let target = words[strongest]
        return offendingRanges(output: output, logitThreshold: .infinity, gap: gap)
            .first { $0.lowerBound <= target.lowerBound && target.upperBound <= $0.upperBound } ?? target
    }

    static let empty = ToneAnalysis(probabilities: [Float](repeating: 0, count: ToneHead.outputCount), words: [],
                                    wordLogits: [], spanOffset: 0)
}
