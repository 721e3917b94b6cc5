import Foundation
import Testing
@testable import Restyle

/// Returns fixed answers, so the pipeline around the model is tested without one.
struct ScriptedGenerator: CandidateGenerator {
    let answers: @Sendable (String) -> [String]
    func candidates(for request: GenerationRequest) async throws -> [GeneratedText] {
        try Task.checkCancellation()
        return answers(request.source).map { GeneratedText(text: $0, meanLogLikelihood: -1) }
    }
}

struct RestylerTests {
    @Test func choosesACandidateThatKeepsPlaceholdersAndMeaning() async throws {
        // The model reads protected spans as they are; answers are masked again by finding them.
        let generator = ScriptedGenerator { source in
            #expect(source == "please run `make test` before 1.2.0 ships")
            return ["Could you please run `make test` before 1.2.0 ships?", "Please run the tests.",
                    "Please run {1} before {2} ships."]
        }
        let restyler = Restyler(generator: generator)
        let result = try await restyler.rewrite("pls run `make test` before 1.2.0 ships", style: BuiltInStyles.polite)
        #expect(result.text == "Could you please run `make test` before 1.2.0 ships?")
        let outcome = try #require(result.sentences.first)
        #expect(outcome.rejectedForPlaceholders == 2)
    }

    @Test func leavesTheSentenceWhenNoCandidateKeepsTheMeaning() async throws {
        let generator = ScriptedGenerator { _ in ["Something else entirely."] }
        let restyler = Restyler(generator: generator)
        let result = try await restyler.rewrite("Zebras graze quietly near rivers.", style: BuiltInStyles.neutral)
        // The rules candidate equals the source and keeps the meaning; the model answer does not.
        #expect(result.text == "Zebras graze quietly near rivers.")
        let unrelated = try await Restyler(generator: ScriptedGenerator { _ in ["Bananas are yellow."] })
            .rewriteSentence("Zebras graze quietly near rivers.", mask: ProtectedText(masking: ""), style: BuiltInStyles.plain)
        #expect(unrelated.candidates.contains { $0.text == "Bananas are yellow." && $0.meaning < 0.6 })
    }

    @Test func reportsProgressPerSentenceAndKeepsMarkdown() async throws {
        let counter = Counter()
        let restyler = Restyler(generator: nil)
        let text = "- It's fine. We're done.\n- See `x`.\n"
        let result = try await restyler.rewrite(text, style: BuiltInStyles.formal) { done, total in
            counter.record(done, total)
        }
        #expect(result.text == "- It is fine. We are done.\n- See `x`.\n")
        #expect(counter.events == [[1, 3], [2, 3], [3, 3]])
    }

    @Test func cancellationStopsGeneration() async throws {
        let restyler = Restyler(generator: WaitingGenerator())
        let task = Task { try await restyler.rewrite("One. Two. Three.", style: BuiltInStyles.formal) }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    @Test func newFactsAreCounted() {
        #expect(FactCheck.newFacts(in: "The meeting moved to Paris in 2020.", source: "the meeting moved") == ["Paris", "2020"])
        #expect(FactCheck.newFacts(in: "Please send {1} to Anna.", source: "send {1} to Anna") == [])
    }
}

/// Never answers; only cancellation ends it.
struct WaitingGenerator: CandidateGenerator {
    func candidates(for request: GenerationRequest) async throws -> [GeneratedText] {
        try await Task.sleep(for: .seconds(60))
        return []
    }
}

final class Counter: @unchecked Sendable {
    private var storage: [[Int]] = []
    private let lock = NSLockShim()
    func record(_ a: Int, _ b: Int) { lock.with { storage.append([a, b]) } }
    var events: [[Int]] { lock.with { storage } }
}

struct NSLockShim: Sendable {
    private let lock = NSLock()
    func with<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }
}

struct DriftTests {
    @Test func rejectsCandidatesTwiceTheSourceLength() async throws {
        let drift = "I am sorry for any inconvenience, I am always here to assist you and I am sure you will be happy."
        let restyler = Restyler(generator: ScriptedGenerator { _ in [drift, "Send the file to Anna today."] })
        let outcome = try await restyler.rewriteSentence(
            "Please send the file to Anna today.", mask: ProtectedText(masking: ""), style: BuiltInStyles.casual)
        #expect(!outcome.candidates.contains { $0.text == drift })
        #expect(outcome.rejectedForPlaceholders == 1)
    }
}

struct InventedSpanTests {
    /// "seven days" → "7 days" adds a number the source never had: rejected like a lost one.
    @Test func rejectsCandidatesWithANewNumberOrCodeSpan() async throws {
        let restyler = Restyler(generator: ScriptedGenerator { _ in
            ["Your password expires in 7 days.", "Your password expires in seven days, run `reset`.",
             "Your password expires in seven days."]
        })
        let outcome = try await restyler.rewriteSentence(
            "Your password will expire in seven days.", mask: ProtectedText(masking: ""), style: BuiltInStyles.casual)
        #expect(outcome.rejectedForPlaceholders == 2)
        #expect(!outcome.candidates.contains { $0.text.contains("7") || $0.text.contains("`") })
    }
}

struct PolarityTests {
    @Test func negationIsReadFromWordsNotSetPhrases() {
        #expect(Polarity.isNegative("Kindly refrain from leaving crockery in the sink."))
        #expect(Polarity.isNegative("don't deploy from it"))
        #expect(Polarity.isNegative("We are unable to attend."))
        #expect(!Polarity.isNegative("Just leave the crockery in the sink."))
        #expect(!Polarity.isNegative("Please do not hesitate to contact us no later than Friday."))
        #expect(Polarity.differs("Just leave crockery in the sink.", from: "Kindly refrain from leaving crockery in the sink."))
        #expect(!Polarity.differs("I cannot make practice tonight.", from: "can't make practice tonight"))
    }

    /// A model answer that drops the "not" is rejected even though the encoder calls it a paraphrase.
    @Test func modelAnswersThatFlipPolarityAreRejected() async throws {
        let restyler = Restyler(generator: ScriptedGenerator { _ in
            ["Just leave unwashed crockery in the communal sink.", "Please don't leave unwashed crockery in the communal sink."]
        })
        let outcome = try await restyler.rewriteSentence(
            "Kindly refrain from leaving unwashed crockery in the communal sink.", mask: ProtectedText(masking: ""),
            style: BuiltInStyles.casual)
        #expect(!outcome.candidates.contains { $0.text.hasPrefix("Just leave") })
        #expect(outcome.candidates.contains { $0.text.contains("don't leave") })
    }
}
