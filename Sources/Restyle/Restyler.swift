import Foundation

/// Rewrites text into a style: split into sentences (Markdown structure kept), mask protected spans,
/// apply the style's lexical rules, ask the generator for candidates, reject those that lost or invented
/// a placeholder, score the rest (meaning, style, fluency, new facts) and keep the best per sentence.
public struct Restyler: Sendable {
    public var generator: (any CandidateGenerator)?
    public var meaning: any MeaningScorer
    public var judge: StyleJudge
    /// Model candidates per sentence (greedy + samples). Three fit the speed budget (docs/PERFORMANCE.md).
    public var candidateCount = 3
    public var seed: UInt64 = 42

    public init(generator: (any CandidateGenerator)?, meaning: any MeaningScorer = LexicalOverlapMeaning(),
                judge: StyleJudge = StyleJudge()) {
        self.generator = generator; self.meaning = meaning; self.judge = judge
    }

    /// Reports sentences done out of the total, after each one.
    public typealias Progress = @Sendable (_ completed: Int, _ total: Int) -> Void

    public func rewrite(_ text: String, style: RestyleStyle, progress: Progress? = nil) async throws -> RestyleResult {
        let units = MarkdownUnits(text)
        let total = units.sentenceCount
        var output = ""
        var outcomes: [SentenceOutcome] = []
        var done = 0
        for piece in units.pieces {
            switch piece {
            case let .verbatim(text):
                output += text
            case let .sentence(masked, line):
                try Task.checkCancellation()
                let mask = units.lines[line]
                let outcome = try await rewriteSentence(masked, mask: mask, style: style)
                outcomes.append(outcome)
                output += outcome.chosen?.text ?? outcome.source
                done += 1
                progress?(done, total)
            }
        }
        return RestyleResult(text: output, style: style.name, sentences: outcomes)
    }

    func rewriteSentence(_ masked: String, mask: ProtectedText, style: RestyleStyle) async throws -> SentenceOutcome {
        let expected = ProtectedText.placeholders(in: masked)
        let source = mask.restore(masked, expecting: expected) ?? masked
        let rules = LexicalRules.rules(for: style)
        let ruled = rules.reduce(masked) { $1.apply($0) }

        var raw: [(GeneratedText, String)] = [(GeneratedText(text: ruled), "rules")]
        // The model reads protected spans as they are: it copies "3:30" or `make test` far more reliably
        // than a "{1}" it has never seen. Its answers are masked again before the rules and checks.
        let modelSource = mask.restore(ruled, expecting: expected) ?? ruled
        let request = GenerationRequest(
            messages: RestylePrompt.messages(style: style, source: modelSource), source: modelSource,
            count: candidateCount, maxTokens: Self.tokenLimit(words: TextFeatures(source).words.count, style: style),
            seed: seed)
        if let generator {
            let generated = try await generator.candidates(for: request)
            for (index, candidate) in generated.enumerated() {
                raw.append((candidate, index == 0 ? "greedy" : "sample \(index)"))
            }
        }

        // Post-rules, placeholder check, restore; drop duplicates and empties.
        var restored: [(text: String, masked: String, origin: String, logLikelihood: Double?)] = []
        var rejected = 0
        var rejectedTexts: [String] = []
        for (index, (candidate, origin)) in raw.enumerated() {
            var answer = RestylePrompt.cleanAnswer(candidate.text)
            if index > 0 {
                // A model answer must keep every protected span and say "not" where the source does.
                guard let remasked = mask.remask(answer, expecting: expected), !Polarity.differs(remasked, from: masked)
                else {
                    rejected += 1; rejectedTexts.append(candidate.text); continue
                }
                answer = remasked
            }
            let cleaned = SentenceFinishing.apply(rules.reduce(answer) { $1.apply($0) }, style: style)
            guard !cleaned.isEmpty, let text = mask.restore(cleaned, expecting: expected) else {
                rejected += 1; rejectedTexts.append(candidate.text); continue
            }
            if restored.contains(where: { $0.text == text }) { continue }
            // Twice the source's length is drift or a run cut at the token limit, not a rewrite.
            if Self.lengthRatio(cleaned, masked) > 2, TextFeatures(masked).words.count >= 5 {
                rejected += 1; rejectedTexts.append(candidate.text); continue
            }
            // The model's own likelihood holds only for the text it wrote; edited texts are scored again below.
            let likelihood = text == candidate.text.trimmingCharacters(in: .whitespaces) ? candidate.meanLogLikelihood : nil
            restored.append((Self.capitalisedLikeSource(text, source: source), cleaned, origin, likelihood))
        }
        var scored = try await score(restored, source: source, masked: masked, style: style, request: request)
        // The extra candidates below are scored only while nothing reached the style with meaning ≥ 0.85, so a
        // sentence rewritten well costs nothing more.
        func reachedWell() -> Bool {
            CandidateRanker.best(scored).map { $0.style.achieved && $0.meaning >= 0.85 } ?? false
        }
        let lightRules = LexicalRules.lightRules(for: style)
        guard !lightRules.isEmpty, !reachedWell() else {
            return SentenceOutcome(source: source, candidates: scored, chosen: CandidateRanker.best(scored),
                                   rejectedForPlaceholders: rejected, rejectedTexts: rejectedTexts)
        }
        // A gentler rules candidate (slang and contractions only, say): many word swaps at once can move a
        // short sentence's meaning down, and this one may still reach the style.
        let light = SentenceFinishing.apply(lightRules.reduce(masked) { $1.apply($0) }, style: style)
        if light != masked, let text = mask.restore(light, expecting: expected).map({
            Self.capitalisedLikeSource($0, source: source) }), !restored.contains(where: { $0.text == text }) {
            scored += try await score([(text, light, "light rules", nil)], source: source, masked: masked,
                                      style: style, request: request)
        }
        // Still short: a subset of the full rules' word swaps on top of the light ones (one poor swap can cost
        // more meaning than the others earn in style).
        if !reachedWell(), let full = restored.first(where: { $0.origin == "rules" })?.masked,
           let selected = try await selectEdits(RuleEdits(from: light, to: full), source: source, mask: mask,
                                                expected: expected, style: style),
           !scored.contains(where: { $0.text == selected.text }) {
            scored += try await score([(selected.text, selected.masked, "rules, selected", nil)], source: source,
                                      masked: masked, style: style, request: request)
        }
        return SentenceOutcome(source: source, candidates: scored, chosen: CandidateRanker.best(scored),
                               rejectedForPlaceholders: rejected, rejectedTexts: rejectedTexts)
    }

    /// Adds the edits one at a time, each time the one that raises meaning + style most, while any does
    /// (`ScoredCandidate.meaningAndStyle`, the part of the rank known before fluency is measured). Nil unless a
    /// proper, non-empty subset wins.
    private func selectEdits(_ edits: RuleEdits, source: String, mask: ProtectedText, expected: [Int],
                             style: RestyleStyle) async throws -> (text: String, masked: String)? {
        guard (2...10).contains(edits.edits.count) else { return nil }
        let reference = Self.meaningReference(source)
        func value(_ meaning: Double, _ verdict: StyleJudge.Verdict) -> Double {
            meaning >= CandidateRanker.minimumMeaning ? ScoredCandidate.meaningAndStyle(meaning, verdict) : -.infinity
        }
        var chosen: Set<Int> = []
        var bestValue = -Double.infinity
        var best: (text: String, masked: String)?
        while chosen.count < edits.edits.count {
            try Task.checkCancellation()
            var options: [(set: Set<Int>, text: String, masked: String)] = []
            for index in edits.edits.indices where !chosen.contains(index) {
                let set = chosen.union([index])
                let masked = SentenceFinishing.apply(LexicalRules.tidy(edits.applying(set)), style: style)
                if let text = mask.restore(masked, expecting: expected) {
                    options.append((set, Self.capitalisedLikeSource(text, source: source), masked))
                }
            }
            // The light text itself (already finished) competes in the first round.
            if chosen.isEmpty, let base = mask.restore(edits.applying([]), expecting: expected) {
                options.append(([], Self.capitalisedLikeSource(base, source: source), edits.applying([])))
            }
            guard !options.isEmpty else { break }
            let similarities = try await meanings(of: options.map(\.text), against: reference, style: style)
            let verdicts = try await judge.judge(options.map(\.text), source: source, style: style)
            let values = options.indices.map { value(similarities[$0], verdicts[$0]) }
            guard let top = values.indices.max(by: { values[$0] < values[$1] }), values[top] > bestValue + 1e-9
            else { break }
            bestValue = values[top]
            if options[top].set.isEmpty { break }  // the light text itself is best: nothing to add
            chosen = options[top].set
            best = (options[top].text, options[top].masked)
        }
        guard chosen.count < edits.edits.count else { return nil }
        return best
    }

    /// The source as meaning is measured against it: slang and contractions spelled out, because the
    /// sentence encoder reads "tmrw" or "gonna" poorly and would call a faithful rewrite a change of meaning.
    static func meaningReference(_ source: String) -> String {
        LexicalRules.slang.apply(LexicalRules.contractionsExpanded.apply(source))
    }

    /// The text as meaning is measured: for `polite`, without the request's framing ("Could you please …?").
    static func meaningView(_ text: String, style: RestyleStyle) -> String {
        style.measure == .politeness ? PoliteFraming.content(text) : text
    }

    /// Encoder meaning of each text against `reference`, both seen as the style measures meaning (`meaningView`):
    /// the one place candidates, rule subsets and given rewrites are measured.
    private func meanings(of texts: [String], against reference: String, style: RestyleStyle) async throws -> [Double] {
        try await meaning.similarities(source: Self.meaningView(reference, style: style),
                                       candidates: texts.map { Self.meaningView($0, style: style) })
    }

    /// Fluency (where the generator did not give it), meaning, style and new facts of restored candidates.
    private func score(_ restored: [(text: String, masked: String, origin: String, logLikelihood: Double?)],
                       source: String, masked: String, style: RestyleStyle,
                       request: GenerationRequest) async throws -> [ScoredCandidate] {
        var restored = restored
        guard !restored.isEmpty else { return [] }
        if let generator, restored.contains(where: { $0.logLikelihood == nil }) {
            let missing = restored.indices.filter { restored[$0].logLikelihood == nil }
            let scores = try await generator.meanLogLikelihoods(
                of: missing.map { restored[$0].text }, for: request)
            for (index, score) in zip(missing, scores) { restored[index].logLikelihood = score }
        }
        let similarities = try await meanings(of: restored.map(\.text), against: Self.meaningReference(source), style: style)
        let verdicts = try await judge.judge(restored.map(\.text), source: source, style: style)
        var scored: [ScoredCandidate] = []
        for (index, candidate) in restored.enumerated() {
            scored.append(ScoredCandidate(
                text: candidate.text, origin: candidate.origin, meaning: similarities[index], style: verdicts[index],
                meanLogLikelihood: candidate.logLikelihood,
                newFacts: FactCheck.newFacts(in: candidate.masked, source: masked),
                lengthRatio: Self.lengthRatio(candidate.masked, masked)))
        }
        return scored
    }

    /// Tokens a candidate may take before it counts as drift. A polite rewrite grows ("Answer the question."
    /// → "Could you please answer the question?"): a short sentence needs more room than twice its words.
    static func tokenLimit(words: Int, style: RestyleStyle) -> Int {
        style.name == "polite" ? max(20, words * 3 + 12) : max(16, words * 2 + 8)
    }

    static func lengthRatio(_ text: String, _ source: String) -> Double {
        Double(TextFeatures(text).words.count) / Double(max(1, TextFeatures(source).words.count))
    }

    /// A sentence that began with a capital keeps one (rules may have deleted the first word).
    static func capitalisedLikeSource(_ text: String, source: String) -> String {
        guard let first = source.first, first.isUppercase, let head = text.first, head.isLowercase else { return text }
        return head.uppercased() + text.dropFirst()
    }
}

/// What happened to one sentence.
public struct SentenceOutcome: Sendable, Equatable {
    public var source: String
    public var candidates: [ScoredCandidate]
    /// nil when no candidate kept the meaning: the source is left as it is.
    public var chosen: ScoredCandidate?
    /// Candidates dropped before scoring: a placeholder lost, repeated or invented, or twice the length.
    public var rejectedForPlaceholders: Int
    /// What those candidates said (masked), for `--explain`.
    public var rejectedTexts: [String] = []
}

public struct RestyleResult: Sendable, Equatable {
    public var text: String
    public var style: String
    public var sentences: [SentenceOutcome]

    /// Lowest meaning kept over the rewritten sentences (1 when nothing was rewritten).
    public var meaning: Double { sentences.compactMap(\.chosen?.meaning).min() ?? 1 }
    /// Mean style score of the chosen candidates.
    public var styleScore: Double {
        let scores = sentences.compactMap(\.chosen?.style.score)
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }
    public var candidateCount: Int { sentences.reduce(0) { $0 + $1.candidates.count } }
    /// Sentences for which no candidate kept the meaning (left unchanged).
    public var sentencesWithMeaningLost: Int { sentences.filter { $0.chosen == nil }.count }
}

extension Restyler {
    /// Scores a given rewrite (a human reference, say) exactly as candidates are scored.
    public func score(_ text: String, source: String, style: RestyleStyle) async throws -> ScoredCandidate {
        let meaning = try await meanings(of: [text], against: source, style: style)[0]
        let verdict = try await judge.judge([text], source: source, style: style)[0]
        return ScoredCandidate(text: text, origin: "given", meaning: meaning, style: verdict,
                               meanLogLikelihood: nil, newFacts: FactCheck.newFacts(in: text, source: source),
                               lengthRatio: Self.lengthRatio(text, source))
    }
}

extension RestyleResult {
    /// Every rewritten sentence reached the style with its meaning kept (cosine ≥ 0.6).
    public var styleAchieved: Bool {
        !sentences.isEmpty && sentences.allSatisfy { outcome in
            outcome.chosen.map { $0.style.achieved && $0.meaning >= CandidateRanker.minimumMeaning } ?? false
        }
    }
}
