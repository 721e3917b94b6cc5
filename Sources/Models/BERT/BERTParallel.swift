import Foundation
import TensorMath

/// Splits row loops of the encoder (linear layers on small batches, LayerNorm, GELU, attention)
/// across as many threads as OpenBLAS uses, on a pool of persistent threads: one short sentence
/// makes about forty such splits, and waking dispatch workers for each cost more than a millisecond.
enum BERTParallel {
    /// As many threads as OpenBLAS's (2 on the project's machines), the caller included.
    static var threadCount: Int { max(1, min(BLAS.threadCount, 8)) }

    /// Calls `body` on contiguous parts of `0..<count` (boundaries at multiples of `grain`),
    /// concurrently, and returns when all are done. Parts touch disjoint rows.
    static func forEach(count: Int, grain: Int = 1, _ body: (Range<Int>) -> Void) {
        let threads = threadCount
        guard threads > 1, count > grain else {
            if count > 0 { body(0..<count) }
            return
        }
        pools.pool(threadCount: threads).parallelFor(count, grain: grain, body)
    }

    private static let pools = Pools()

    /// One pool per thread count asked for (the benchmark switches between 1 and 2).
    private final class Pools: @unchecked Sendable {
        // @unchecked: `byThreadCount` is only touched under `lock`.
        private let lock = NSLock()
        private var byThreadCount: [Int: ThreadPool] = [:]

        func pool(threadCount: Int) -> ThreadPool {
            lock.withLock {
                if let pool = byThreadCount[threadCount] { return pool }
                let pool = ThreadPool(threadCount: threadCount)
                byThreadCount[threadCount] = pool
                return pool
            }
        }
    }
}
