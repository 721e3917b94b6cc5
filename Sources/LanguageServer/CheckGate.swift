import Foundation

/// At most `limit` checks run at once; the others wait their turn, and a waiting check that is cancelled
/// (its document changed again) leaves the queue at once, dropping its snapshot.
///
/// Why: a check is synchronous CPU work (model inference) that cannot be interrupted. Without a gate every
/// debounce window that elapses during a slow check starts another one, each holding its own copy of the
/// document and the model's activations: a flood of edits to a large document grew the server to 7 GB.
final class CheckGate: @unchecked Sendable {
    // @unchecked: all state is under `lock`.
    private let lock = NSLock()
    private let limit: Int
    private var running = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    init(limit: Int) { self.limit = max(1, limit) }

    /// Waits for a slot. False when the task was cancelled before it got one (no slot is then held).
    func enter() async -> Bool {
        let id: UInt64 = lock.withLock { nextID += 1; return nextID }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now: Bool? = lock.withLock {
                    if Task.isCancelled { return false }
                    if running < limit { running += 1; return true }
                    waiters.append((id, continuation))
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    /// Frees the slot, handing it to the longest waiter.
    func leave() {
        let next = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
            guard !waiters.isEmpty else { running -= 1; return nil }
            return waiters.removeFirst().continuation
        }
        next?.resume(returning: true)
    }
}
