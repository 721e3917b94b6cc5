import Foundation

/// Runs request handlers off the reader thread.
///
/// Work for one key (a document URI) runs in submission order, one at a time; different keys and
/// un-keyed work run concurrently. Each request can be cancelled by id: a request cancelled before
/// it starts never runs, and one cancelled while running has its Task cancelled (long handlers check
/// `Task.isCancelled`). Exactly one answer is produced per request either way.
final class RequestScheduler: @unchecked Sendable {
    private struct InFlight {
        var task: Task<Void, Never>?
        var cancelled = false
    }

    private let lock = NSLock()
    private var tails: [String: (serial: Int, task: Task<Void, Never>)] = [:]
    private var nextSerial = 0
    private var inFlight: [RequestID: InFlight] = [:]

    /// Schedules `work` for request `id`. `work` gets a `isCancelled` probe; `answer` is called exactly
    /// once with the outcome, or with `.requestCancelled` when the request was cancelled.
    func submit(id: RequestID, key: String?,
                work: @escaping @Sendable () async throws -> JSONValue,
                answer: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void) {
        lock.lock()
        inFlight[id] = InFlight()
        let previous = key.flatMap { tails[$0]?.task }
        nextSerial += 1
        let serial = nextSerial
        let task = Task { [self] in
            await previous?.value
            let result: Result<JSONValue, ResponseError>
            if isCancelled(id) {
                result = .failure(.requestCancelled)
            } else {
                do {
                    result = .success(try await work())
                } catch let error as ResponseError {
                    result = .failure(error)
                } catch is CancellationError {
                    result = .failure(.requestCancelled)
                } catch {
                    result = .failure(.internalError(String(describing: error)))
                }
            }
            let wasCancelled = finish(id: id, key: key, serial: serial)
            answer(wasCancelled ? .failure(.requestCancelled) : result)
        }
        inFlight[id]?.task = task
        if let key { tails[key] = (serial, task) }
        lock.unlock()
    }

    /// Marks a request cancelled. Returns false when it is not (or no longer) in flight.
    @discardableResult
    func cancel(id: RequestID) -> Bool {
        lock.lock()
        guard var entry = inFlight[id] else { lock.unlock(); return false }
        entry.cancelled = true
        inFlight[id] = entry
        lock.unlock()
        entry.task?.cancel()
        return true
    }

    func cancelAll() {
        lock.lock()
        let tasks = inFlight.values.compactMap(\.task)
        for id in inFlight.keys { inFlight[id]?.cancelled = true }
        lock.unlock()
        for task in tasks { task.cancel() }
    }

    /// Waits for every request submitted so far to be answered.
    func drain() async {
        let tasks = lock.withLock { inFlight.values.compactMap(\.task) }
        for task in tasks { await task.value }
    }

    var inFlightCount: Int { lock.withLock { inFlight.count } }

    private func isCancelled(_ id: RequestID) -> Bool {
        lock.withLock { inFlight[id]?.cancelled ?? true }
    }

    private func finish(id: RequestID, key: String?, serial: Int) -> Bool {
        lock.withLock {
            let cancelled = inFlight.removeValue(forKey: id)?.cancelled ?? true
            if let key, tails[key]?.serial == serial { tails.removeValue(forKey: key) }
            return cancelled
        }
    }
}
