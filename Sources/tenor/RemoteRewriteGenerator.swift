import Foundation
import RemoteEngine
import Restyle

/// Restyle's answers from an OpenAI-compatible engine (`[models] endpoint`), falling back to the in-process
/// model when the engine cannot be reached or fails. Everything that makes a rewrite good — the prompt, the
/// cleaner, protected spans, negation, meaning, tone — stays on Tenor's side; the engine only completes chats.
/// What a remote engine does not give (the local KV-cache reuse, byte-identical greedy answers across engines)
/// is documented in docs/SERVE.md.
actor RemoteRewriteGenerator: ChatGenerator {
    private let engine: RemoteEngine
    private let fallback: (any ChatGenerator)?
    /// Set when the endpoint failed and the local model answered; read once by the caller to tell the user.
    private var notice: String?

    init(engine: RemoteEngine, fallback: (any ChatGenerator)?) {
        self.engine = engine
        self.fallback = fallback
    }

    func complete(_ request: ChatRequest) async throws -> String {
        do {
            return try await engine.chat(messages: request.messages, maxTokens: request.maxTokens,
                                         temperature: request.temperature, seed: request.seed).text
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            guard let fallback else { throw error }
            let message = "the endpoint \(engine.configuration.endpoint) failed (\(error)); rewritten with the local model"
            if notice == nil { printError("rewrite: \(message)") }
            notice = message
            return try await fallback.complete(request)
        }
    }

    /// The fallback notice since the last call, if any.
    func takeNotice() -> String? {
        defer { notice = nil }
        return notice
    }
}
