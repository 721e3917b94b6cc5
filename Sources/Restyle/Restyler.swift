import Foundation
import Tokenizers

/// Rewrites a selection into a style: split it into units (Markdown kept by construction), ask the model for
/// each unit whole, clean the answer, check it, and choose. Reads top to bottom:
///
/// 1. split — `SelectionBlocks`: paragraphs, list items, headings, quotes; code, tables and HTML are copied;
/// 2. prompt — `RestylePrompt`: the style's instruction and examples, then the unit as it is written;
/// 3. generate — the greedy answer first; when it fails a check or returns the text unchanged, the model is
///    told what was wrong and answers again, then samples are drawn; for neutral and polite the prompt names
///    the words Tone finds offensive;
/// 4. check — `OutputCleaner` and `MarkupRestoration`, then `RewriteChecks` (spans, negation, facts, replies, length), then meaning
///    (encoder) and, for neutral and polite, tone (the named offensive words must be gone);
/// 5. choose — the first answer that passes (greedy, repair, samples); if none passes, the unit's sentences are
///    rewritten one by one the same way; a sentence nothing passes for stays as the user wrote it.
public struct Restyler: Sendable {
    public var generator: (any ChatGenerator)?
    public var meaning: any MeaningScorer
    public var tone: any ToxicityJudge
    /// Sampled answers tried after a greedy one fails its checks.
    public var retries = 2
    public var seed: UInt64 = 42

    public init(generator: (any ChatGenerator)?, meaning: any MeaningScorer = LexicalOverlapMeaning(),
                tone: any ToxicityJudge = LexiconToxicityJudge()) {
        self.generator = generator; self.meaning = meaning; self.tone = tone
    }

    /// Reports units done out of the total, after each one.
    public typealias Progress = @Sendable (_ completed: Int, _ total: Int) -> Void

    public func rewrite(_ text: String, style: RestyleStyle, progress: Progress? = nil) async throws -> RestyleResult {
        guard let generator else { throw RestyleUnavailable() }
        let blocks = SelectionBlocks(text)
        let units = blocks.units
        var rewrites: [String?] = []
        var outcomes: [UnitOutcome] = []
        for (index, unit) in units.enumerated() {
            try Task.checkCancellation()
            let outcome = try await rewriteUnit(unit.text, style: style, generator: generator)
            outcomes.append(outcome)
            rewrites.append(outcome.text == unit.text ? nil : outcome.text)
            progress?(index + 1, units.count)
        }
        return RestyleResult(text: blocks.assembled(rewrites), style: style.name, units: outcomes)
    }

    func rewriteUnit(_ source: String, style: RestyleStyle, generator: any ChatGenerator) async throws -> UnitOutcome {
        guard source.contains(where: \.isLetter) else { return UnitOutcome(source: source, text: source, origin: "kept") }
        let whole = try await bestRewrite(of: source, style: style, generator: generator, attempts: 1 + retries)
        if let chosen = whole.chosen { return chosen }
        // No answer for the whole unit passed: rewrite its sentences one by one, keeping those that fail.
        let sentences = SentenceSplitting.sentences(source)
        guard sentences.count > 1 else {
            return UnitOutcome(source: source, text: source, origin: "unchanged", rejections: whole.rejections)
        }
        var parts: [String] = []
        var changed = 0
        for sentence in sentences {
            try Task.checkCancellation()
            if let chosen = try await bestRewrite(of: sentence, style: style, generator: generator, attempts: 2).chosen {
                parts.append(chosen.text); changed += 1
            } else {
                parts.append(sentence)
            }
        }
        let text = parts.joined(separator: " ")
        return UnitOutcome(source: source, text: text, origin: changed == 0 ? "unchanged" : "by sentence",
                           rejections: whole.rejections, keptSentences: changed == 0 ? 0 : sentences.count - changed)
    }

    /// The first answer among up to `attempts` that passes every check, if any, and the answers refused
    /// before it, with their reasons. The attempts: the greedy answer; then, when it was refused, a repair —
    /// the same prompt with a note saying what was wrong with it (`RewriteFeedback`), answered greedily;
    /// then seeded samples of the first prompt.
    func bestRewrite(of source: String, style: RestyleStyle, generator: any ChatGenerator,
                     attempts: Int) async throws -> (chosen: UnitOutcome?, rejections: [String]) {
        let offensive = style.mustBeInoffensive ? try await tone.offensivePhrases(in: source) : []
        let prompt = RestylePrompt.messages(style: style, text: source, offensive: offensive)
        let sourceTokens = source.utf8.count / 3 + 8
        var rejections: [String] = []
        var unchangedAnswers = 0
        // After a refused greedy answer: the prompt with a note on what was wrong, and that answer.
        var repair: (prompt: [ChatMessage], refused: String)?
        for attempt in 0..<attempts {
            let repairPrompt = attempt == 1 ? repair?.prompt : nil
            let repairing = repairPrompt != nil
            let request = ChatRequest(messages: repairPrompt ?? prompt,
                                      maxTokens: min(1536, 2 * sourceTokens + 64),
                                      temperature: attempt == 0 || repairing ? 0 : 0.7, seed: seed &+ UInt64(attempt),
                                      copySource: source, sharedMessages: prompt.count - 1)
            let raw = try await generator.complete(request)
            let cleaned = OutputCleaner.clean(raw, source: source)
            let answer = MarkupRestoration.repair(cleaned, source: source)
            let origin = attempt == 0 ? "greedy" : repairing ? "repair" : "sample \(attempt)"
            var reasons: [String] = []
            if repairing, repair?.refused == answer {
                rejections.append("repair: the same answer")
                continue
            }
            if answer == source {
                // The model may judge the text already in style; a second answer decides before it is kept.
                unchangedAnswers += 1
                if unchangedAnswers == min(2, attempts) { return (UnitOutcome(source: source, text: source, origin: "kept"), rejections) }
                reasons = ["unchanged"]
            } else {
                reasons = RewriteChecks.textual(answer, source: source, style: style)
                reasons += RewriteChecks.keptOffensive(offensive, in: answer)
            }
            var similarity = 0.0
            if reasons.isEmpty {
                similarity = try await meaning.similarities(source: source, candidates: [answer]).first ?? 0
                if similarity < style.minimumMeaning { reasons.append(String(format: "meaning %.2f", similarity)) }
            }
            if reasons.isEmpty, style.mustBeInoffensive,
               let offensive = try await tone.offensiveProbabilities([answer]).first, offensive >= 0.5 {
                reasons.append(String(format: "offensive %.2f", offensive))
            }
            if reasons.isEmpty {
                return (UnitOutcome(source: source, text: answer, origin: origin, meaning: similarity, rejections: rejections),
                        rejections)
            }
            rejections.append("\(origin): \(reasons.joined(separator: "; ")) — \(answer)")
            if attempt == 0 {
                repair = (RestylePrompt.messages(style: style, text: source, offensive: offensive,
                                                 note: RewriteFeedback.note(for: reasons)), answer)
            }
        }
        return (nil, rejections)
    }
}

/// No decoder is installed or configured.
public struct RestyleUnavailable: Error, CustomStringConvertible {
    public init() {}
    public var description: String {
        "no rewrite model is installed (run `make setup`, or set [models] rewrite in .tenor.toml)"
    }
}

/// What happened to one unit (a paragraph, list item, heading or quote).
public struct UnitOutcome: Sendable, Equatable {
    public var source: String
    public var text: String
    /// "greedy", "sample N", "by sentence", "kept" (the model returned the text as it was), "unchanged"
    /// (no answer passed the checks).
    public var origin: String
    public var meaning: Double?
    /// Answers refused before the chosen one, with the reasons.
    public var rejections: [String] = []
    /// Sentences left as written in a unit rewritten sentence by sentence.
    public var keptSentences = 0

    public init(source: String, text: String, origin: String, meaning: Double? = nil, rejections: [String] = [],
                keptSentences: Int = 0) {
        self.source = source; self.text = text; self.origin = origin; self.meaning = meaning
        self.rejections = rejections; self.keptSentences = keptSentences
    }
}

public struct RestyleResult: Sendable, Equatable {
    public var text: String
    public var style: String
    public var units: [UnitOutcome]

    /// Units no answer passed the checks for, left as written.
    public var unitsUnchanged: Int { units.filter { $0.origin == "unchanged" }.count }
    /// Units rewritten sentence by sentence in which some sentences stayed as written.
    public var unitsPartlyKept: Int { units.filter { $0.keptSentences > 0 }.count }

    /// A line for the editor or the terminal when something was left as written.
    public var notice: String? {
        if !units.isEmpty, unitsUnchanged == units.count {
            return "no rewrite kept every fact and the meaning; the text is unchanged"
        }
        var parts: [String] = []
        if unitsUnchanged > 0 { parts.append("\(unitsUnchanged) of \(units.count) parts left as written") }
        if unitsPartlyKept > 0 { parts.append("\(unitsPartlyKept) part(s) rewritten only in part") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + ": no rewrite kept every fact and the meaning"
    }
}
