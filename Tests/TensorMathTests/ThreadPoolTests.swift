import Synchronization
import Testing
import TensorMath

@Suite struct ThreadPoolTests {
    /// Every index is visited exactly once, in contiguous chunks, for awkward counts and pool sizes.
    @Test(arguments: [1, 2, 3, 8])
    func coversEachIndexOnce(threads: Int) {
        let pool = ThreadPool(threadCount: threads)
        for count in [0, 1, 2, 3, 7, 16, 17, 1000, 100_003] {
            let visits = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
            visits.initialize(repeating: 0, count: max(1, count))
            defer { visits.deallocate() }
            let chunks = Atomic<Int>(0)
            pool.parallelFor(count) { range in
                chunks.add(1, ordering: .relaxed)
                for i in range { visits[i] &+= 1 }
            }
            #expect((0..<count).allSatisfy { visits[$0] == 1 }, "count \(count) threads \(threads)")
            #expect(chunks.load(ordering: .relaxed) <= 4 * threads)  // a few chunks per thread, claimed dynamically
        }
    }

    @Test func grainAlignsChunkBoundaries() {
        let pool = ThreadPool(threadCount: 3)
        let starts = Mutex<[Int]>([])
        pool.parallelFor(1000, grain: 16) { range in starts.withLock { $0.append(range.lowerBound) } }
        #expect(starts.withLock { $0.allSatisfy { $0 % 16 == 0 } })
    }

    /// Many back-to-back small jobs (the decode pattern) complete and see each other's writes.
    @Test func manyShortJobs() {
        let pool = ThreadPool(threadCount: 2)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        counts.initialize(repeating: 0, count: 64)
        defer { counts.deallocate() }
        for _ in 0..<20_000 {
            pool.parallelFor(64) { range in for i in range { counts[i] += 1 } }
        }
        #expect((0..<64).allSatisfy { counts[$0] == 20_000 })
    }

    /// Callers on several threads share one pool (serialized); nested calls run inline.
    @Test func concurrentCallersAndNesting() async {
        let pool = ThreadPool(threadCount: 2)
        let total = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<200 {
                        pool.parallelFor(10) { outer in
                            for _ in outer {
                                pool.parallelFor(3) { inner in total.value.add(inner.count, ordering: .relaxed) }
                            }
                        }
                    }
                }
            }
        }
        #expect(total.value.load(ordering: .relaxed) == 4 * 200 * 10 * 3)
    }
}

private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
