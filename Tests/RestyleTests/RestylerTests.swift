import Foundation
import Testing
@testable import Restyle

/// Answers from a script, so the pipeline around the model is tested without one. It sees the unit as the
/// last user turn and answers by attempt (greedy first, then samples).
struct ScriptedGenerator: ChatGenerator {
    let answers: @Sendable (_ text: String, _ attempt: Int) -> String
    func complete(_ request: ChatRequest) async throws -> String {
        try Task.checkCancellation()
        let turn = request.messages.last?.content ?? ""
        let text = turn.components(separatedBy: "\n\nText:\n").last ?? turn
        return answers(text, Int(request.seed - 42))
    }
}

/// Answers from a closure over the whole request.
struct ScriptedRequests: ChatGenerator {
    let answer: @Sendable (ChatRequest) -> String
    func complete(_ request: ChatRequest) async throws -> String { answer(request) }
}

struct WaitingGenerator: ChatGenerator {
    func complete(_ request: ChatRequest) async throws -> String {
        try await Task.sleep(for: .seconds(30))
        return ""
    }
}

/// Meaning as a constant: these tests are about the pipeline, not the encoder.
struct FixedMeaning: MeaningScorer {
    var value = 0.9
    func similarities(source: String, candidates: [String]) async throws -> [Double] { candidates.map { _ in value } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [[Int]] = []
    func record(_ done: Int, _ total: Int) { lock.lock(); recorded.append([done, total]); lock.unlock() }
    var events: [[Int]] { lock.lock(); defer { lock.unlock() }; return recorded }
}

struct RestylerTests {
    @Test func theWholeParagraphGoesToTheModelInOneRequest() async throws {
        let source = "hey team, the deploy blew up cuz the schema wasn't bumped. i patched it, lmk if u see anything weird."
        let restyler = Restyler(generator: ScriptedGenerator { text, _ in
            #expect(text == source)
            return "Sure! Here is the rewritten text:\n\nHello team, the deployment failed because the schema had not been updated. I have patched it; please let me know if you notice anything unusual.\n\nLet me know if you need anything else!"
        }, meaning: FixedMeaning())
        let result = try await restyler.rewrite(source, style: BuiltInStyles.formal)
        #expect(result.text == "Hello team, the deployment failed because the schema had not been updated. I have patched it; please let me know if you notice anything unusual.")
        #expect(result.units.map(\.origin) == ["greedy"])
    }

    @Test func anAnswerThatLosesACodeSpanIsRefusedAndTheModelToldWhy() async throws {
        let restyler = Restyler(generator: ScriptedRequests { request in
            let turn = request.messages.last?.content ?? ""
            guard turn.contains("refused") else { return "Please run the tests before version 1.2.0 ships." }
            // The repair: the same turn with a note on what was wrong with the first answer.
            #expect(turn.contains("A first rewrite was refused: it dropped or changed \u{201C}`make test`\u{201D}"))
            #expect(turn.hasSuffix("Text:\npls run `make test` before 1.2.0 ships"))
            #expect(request.temperature == 0)
            return "Could you please run `make test` before 1.2.0 ships?"
        })
        let result = try await restyler.rewrite("pls run `make test` before 1.2.0 ships", style: BuiltInStyles.polite)
        #expect(result.text == "Could you please run `make test` before 1.2.0 ships?")
        let unit = try #require(result.units.first)
        #expect(unit.origin == "repair")
        #expect(unit.rejections.count == 1)
        #expect(unit.rejections.first?.contains("lost `make test`") == true)
    }

    @Test func theOffensiveWordsAreNamedToTheModelForNeutral() async throws {
        final class Turns: @unchecked Sendable { var last = "" }
        let turns = Turns()
        let restyler = Restyler(generator: ScriptedRequests { request in
            turns.last = request.messages.last?.content ?? ""
            return "The grading rubric did not list citations as a requirement."
        }, meaning: FixedMeaning())
        let result = try await restyler.rewrite("This stupid rubric never listed citations as a requirement.", style: BuiltInStyles.neutral)
        #expect(turns.last.contains("Offensive words to replace: \u{201C}stupid\u{201D}."))
        #expect(result.text == "The grading rubric did not list citations as a requirement.")
    }

    @Test func anAnswerThatKeepsAnOffensiveWordIsRefused() async throws {
        let restyler = Restyler(generator: ScriptedGenerator { _, attempt in
            attempt == 0 ? "Your rubric is stupid: citations were never listed as a requirement."
                         : "Citations were never listed as a requirement in the rubric."
        }, meaning: FixedMeaning())
        let result = try await restyler.rewrite("Your stupid rubric never listed citations as a requirement.", style: BuiltInStyles.neutral)
        #expect(result.text == "Citations were never listed as a requirement in the rubric.")
        #expect(result.units.first?.rejections.first?.contains("kept \u{201C}stupid\u{201D}") == true)
    }

    @Test func anUnchangedGreedyAnswerGetsASecondOpinion() async throws {
        let source = "Fix my bill, I was charged $180 for a test I never had."
        let restyler = Restyler(generator: ScriptedGenerator { text, attempt in
            attempt == 0 ? text : "Could you please correct my bill? I was charged $180 for a test I never had."
        }, meaning: FixedMeaning())
        let result = try await restyler.rewrite(source, style: BuiltInStyles.polite)
        #expect(result.text == "Could you please correct my bill? I was charged $180 for a test I never had.")
        #expect(result.units.first?.origin == "repair")
        // Twice unchanged: the model holds the text to be in style already, and it is kept without a notice.
        let keeping = Restyler(generator: ScriptedGenerator { text, _ in text }, meaning: FixedMeaning())
        let kept = try await keeping.rewrite(source, style: BuiltInStyles.polite)
        #expect(kept.text == source)
        #expect(kept.units.first?.origin == "kept")
    }

    @Test func whenNothingPassesTheTextStaysAsWrittenWithANotice() async throws {
        let restyler = Restyler(generator: ScriptedGenerator { _, _ in "I'm sorry, but I can't assist with that." })
        let source = "This PR is garbage and whoever wrote it should quit."
        let result = try await restyler.rewrite(source, style: BuiltInStyles.neutral)
        #expect(result.text == source)
        #expect(result.unitsUnchanged == 1)
        #expect(result.notice?.contains("unchanged") == true)
    }

    @Test func failingParagraphsFallBackToSentences() async throws {
        // The whole-paragraph answer invents a number; sentence by sentence the model does better.
        let restyler = Restyler(generator: ScriptedGenerator { text, _ in
            switch text {
            case "gonna be late. the bus broke down.": "I will be 20 minutes late, as the bus broke down."
            case "gonna be late.": "I will be late."
            default: "The bus has broken down."
            }
        }, meaning: FixedMeaning())
        let result = try await restyler.rewrite("gonna be late. the bus broke down.", style: BuiltInStyles.formal)
        #expect(result.text == "I will be late. The bus has broken down.")
        #expect(result.units.first?.origin == "by sentence")
    }

    @Test func markdownStructureComesBackAndProgressIsPerUnit() async throws {
        let counter = Counter()
        let restyler = Restyler(generator: ScriptedGenerator { text, _ in text.uppercased() + "!" })
        let text = "# a title\n\nsome intro text here:\n\n- first item `x`\n- second item\n\n```\ncode stays\n```\n| a | b |\n"
        let result = try await restyler.rewrite(text, style: BuiltInStyles.plain) { done, total in
            counter.record(done, total)
        }
        #expect(result.units.count == 4)
        #expect(counter.events == [[1, 4], [2, 4], [3, 4], [4, 4]])
        // The scripted answers fail the meaning check (word overlap); what matters is the structure either way.
        let lines = result.text.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix("# ") && lines[4].hasPrefix("- ") && lines[5].hasPrefix("- "))
        #expect(result.text.hasSuffix("```\ncode stays\n```\n| a | b |\n"))
    }

    @Test func cancellationStopsGeneration() async throws {
        let restyler = Restyler(generator: WaitingGenerator())
        let task = Task { try await restyler.rewrite("One. Two. Three.", style: BuiltInStyles.formal) }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    @Test func withoutAModelTheErrorSaysWhatToInstall() async throws {
        await #expect(throws: RestyleUnavailable.self) {
            _ = try await Restyler(generator: nil).rewrite("hello", style: BuiltInStyles.formal)
        }
    }

    @Test func userStylesReadAsAnInstruction() {
        let pirate = RestyleStyle(userStyle: "pirate", instruction: "Talk like a pirate", examples: [])
        #expect(RestylePrompt.task(pirate) == "Rewrite the text in this style: Talk like a pirate.")
        #expect(RestylePrompt.task(BuiltInStyles.concise).hasPrefix("Rewrite the text as concisely as possible"))
        let messages = RestylePrompt.messages(style: BuiltInStyles.polite, text: "Fix it.")
        #expect(messages.first?.role == "system")
        #expect(messages.count == 2 + 2 * BuiltInStyles.polite.examples.count)
        #expect(messages.last?.content.hasSuffix("Text:\nFix it.") == true)
    }
}

