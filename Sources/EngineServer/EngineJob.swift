import Foundation
import Models

/// One request's generation as the engine runs it: prompt tokens, options, stop strings, and a flag the
/// HTTP side sets when the client goes away (checked before every token).
final class EngineJob: @unchecked Sendable {
    // @unchecked: the `let`s are immutable; `prompt`, `cancelled` and `waiting` are guarded by `lock`.
    let maxTokens: Int
    let sampling: SamplingParameters
    let stopStrings: [String]
    let continuation: AsyncStream<EngineEvent>.Continuation
    /// Called once, when the job leaves the queue: it starts, or it is cancelled while it waits. A cancelled
    /// job thus frees its place in the queue at once, not when its turn would have come.
    private let leftQueue: @Sendable () -> Void
    private let lock = NSLock()
    private var cancelled = false
    private var waiting = true
    /// Dropped when the job is cancelled before it starts, so abandoned requests hold no prompt.
    private var prompt: [Int]?

    init(promptTokens: [Int], maxTokens: Int, sampling: SamplingParameters, stopStrings: [String],
         continuation: AsyncStream<EngineEvent>.Continuation, leftQueue: @escaping @Sendable () -> Void) {
        self.prompt = promptTokens
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopStrings = stopStrings
        self.continuation = continuation
        self.leftQueue = leftQueue
    }

    var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() {
        let wasWaiting = lock.withLock {
            defer { cancelled = true; waiting = false }
            if waiting { prompt = nil }
            return waiting && !cancelled
        }
        if wasWaiting { leftQueue() }
    }

    /// The prompt, when the job may run (nil when it was cancelled while it waited).
    func begin() -> [Int]? {
        let started: [Int]? = lock.withLock {
            defer { waiting = false; prompt = nil }
            return waiting && !cancelled ? prompt : nil
        }
        if started != nil { leftQueue() }
        return started
    }
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
