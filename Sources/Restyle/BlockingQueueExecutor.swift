import Foundation

/// A serial executor on a GCD queue of its own, for an actor whose methods block their thread for long
/// stretches of computation (model inference). Jobs run on GCD's overcommitting threads instead of Swift's
/// cooperative pool, so awaiting such an actor never starves the rest of the process.
final class BlockingQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { unownedJob.runSynchronously(on: executor) }
    }
}
