import CTensorKernels
import Foundation

/// Persistent worker threads with low-latency fork/join (the C pool in thread_pool.c).
///
/// `threadCount` counts the calling thread: a pool of 2 starts one worker. Each job is cut into a few
/// contiguous chunks per thread that all participants, the caller included, claim from a shared counter, so a
/// worker slow to wake (on a busy machine) delays nothing. Workers spin briefly after each job, then sleep,
/// so back-to-back calls (a decoder's matVecs) avoid wake-up latency and an idle pool costs nothing.
/// Calls from several threads at once are serialized; a `parallelFor` inside a body runs inline.
public final class ThreadPool: @unchecked Sendable {
    public let threadCount: Int
    private let handle: OpaquePointer?

    public init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
        handle = self.threadCount > 1 ? tk_pool_create(Int32(clamping: self.threadCount)) : nil
    }

    deinit { tk_pool_destroy(handle) }

    /// Fork/joins run across threads so far (calls that ran inline are not counted): for benchmarks.
    public var joinCount: Int { Int(tk_pool_jobs(handle)) }

    /// A pool sized for this machine's cores.
    public static func defaultThreadCount() -> Int {
        max(1, min(16, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Splits `0..<count` into contiguous chunks (at most 4 per thread) and runs `body` on each, concurrently;
    /// returns when all are done. `body` must be safe to call from several threads at once.
    public func parallelFor(_ count: Int, _ body: (Range<Int>) -> Void) {
        parallelFor(count, grain: 1, body)
    }

    /// As `parallelFor(_:_:)`, with chunk boundaries at multiples of `grain` (e.g. to keep each thread's
    /// outputs on separate cache lines).
    public func parallelFor(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        guard let handle, count > grain else {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            var closure = escapable
            withUnsafeMutablePointer(to: &closure) { pointer in
                tk_pool_run(handle, Int64(count), Int64(max(1, grain)), { context, start, end in
                    guard let context else { return }
                    let body = context.assumingMemoryBound(to: ((Range<Int>) -> Void).self).pointee
                    body(Int(start)..<Int(end))
                }, pointer)
            }
        }
    }
}
