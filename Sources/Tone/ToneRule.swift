import Checks
import Foundation
import Prose

/// One tone category as a rule (`tone.insult`, `tone.profanity`, `tone.hate`, `tone.threat`).
/// The four rules share a classifier, so a sentence is encoded once per text (the encoder's cache).
public struct ToneRule: Rule {
    public let category: ToneCategory
    public let classifier: ToneClassifier
    /// A sentence is reported when the category's probability is at least this (0.5 is the threshold
    /// chosen on the dev sets; higher values report less).
    public let threshold: Float
    /// At or above this, hate and threats are errors; below, warnings ("may read as").
    public let strongThreshold: Float
    /// Lazy fix kinds that have a resolver; "Rewrite neutrally" is offered only when
    /// `ToneRule.rewriteKind` is among them.
    public let lazyFixKinds: Set<String>

    public static let rewriteKind = "tone.rewrite-neutral"
    /// Fragments of one or two words (table cells, headings, labels such as "Checks") lie outside what
    /// the head was trained on and score erratically, so they must reach this instead of `threshold`.
    public static let fragmentThreshold: Float = 0.9
    /// Sentences with fewer words are not reported at all (see `findings`).
    public static let minimumWords = 3

    public init(category: ToneCategory, classifier: ToneClassifier, threshold: Float = 0.5,
                strongThreshold: Float = 0.75, lazyFixKinds: Set<String> = []) {
        self.category = category
        self.classifier = classifier
        self.threshold = threshold
        self.strongThreshold = max(strongThreshold, threshold)
        self.lazyFixKinds = lazyFixKinds
    }

    public var id: String { category.ruleID }
    public var defaultSeverity: Severity { category.defaultSeverity }

    public func findings(in document: ProseDocument) -> [Finding] {
        let sentences = document.sentences
        guard !sentences.isEmpty else { return [] }
        let analyses = classifier.analyses(for: sentences.map(\.text))
        var findings: [Finding] = []
        for (sentence, analysis) in zip(sentences, analyses) {
            // Fragments of one or two words (table cells, headings, labels: "N/A", "Bare metal") lie outside
            // what the head was trained on and score erratically, up to 99%: never reported.
            guard ToneCues.words(sentence.text).count >= Self.minimumWords,
                  let reading = reported(analysis, isFragment: false) else { continue }
            let p = reading.probability
            let strong = p >= strongThreshold
            var severity = category.defaultSeverity
            if !strong, severity == .error { severity = .warning }
            let percent = Int((p * 100).rounded(.down))
            let segment = document.segments[sentence.segmentIndex]
            let sentenceStart = Self.textOffset(of: sentence, in: segment)
            // The words come from the toxic output, which Toxic Spans trained on words; the category
            // outputs were trained on whole sentences and can peak on any word.
            for range in [analysis.strongestRange(output: 4)].compactMap({ $0 }) {
                let words = segment.sourceRange(ofTextUTF16: (sentenceStart + range.lowerBound)..<(sentenceStart + range.upperBound))
                var span = TextSpan(start: words.lowerBound, end: words.upperBound)
                if span.length <= 0 { span = TextSpan(start: sentence.range.lowerBound, end: sentence.range.upperBound) }
                var fixes: [Fix] = []
                if document.format == .markdown {
                    fixes.append(IgnoreHereFix.make(in: document.text, at: span.start))
                }
                if lazyFixKinds.contains(Self.rewriteKind) {
                    fixes.append(Fix(title: "Rewrite neutrally", replacements: [], lazyKind: Self.rewriteKind))
                }
                let quoted = Self.utf16(sentence.text, range)
                findings.append(Finding(
                    rule: id,
                    message: "\(strong ? "Reads" : "May read") as \(category.reading) (\(percent)% sure): “\(quoted)”.",
                    severity: severity, span: span, fixes: fixes, documentation: category.documentation))
            }
        }
        return findings
    }

    /// Whether this rule reports the sentence, with the probability and the head output whose words it
    /// points at. Insult, hate and threat: only the strongest of the three that pass their thresholds,
    /// so one sentence gets one reading. A sentence that is toxic without a category reads as an insult.
    /// Profanity is reported on its own (information).
    func reported(_ analysis: ToneAnalysis, isFragment: Bool) -> (probability: Float, output: Int)? {
        let p = analysis.probabilities
        guard p.count == ToneHead.outputCount else { return nil }
        let needed = isFragment ? max(threshold, Self.fragmentThreshold) : threshold
        let own = p[category.outputIndex]
        if category == .profanity { return own >= needed ? (own, category.outputIndex) : nil }
        let rivals = [ToneCategory.insult, .hate, .threat].filter { $0 != category }.map { p[$0.outputIndex] }
        if own >= needed {
            return rivals.allSatisfy({ $0 <= own }) ? (own, category.outputIndex) : nil
        }
        // Toxic but no category above its threshold: an insult, pointed at by the toxic output's words.
        if category == .insult, p[4] >= needed, rivals.allSatisfy({ $0 < needed }) { return (p[4], 4) }
        return nil
    }

    /// The UTF-16 offset in the segment text where the sentence's text starts.
    static func textOffset(of sentence: ProseSentence, in segment: ProseSegment) -> Int {
        let offsets = segment.sourceOffsets
        var low = 0, high = max(0, offsets.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < sentence.range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func utf16(_ text: String, _ range: Range<Int>) -> String {
        let units = Array(text.utf16)
        let lower = min(max(range.lowerBound, 0), units.count), upper = min(max(range.upperBound, lower), units.count)
        return String(decoding: units[lower..<upper], as: UTF16.self)
    }
}

/// The four tone rules over one classifier, with thresholds from the configuration's `[tone]` section.
public enum ToneRules {
    public static func make(classifier: ToneClassifier, configuration: Configuration,
                            lazyFixKinds: Set<String> = []) -> [any Rule] {
        ToneCategory.allCases.map { category in
            let threshold = configuration.toneCategoryThresholds[category.rawValue] ?? configuration.toneThreshold
            return ToneRule(category: category, classifier: classifier, threshold: Float(threshold),
                            lazyFixKinds: lazyFixKinds)
        }
    }
}
