import Checks
import Foundation
import Models
import Prose
import Testing
@testable import Tone

private let modelsDirectory = ModelCatalog().directory
private let encoderInstalled = FileManager.default.fileExists(
    atPath: modelsDirectory.appendingPathComponent("all-minilm-l6-v2/model.safetensors").path)

/// Loaded once for every test here.
private let classifier: ToneClassifier? = try? ToneClassifier.load(modelsDirectory: modelsDirectory)

private func engine(_ configuration: Configuration = Configuration()) throws -> CheckEngine {
    let classifier = try #require(classifier)
    return CheckEngine(configuration: configuration, rules: ToneRules.make(classifier: classifier, configuration: configuration))
}

private func findings(_ text: String, format: DocumentFormat = .markdown) throws -> [Finding] {
    try engine().check(ProseDocument(text: text, format: format))
}

private func substring(_ text: String, _ span: TextSpan) -> String {
    let units = Array(text.utf16)
    return String(decoding: units[span.start..<span.end], as: UTF16.self)
}

private func apply(_ fix: Fix, to text: String) -> String {
    var units = Array(text.utf16)
    for replacement in fix.replacements.sorted(by: { $0.span.start > $1.span.start }) {
        units.replaceSubrange(replacement.span.start..<replacement.span.end, with: Array(replacement.newText.utf16))
    }
    return String(decoding: units, as: UTF16.self)
}

/// The Swift path (MiniLM with Tone's top layers, then the head) gives the per-token logits of
/// Scripts/train-tone/finetune_top.py's PyTorch model for the same files (Fixtures/token-logits.json).
/// Both round the dense encoder weights to half floats and compute in f32, so they differ only in the
/// order of summation: measured 5e-5, the fixture's own rounding to 4 decimals. The tolerance, 100 times
/// that, leaves room for other CPUs' BLAS kernels through six layers and LayerNorms and is still far
/// below any threshold margin that matters (logits run from about −20 to 10).
@Test(.enabled(if: encoderInstalled)) func tokenLogitsMatchTrainingScript() throws {
    let classifier = try #require(classifier)
    guard let url = Bundle.module.url(forResource: "token-logits", withExtension: "json", subdirectory: "Fixtures") else {
        Issue.record("missing Fixtures/token-logits.json"); return
    }
    struct Row: Decodable { let text: String; let tokenLogits: [[Float]]; let probabilities: [Float] }
    let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: url))
    let tokenized = rows.map { ToneTokens($0.text, tokenizer: classifier.encoder.tokenizer) }
    let outputs = ToneHead.outputCount
    var largest: Float = 0
    for (row, got) in zip(rows, classifier.tokenLogits(rows.map(\.text), tokenized: tokenized)) {
        #expect(got.count == row.tokenLogits.count * outputs, "\(row.text)")
        guard got.count == row.tokenLogits.count * outputs else { continue }
        for (token, expected) in row.tokenLogits.enumerated() {
            for k in 0..<outputs { largest = max(largest, abs(got[token * outputs + k] - expected[k])) }
        }
    }
    #expect(largest < 5e-3, "largest difference \(largest)")
    for (row, probabilities) in zip(rows, classifier.probabilities(for: rows.map(\.text))) {
        for (a, b) in zip(row.probabilities, probabilities) { #expect(abs(a - b) < 2e-3, "\(row.text)") }
    }
}

@Test(.enabled(if: encoderInstalled)) func insultIsReportedOnItsSentence() throws {
    let text = "# Notes\n\nThe release is out. You are a complete idiot and nobody reads your posts. Thanks for testing.\n"
    let found = try findings(text)
    let insult = try #require(found.first { $0.rule == "tone.insult" })
    // The range covers the offending words, not the whole sentence.
    let words = substring(text, insult.span)
    #expect(words.contains("idiot"), "\(words)")
    #expect(words.count < "You are a complete idiot and nobody reads your posts.".count, "\(words)")
    #expect(insult.severity == .warning)
    #expect(insult.documentation == "docs/TONE.md#tone-insult")
    #expect(insult.message.contains("% sure)"))
    #expect(insult.message.contains("an insult"))
    #expect(!found.contains { substring(text, $0.span) == "The release is out." })
}

@Test(.enabled(if: encoderInstalled)) func hateAndThreatsAreErrors() throws {
    let hate = try findings("Immigrants are vermin and should be wiped out.\n")
    #expect(hate.contains { $0.rule == "tone.hate" && $0.severity == .error })
    let threat = try findings("I know where you live and I will hurt you.\n")
    #expect(threat.contains { $0.rule == "tone.threat" && ($0.severity == .error || $0.severity == .warning) })
}

@Test(.enabled(if: encoderInstalled)) func technicalAndNeutralSentencesAreNotFlagged() throws {
    let text = """
        Kill the process with SIGTERM, then abort the transaction. Execute the script as root.
        The attack surface grows with each open port. Use a dummy node, not a hack. The server crashed with a fatal error.
        Hit the endpoint twice and add the address to the blacklist.

        Muslims, Jews and Christians share the building. The survey interviewed 300 gay and lesbian teachers.
        Black women founded the choir in 1962. I hate this weather.
        """
    let found = try findings(text)
    #expect(found.filter { $0.severity >= .warning }.isEmpty, "\(found.map { substring(text, $0.span) + " " + $0.message })")
}

/// Nothing inside code blocks, inline code, URLs, HTML or front matter is ever flagged.
@Test(.enabled(if: encoderInstalled)) func markupIsNeverFlagged() throws {
    let text = """
        ---
        title: You are a stupid idiot and I will kill you
        ---

        ```
        You are a stupid idiot and I will kill you.
        ```

            Immigrants are vermin, I will kill you.

        See `you are a fucking idiot` and <https://example.com/you-are-a-fucking-idiot-i-will-kill-you>.

        <div>You are a stupid idiot and I will kill you.</div>

        <!-- you are a fucking idiot -->
        Read [the notes](https://example.com/fucking-idiots-should-die) today.
        """
    let found = try findings(text)
    #expect(found.isEmpty, "\(found.map { substring(text, $0.span) + " " + $0.message })")
}

@Test(.enabled(if: encoderInstalled)) func ignoreHereFixInsertsDirectiveWithIndentation() throws {
    let text = "- Item one.\n\n  You are a complete idiot, you moron.\n"
    let found = try findings(text)
    let finding = try #require(found.first { $0.rule == "tone.insult" })
    let fix = try #require(finding.fixes.first { $0.title == "Ignore here" })
    #expect(fix.lazyKind == nil)
    #expect(!finding.fixes.contains { $0.lazyKind == ToneRule.rewriteKind })
    let fixed = apply(fix, to: text)
    #expect(fixed == "- Item one.\n\n  <!-- tenor-disable-next-line tone -->\n  You are a complete idiot, you moron.\n")
    #expect(try findings(fixed).isEmpty)
}

@Test(.enabled(if: encoderInstalled)) func rewriteIsOfferedOnlyWithResolver() throws {
    let classifier = try #require(classifier)
    let rule = ToneRule(category: .insult, classifier: classifier, lazyFixKinds: [ToneRule.rewriteKind])
    let found = rule.findings(in: ProseDocument(text: "You are a complete idiot.\n", format: .markdown))
    #expect(found.first?.fixes.contains { $0.lazyKind == ToneRule.rewriteKind && $0.replacements.isEmpty } == true)
}

@Test(.enabled(if: encoderInstalled)) func thresholdIsConfigurable() throws {
    var strict = Configuration()
    strict.toneThreshold = 1.0
    let text = "You are a complete idiot.\n"
    #expect(try engine(strict).check(ProseDocument(text: text, format: .markdown)).isEmpty)
    #expect(!(try engine().check(ProseDocument(text: text, format: .markdown)).isEmpty))
}

/// After an edit only the changed sentence is encoded again.
@Test(.enabled(if: encoderInstalled)) func editReencodesOnlyChangedSentence() throws {
    // Its own encoder, so that tests running in parallel do not touch this cache.
    let classifier = try ToneClassifier.load(modelsDirectory: modelsDirectory)
    let engine = CheckEngine(rules: ToneRules.make(classifier: classifier, configuration: Configuration()))
    let before = "The first sentence stays. The second one changes. The third stays too.\n"
    let after = "The first sentence stays. The second one has changed. The third stays too.\n"
    _ = engine.check(ProseDocument(text: before, format: .markdown))
    let analysed = classifier.analyses.insertionCount
    _ = engine.check(ProseDocument(text: after, format: .markdown))
    // Only the changed sentence is encoded (the other two, and the other three rules, hit the cache).
    #expect(classifier.analyses.insertionCount - analysed == 1)
}

/// Plain text has no directives, so "Ignore here" is not offered there; CRLF documents get a CRLF line.
@Test(.enabled(if: encoderInstalled)) func ignoreHereFollowsFormatAndLineEndings() throws {
    let plain = try findings("You are a complete idiot, you moron.\n", format: .plainText)
    let insult = try #require(plain.first { $0.rule == "tone.insult" })
    #expect(insult.fixes.isEmpty)
    let text = "Intro line.\r\n\r\n> You are a complete idiot, you moron.\r\n"
    let finding = try #require(try findings(text).first { $0.rule == "tone.insult" })
    let fix = try #require(finding.fixes.first)
    #expect(apply(fix, to: text) == "Intro line.\r\n\r\n<!-- tenor-disable-next-line tone -->\r\n> You are a complete idiot, you moron.\r\n")
}

@Test(.enabled(if: encoderInstalled)) func ruleIDsSeveritiesAndDocumentation() throws {
    #expect(ToneCategory.allCases.map(\.ruleID) == ["tone.insult", "tone.profanity", "tone.hate", "tone.threat"])
    #expect(ToneCategory.profanity.defaultSeverity == .information)
    let found = try findings("This fucking build failed again.\n")
    let profanity = try #require(found.first { $0.rule == "tone.profanity" })
    #expect(profanity.severity == .information)
    #expect(profanity.documentation == "docs/TONE.md#tone-profanity")
    var quiet = Configuration()
    quiet.ruleSeverities["tone.profanity"] = .some(nil)
    #expect(try engine(quiet).check(ProseDocument(text: "This fucking build failed again.\n", format: .markdown))
        .allSatisfy { $0.rule != "tone.profanity" })
}

/// One- and two-word fragments (table cells, headings) need a high score: "Checks" once read as a threat.
@Test(.enabled(if: encoderInstalled)) func fragmentsNeedHighScores() throws {
    let text = """
        | feature | state |
        | --- | --- |
        | Checks | in place |
        | Illustrate | planned |
        | Restyle | planned |

        ## Tone

        ## Kill switch
        """
    let found = try findings(text)
    #expect(found.isEmpty, "\(found.map { substring(text, $0.span) + " " + $0.message })")
}
