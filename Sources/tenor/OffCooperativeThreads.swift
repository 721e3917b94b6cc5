import Foundation

/// Runs blocking CPU work on a GCD thread, so Swift's few cooperative threads stay free for the
/// server. Cancelling the task answers at once; the work itself runs to its end and is dropped.
func runOffCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try Task.checkCancellation()
    let gate = ResumeOnce<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            gate.set(continuation)
            DispatchQueue.global(qos: .userInitiated).async {
                gate.resume(with: Result { try work() })
            }
        }
    } onCancel: {
        gate.resume(with: .failure(CancellationError()))
    }
}

/// Resumes a continuation exactly once, whichever of the work and the cancellation comes first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = lock.withLock {
            if let early { done = true; return early }
            self.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    func resume(with result: Result<T, any Error>) {
        let target: CheckedContinuation<T, any Error>? = lock.withLock {
            guard !done else { return nil }
            guard let continuation else { early = early ?? result; return nil }
            done = true
            self.continuation = nil
            return continuation
        }
        target?.resume(with: result)
    }
}


/// A flag a cancellation handler sets and blocking work polls (e.g. between the tiles of an illustration).
final class CancellationFlag: @unchecked Sendable {
    // @unchecked: `value` is guarded by `lock`.
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
