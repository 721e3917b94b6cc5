import CTensorKernels
import Foundation

/// Throughput measurements for `tenor bench`. Never called from tests (speed is not asserted).
public enum TensorMathBenchmarks {
    /// One matVec measurement.
    public struct MatVecResult: Sendable, CustomStringConvertible {
        public let type: GGMLType
        public let rows: Int
        public let cols: Int
        public let threads: Int
        /// Weight bytes read per second (matrix bytes / time per matVec), in 10⁹ bytes/s.
        public let gigabytesPerSecond: Double
        /// Microseconds per matVec.
        public let microseconds: Double

        public var description: String {
            let gbps = String(format: "%6.2f", gigabytesPerSecond), us = String(format: "%9.1f", microseconds)
            return "\(type.name.padding(toLength: 5, withPad: " ", startingAt: 0)) \(rows)×\(cols) " +
                "threads=\(threads): \(gbps) GB/s, \(us) µs"
        }
    }

    /// Streaming-read bandwidth over a `megabytes` buffer (default 512 MB), best of `repeats`, in 10⁹ bytes/s.
    public static func memoryBandwidthGBps(megabytes: Int = 512, threads: Int = 1, repeats: Int = 3) -> Double {
        let count = megabytes * 1024 * 1024 / 4
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 1, count: count)  // touch every page before timing
        let pool = ThreadPool(threadCount: threads)
        var best = Double.infinity
        let sink = UnsafeMutablePointer<Float>.allocate(capacity: max(1, threads))
        defer { sink.deallocate() }
        for _ in 0..<max(1, repeats) {
            let seconds = time {
                pool.parallelFor(count, grain: 4096) { range in
                    sink[range.lowerBound * threads / count] =
                        tk_stream_sum(buffer + range.lowerBound, Int64(range.count))
                }
            }
            best = min(best, seconds)
        }
        return Double(count * 4) / best / 1e9
    }

    /// matVec throughput for a `rows × cols` matrix of `type` filled with random values. Cycles through enough
    /// copies to exceed the last-level cache (as a decoder's layers do), unless `cacheResident`.
    public static func matVecGBps(type: GGMLType, rows: Int, cols: Int, threads: Int,
                                  cacheResident: Bool = false, minimumSeconds: Double = 0.3) -> MatVecResult? {
        guard type.isSupported, let bytes = type.byteCount(elements: cols).map({ $0 * rows }) else { return nil }
        let copies = cacheResident ? 1 : max(1, min(64, (256 << 20) / max(1, bytes)))
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes * copies, alignment: 64)
        defer { storage.deallocate() }
        let floats = UnsafeMutablePointer<Float>.allocate(capacity: rows * cols)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<(rows * cols) { floats[i] = nextGaussianish(&seed) * 0.05 }
        for r in 0..<rows {
            let rowBytes = bytes / rows
            Quantization.quantize(floats + r * cols, count: cols, to: type, into: storage + r * rowBytes)
        }
        floats.deallocate()
        for c in 1..<copies { (storage + c * bytes).copyMemory(from: storage, byteCount: bytes) }

        let matrices = (0..<copies).compactMap {
            try? WeightMatrix(type: type, rows: rows, cols: cols, data: UnsafeRawPointer(storage + $0 * bytes))
        }
        guard matrices.count == copies else { return nil }
        let pool = ThreadPool(threadCount: threads)
        var x = [Float](repeating: 0, count: cols), y = [Float](repeating: 0, count: rows)
        for i in 0..<cols { x[i] = nextGaussianish(&seed) }
        var calls = 0
        var elapsed = 0.0
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                guard let xb = xp.baseAddress, let yb = yp.baseAddress else { return }
                for m in matrices { m.matVec(xb, into: yb, pool: pool) }  // warm up
                while elapsed < minimumSeconds {
                    elapsed += time {
                        for m in matrices { m.matVec(xb, into: yb, pool: pool) }
                    }
                    calls += matrices.count
                }
            }
        }
        let perCall = elapsed / Double(calls)
        return MatVecResult(type: type, rows: rows, cols: cols, threads: threads,
                            gigabytesPerSecond: Double(bytes) / perCall / 1e9, microseconds: perCall * 1e6)
    }

    /// The standard report: SmolLM2-135M shapes (576×1536 FFN, 49152×576 output) for each supported type,
    /// at 1 and 2 threads, plus memory bandwidth. Lines go to the returned array (the caller prints them).
    public static func report(types: [GGMLType] = GGMLType.allCases.filter(\.isSupported),
                              threadCounts: [Int] = [1, 2]) -> [String] {
        var lines = ["kernels: \(Quantization.kernelLevel)"]
        for threads in threadCounts {
            lines.append(String(format: "memory bandwidth (%d thread%@): %.2f GB/s", threads,
                                threads == 1 ? "" : "s", memoryBandwidthGBps(threads: threads)))
        }
        for type in types {
            for (rows, cols) in [(576, 1536), (49152, 576)] {
                for threads in threadCounts {
                    if let result = matVecGBps(type: type, rows: rows, cols: cols, threads: threads) {
                        lines.append(result.description)
                    }
                }
            }
        }
        return lines
    }

    private static func time(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// A cheap roughly-normal deviate (sum of uniforms) from a xorshift state.
    private static func nextGaussianish(_ state: inout UInt64) -> Float {
        var sum: Float = 0
        for _ in 0..<4 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            sum += Float(state >> 40) / Float(1 << 24)
        }
        return (sum - 2) * 1.7
    }
}
