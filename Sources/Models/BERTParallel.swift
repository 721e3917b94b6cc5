import Foundation
import TensorMath

/// Splits row loops of the encoder (LayerNorm, GELU, attention) across the cores that OpenBLAS
/// also uses, so the work between sgemm calls does not run on one core alone.
enum BERTParallel {
    /// As many workers as OpenBLAS threads (2 on the project's machines).
    static var threadCount: Int { max(1, min(BLAS.threadCount, 8)) }

    /// Calls `body(worker, range)` on `threadCount` contiguous parts of `0..<count`, concurrently;
    /// `worker` is in `0..<threadCount` and distinct for each part.
    static func forEach(count: Int, minimumPerWorker: Int = 1, _ body: (Int, Range<Int>) -> Void) {
        let workers = max(1, min(threadCount, count / max(1, minimumPerWorker)))
        if workers == 1 { body(0, 0..<count); return }
        // The parts touch disjoint rows; callers pass closures over raw buffers, which Swift
        // cannot prove safe to share, hence the unchecked capture.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let lower = count * worker / workers, upper = count * (worker + 1) / workers
                if lower < upper { body(worker, lower..<upper) }
            }
        }
    }
}
