import Foundation
import Models

/// One request's generation as the engine runs it: prompt tokens, options, stop strings, and a flag the
/// HTTP side sets when the client goes away (checked before every token).
final class EngineJob: @unchecked Sendable {
    // @unchecked: the fields are immutable; `cancelled` is guarded by `lock`.
    let promptTokens: [Int]
    let maxTokens: Int
    let sampling: SamplingParameters
    let stopStrings: [String]
    let continuation: AsyncStream<EngineEvent>.Continuation
    private let lock = NSLock()
    private var cancelled = false

    init(promptTokens: [Int], maxTokens: Int, sampling: SamplingParameters, stopStrings: [String],
         continuation: AsyncStream<EngineEvent>.Continuation) {
        self.promptTokens = promptTokens
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopStrings = stopStrings
        self.continuation = continuation
    }

    var isCancelled: Bool { lock.withLock { cancelled } }
    func cancel() { lock.withLock { cancelled = true } }
}

/// What a job reports, in order: any number of text deltas, then `finished` (or `failed`).
enum EngineEvent: Sendable {
    case delta(String)
    case finished(EngineOutcome)
    case failed(String)
}

struct EngineOutcome: Sendable {
    /// True when the turn ended on its own (end-of-turn token or a stop string), false on max_tokens or a full context.
    var stoppedNaturally: Bool
    var promptTokens: Int
    var completionTokens: Int
    var cancelled: Bool
}
