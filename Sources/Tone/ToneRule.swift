import Checks
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
        let scores = classifier.probabilities(for: sentences.map(\.text))
        var findings: [Finding] = []
        for (sentence, probabilities) in zip(sentences, scores) {
            let p = probabilities[category.outputIndex]
            let isFragment = ToneCues.words(sentence.text).count < 3
            guard p >= (isFragment ? max(threshold, Self.fragmentThreshold) : threshold) else { continue }
            let strong = p >= strongThreshold
            var severity = category.defaultSeverity
            if !strong, severity == .error { severity = .warning }
            let percent = Int((p * 100).rounded(.down))
            let span = TextSpan(start: sentence.range.lowerBound, end: sentence.range.upperBound)
            var fixes: [Fix] = []
            if document.format == .markdown {
                fixes.append(IgnoreHereFix.make(in: document.text, at: span.start))
            }
            if lazyFixKinds.contains(Self.rewriteKind) {
                fixes.append(Fix(title: "Rewrite neutrally", replacements: [], lazyKind: Self.rewriteKind))
            }
            findings.append(Finding(
                rule: id,
                message: "\(strong ? "Reads" : "May read") as \(category.reading) (\(percent)% sure).",
                severity: severity, span: span, fixes: fixes, documentation: category.documentation))
        }
        return findings
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
