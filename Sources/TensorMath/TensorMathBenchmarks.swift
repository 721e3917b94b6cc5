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
        // One slot per 4096-float grain unit, so chunks (which start on grain boundaries) never share one.
        let grain = 4096
        let sink = UnsafeMutablePointer<Float>.allocate(capacity: count / grain + 1)
        defer { sink.deallocate() }
        for _ in 0..<max(1, repeats) {
            let seconds = time {
                pool.parallelFor(count, grain: grain) { range in
                    sink[range.lowerBound / grain] = tk_stream_sum(buffer + range.lowerBound, Int64(range.count))
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

    /// Seconds per `matMul` of a `batch × cols` input with a random `rows × cols` matrix (cache-resident, as
    /// prefill reuses each matrix for the whole batch), best of `repeats`.
    public static func matMulSeconds(type: GGMLType, rows: Int, cols: Int, batch: Int, threads: Int,
                                     strategy: WeightMatrix.MatMulStrategy, repeats: Int = 5) -> Double? {
        guard type.isSupported, let rowBytes = type.byteCount(elements: cols) else { return nil }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: rowBytes * rows, alignment: 64)
        defer { storage.deallocate() }
        var seed: UInt64 = 0x1234_5678_9ABC_DEF1
        let row = UnsafeMutablePointer<Float>.allocate(capacity: cols)
        defer { row.deallocate() }
        for r in 0..<rows {
            for j in 0..<cols { row[j] = nextGaussianish(&seed) * 0.05 }
            Quantization.quantize(row, count: cols, to: type, into: storage + r * rowBytes)
        }
        guard let matrix = try? WeightMatrix(type: type, rows: rows, cols: cols, data: UnsafeRawPointer(storage)) else {
            return nil
        }
        let x = UnsafeMutablePointer<Float>.allocate(capacity: batch * cols)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: batch * rows)
        defer { x.deallocate(); y.deallocate() }
        for i in 0..<(batch * cols) { x[i] = nextGaussianish(&seed) }
        let pool = ThreadPool(threadCount: threads)
        var best = Double.infinity
        for _ in 0..<(repeats + 1) {
            best = min(best, time { matrix.matMul(x, count: batch, into: y, pool: pool, strategy: strategy) })
        }
        return best
    }

    /// The matrix shapes of a Llama-family decoder, for a decode-speed estimate from matVecs alone.
    public struct DecoderShape: Sendable {
        public var layers: Int, hidden: Int, kvDim: Int, ffn: Int, vocab: Int
        public var weightType: GGMLType, outputType: GGMLType

        public init(layers: Int, hidden: Int, kvDim: Int, ffn: Int, vocab: Int,
                    weightType: GGMLType, outputType: GGMLType) {
            (self.layers, self.hidden, self.kvDim, self.ffn, self.vocab) = (layers, hidden, kvDim, ffn, vocab)
            (self.weightType, self.outputType) = (weightType, outputType)
        }

        /// SmolLM2-135M-Instruct as shipped in Q4_1 (tied Q8_0 embeddings as the output matrix).
        public static let smolLM2 = DecoderShape(layers: 30, hidden: 576, kvDim: 192, ffn: 1536, vocab: 49152,
                                                 weightType: .q4_1, outputType: .q8_0)
    }

    /// Tokens per second if a decode step were only its matVecs (Q, K, V, O, gate, up, down per layer, then the
    /// output matrix), with every matrix stored separately as in a real model so weights stream from memory.
    /// An upper bound on decode speed that isolates this module's share.
    public static func decoderMatVecTokensPerSecond(_ shape: DecoderShape, threads: Int, minimumSeconds: Double = 1,
                                                    activations: WeightMatrix.Activations = .quantized) -> Double? {
        var specs: [(GGMLType, Int, Int)] = []
        for _ in 0..<shape.layers {
            specs += [(shape.weightType, shape.hidden, shape.hidden), (shape.weightType, shape.kvDim, shape.hidden),
                      (shape.weightType, shape.kvDim, shape.hidden), (shape.weightType, shape.hidden, shape.hidden),
                      (shape.weightType, shape.ffn, shape.hidden), (shape.weightType, shape.ffn, shape.hidden),
                      (shape.weightType, shape.hidden, shape.ffn)]
        }
        specs.append((shape.outputType, shape.vocab, shape.hidden))
        var offsets: [Int] = [], total = 0
        for (type, rows, cols) in specs {
            guard let rowBytes = type.byteCount(elements: cols) else { return nil }
            offsets.append(total)
            total += (rows * rowBytes + 63) / 64 * 64
        }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
        defer { storage.deallocate() }
        var seed: UInt64 = 0x51_7CC1_B727_220A
        let row = UnsafeMutablePointer<Float>.allocate(capacity: max(shape.ffn, shape.hidden))
        defer { row.deallocate() }
        var matrices: [WeightMatrix] = []
        for ((type, rows, cols), offset) in zip(specs, offsets) {
            let rowBytes = type.byteCount(elements: cols) ?? 0
            for j in 0..<cols { row[j] = nextGaussianish(&seed) * 0.05 }
            // Random rows are expensive to quantize for 100 MB; one quantized row repeated streams the same.
            Quantization.quantize(row, count: cols, to: type, into: storage + offset)
            for r in 1..<rows { (storage + offset + r * rowBytes).copyMemory(from: storage + offset, byteCount: rowBytes) }
            guard let m = try? WeightMatrix(type: type, rows: rows, cols: cols, data: UnsafeRawPointer(storage + offset))
            else { return nil }
            matrices.append(m)
        }
        let width = max(shape.ffn, shape.hidden, shape.vocab)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: width), y = UnsafeMutablePointer<Float>.allocate(capacity: width)
        defer { x.deallocate(); y.deallocate() }
        for i in 0..<width { x[i] = nextGaussianish(&seed) }
        let pool = ThreadPool(threadCount: threads)
        for m in matrices { m.matVec(x, into: y, pool: pool, activations: activations) }  // warm up
        var tokens = 0, elapsed = 0.0
        while elapsed < minimumSeconds {
            elapsed += time { for m in matrices { m.matVec(x, into: y, pool: pool, activations: activations) } }
            tokens += 1
        }
        return Double(tokens) / elapsed
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
        for threads in threadCounts {
            for activations in [WeightMatrix.Activations.quantized, .f32] {
                if let rate = decoderMatVecTokensPerSecond(.smolLM2, threads: threads, activations: activations) {
                    lines.append(String(format: "SmolLM2-135M Q4_1 matVecs only (threads=%d, %@ activations): %.1f tokens/s",
                                        threads, activations == .f32 ? "f32" : "quantized", rate))
                }
            }
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
