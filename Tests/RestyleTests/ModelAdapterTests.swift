import Foundation
import Testing
@testable import Restyle

/// The decoder and encoder adapters on the installed models (skipped when they are absent). The small
/// decoder stands in for the default one: what is tested here does not depend on the model.
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
    static func request(_ text: String, temperature: Double = 0, seed: UInt64 = 7) -> ChatRequest {
        ChatRequest(messages: RestylePrompt.messages(style: BuiltInStyles.formal, text: text), maxTokens: 24,
                    temperature: temperature, seed: seed, copySource: text)
    }

    /// The shared prompt prefix is reused from the cache; answers are what a fresh context gives.
    @Test(.enabled(if: InstalledModels.hasDecoder))
    func answersAreReproducibleWithAWarmCache() async throws {
        let warm = try LocalChatGenerator(path: InstalledModels.decoder, threads: 2)
        let first = try await warm.complete(Self.request("the build's broken again"))
        #expect(!first.isEmpty)
        let second = try await warm.complete(Self.request("pls review my PR when u can"))
        let fresh = try await LocalChatGenerator(path: InstalledModels.decoder, threads: 2)
            .complete(Self.request("pls review my PR when u can"))
        #expect(second == fresh)
        let sampled = try await warm.complete(Self.request("pls review my PR when u can", temperature: 0.7, seed: 3))
        let again = try await warm.complete(Self.request("pls review my PR when u can", temperature: 0.7, seed: 3))
        #expect(sampled == again)
    }

    @Test(.enabled(if: InstalledModels.hasDecoder))
    func cancellationStopsDecoding() async throws {
        let generator = try LocalChatGenerator(path: InstalledModels.decoder, threads: 2)
        let task = Task { try await generator.complete(Self.request("one two three")) }
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
