import Foundation
import Testing
@testable import Restyle

/// The decoder and encoder adapters on the installed models (skipped when they are absent).
enum InstalledModels {
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/tenor/models")
    }
    static var decoder: String { directory.appendingPathComponent("smollm2/SmolLM2-135M-Instruct.Q4_1.gguf").path }
    static var encoder: URL { directory.appendingPathComponent("all-minilm-l6-v2") }
    static var hasDecoder: Bool { FileManager.default.fileExists(atPath: decoder) }
    static var hasEncoder: Bool { FileManager.default.fileExists(atPath: encoder.appendingPathComponent("model.safetensors").path) }
}

struct ModelAdapterTests {
    static func request(_ source: String, style: RestyleStyle = BuiltInStyles.formal, count: Int = 2) -> GenerationRequest {
        GenerationRequest(messages: RestylePrompt.messages(style: style, source: source), source: source,
                          count: count, maxTokens: 20, seed: 7)
    }

    @Test(.enabled(if: InstalledModels.hasDecoder))
    func candidatesAreSingleLinesAndReproducible() async throws {
        let generator = try LlamaCandidateGenerator(path: InstalledModels.decoder, threads: 2)
        let request = Self.request("we gotta fix {1} before friday")
        let first = try await generator.candidates(for: request)
        #expect(first.count == 2)
        for candidate in first {
            #expect(!candidate.text.contains("\n"))
            #expect(!candidate.text.isEmpty)
            let likelihood = try #require(candidate.meanLogLikelihood)
            #expect(likelihood < 0 && likelihood > -20)
        }
        // Same request, same seeds, same cache state or not: same text.
        let again = try await generator.candidates(for: request)
        #expect(again.map(\.text) == first.map(\.text))
    }

    /// Reusing the cached prompt prefix gives what a fresh context gives, up to rounding: the reused prompt is
    /// evaluated in other batches, and the decoder's batched and single-token paths round differently, so
    /// the greedy answer must agree and its likelihood nearly so (samples may part ways at a near tie).
    @Test(.enabled(if: InstalledModels.hasDecoder))
    func sharedPrefixCacheMatchesAFreshContext() async throws {
        let warm = try LlamaCandidateGenerator(path: InstalledModels.decoder, threads: 2)
        _ = try await warm.candidates(for: Self.request("the build's broken again"))
        let second = Self.request("pls review my PR when u can", count: 1)
        let reused = try #require(try await warm.candidates(for: second).first)
        let fresh = try #require(try await LlamaCandidateGenerator(path: InstalledModels.decoder, threads: 2)
            .candidates(for: second).first)
        #expect(reused.text == fresh.text)
        #expect(abs((reused.meanLogLikelihood ?? 0) - (fresh.meanLogLikelihood ?? 1)) < 0.05)
    }

    /// Without copy bias the greedy answer's generation-time log-likelihood is the forward pass's
    /// score of the same text (both include the end of the turn).
    @Test(.enabled(if: InstalledModels.hasDecoder))
    func fluencyOfAGeneratedTextMatchesItsForwardPass() async throws {
        let generator = try LlamaCandidateGenerator(path: InstalledModels.decoder, threads: 2, copyBias: 0)
        var request = Self.request("thx for the quick fix, it works now", count: 1)
        request.maxTokens = 40
        let greedy = try #require(try await generator.candidates(for: request).first)
        let scored = try await generator.meanLogLikelihoods(of: [greedy.text, "Banana banana banana."], for: request)
        let generated = try #require(greedy.meanLogLikelihood), forward = try #require(scored[0]), nonsense = try #require(scored[1])
        #expect(abs(generated - forward) < 0.05)
        #expect(nonsense < forward)
    }

    @Test(.enabled(if: InstalledModels.hasDecoder))
    func cancellationStopsDecoding() async throws {
        let generator = try LlamaCandidateGenerator(path: InstalledModels.decoder, threads: 2)
        let task = Task { try await generator.candidates(for: Self.request("one two three", count: 4)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    @Test(.enabled(if: InstalledModels.hasEncoder))
    func encoderMeaningRanksParaphrasesAboveUnrelatedText() async throws {
        let meaning = try EncoderMeaning(directory: InstalledModels.encoder)
        let scores = try await meaning.similarities(
            source: "The meeting has been moved to Thursday.",
            candidates: ["The meeting has been moved to Thursday.", "We moved the meeting to Thursday.", "Bananas are yellow."])
        #expect(scores[0] > 0.99)
        #expect(scores[1] > 0.8)
        #expect(scores[2] < 0.3)
    }
}
