import Foundation
import TensorMath

/// Speed of the sentence encoder on this machine (for `tenor bench`; not a test).
///
/// Reports sentences per second on `sentenceCount` generated sentences of 8–20 words, the
/// GFLOP/s that implies (dense layers plus attention, counted exactly per sequence length), this
/// machine's sgemm peak measured the same way on the encoder's own shapes and on a large square,
/// and the latency of one 20-token sentence (median of many runs).
public enum EncoderBenchmark {
    public struct Report: Sendable, CustomStringConvertible {
        public var threads: Int
        public var sentenceCount: Int
        public var tokenCount: Int
        public var sentencesPerSecond: Double
        public var achievedGFLOPs: Double
        public var sgemmPeakGFLOPs: Double
        public var singleSentenceTokens: Int
        public var singleSentenceMilliseconds: Double
        /// The same measurements in process CPU seconds (all threads), which the machine's other
        /// load inflates far less than wall time: sentences per CPU-second, sgemm GFLOP per CPU-second.
        public var sentencesPerCPUSecond: Double
        public var sgemmPeakGFLOPsPerCPUSecond: Double
        public var singleSentenceCPUMilliseconds: Double
        /// Load average when the run started (the machine is shared).
        public var loadAverage: Double

        public var description: String {
            String(format: """
                encoder (all-MiniLM-L6-v2), %d OpenBLAS threads, load average %.1f at start
                  throughput: %d sentences (%d tokens) → %.1f sentences/s (%.1f per CPU-second)
                  compute:    %.1f GFLOP/s achieved, sgemm peak %.1f GFLOP/s (%.0f%% of peak); %.1f sgemm GFLOP per CPU-second
                  latency:    %.2f ms for one %d-token sentence (median; %.2f ms of CPU)
                """, threads, loadAverage, sentenceCount, tokenCount, sentencesPerSecond, sentencesPerCPUSecond,
                achievedGFLOPs, sgemmPeakGFLOPs, 100 * achievedGFLOPs / max(sgemmPeakGFLOPs, 1e-9), sgemmPeakGFLOPsPerCPUSecond,
                singleSentenceMilliseconds, singleSentenceTokens, singleSentenceCPUMilliseconds)
        }

        public var json: [String: Double] {
            ["threads": Double(threads), "sentences": Double(sentenceCount), "tokens": Double(tokenCount),
             "sentences_per_second": sentencesPerSecond, "achieved_gflops": achievedGFLOPs,
             "sgemm_peak_gflops": sgemmPeakGFLOPs, "fraction_of_peak": achievedGFLOPs / max(sgemmPeakGFLOPs, 1e-9),
             "single_sentence_tokens": Double(singleSentenceTokens), "single_sentence_ms": singleSentenceMilliseconds,
             "sentences_per_cpu_second": sentencesPerCPUSecond, "sgemm_gflop_per_cpu_second": sgemmPeakGFLOPsPerCPUSecond,
             "single_sentence_cpu_ms": singleSentenceCPUMilliseconds, "load_average": loadAverage]
        }
    }

    public static func run(encoder: SentenceEncoder, sentenceCount: Int = 1000, threads: Int = 2) -> Report {
        let previousThreads = BLAS.threadCount
        BLAS.threadCount = threads
        defer { BLAS.threadCount = previousThreads }

        let sentences = generatedSentences(count: sentenceCount)
        let tokenized = sentences.map { encoder.tokenizer.encode($0) }
        let tokenCount = tokenized.reduce(0) { $0 + $1.count }
        let flops = tokenized.reduce(0.0) { $0 + floatingPointOperations(encoder.model.configuration, sequenceLength: $1.count) }

        var load = [Double](repeating: 0, count: 3)
        let loadAverage = getloadavg(&load, 3) > 0 ? load[0] : -1
        _ = encoder.embedUncached(Array(sentences.prefix(50)))  // warm up pages, threads, caches
        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<2 {
            let start = DispatchTime.now().uptimeNanoseconds, startCPU = processCPUSeconds()
            _ = encoder.embedUncached(sentences)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            bestCPU = min(bestCPU, processCPUSeconds() - startCPU)
        }

        let single = singleSentence(tokens: 20, encoder: encoder)
        let singleTokens = encoder.tokenizer.encode(single).count
        var latencies: [Double] = [], cpuLatencies: [Double] = []
        for _ in 0..<60 {
            let start = DispatchTime.now().uptimeNanoseconds, startCPU = processCPUSeconds()
            _ = encoder.embedUncached([single])
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            cpuLatencies.append((processCPUSeconds() - startCPU) * 1e3)
        }
        latencies.sort()
        cpuLatencies.sort()
        let peak = sgemmPeak()

        return Report(threads: threads, sentenceCount: sentences.count, tokenCount: tokenCount,
                      sentencesPerSecond: Double(sentences.count) / best, achievedGFLOPs: flops / best / 1e9,
                      sgemmPeakGFLOPs: peak.wall, singleSentenceTokens: singleTokens,
                      singleSentenceMilliseconds: latencies[latencies.count / 2],
                      sentencesPerCPUSecond: Double(sentences.count) / bestCPU, sgemmPeakGFLOPsPerCPUSecond: peak.cpu,
                      singleSentenceCPUMilliseconds: cpuLatencies[cpuLatencies.count / 2], loadAverage: loadAverage)
    }

    /// Multiply-adds counted as two operations: the dense layers, and attention's q·kᵀ and p·v.
    public static func floatingPointOperations(_ c: BERTConfiguration, sequenceLength n: Int) -> Double {
        let h = Double(c.hiddenSize), i = Double(c.intermediateSize), tokens = Double(n)
        let dense = 2 * tokens * (3 * h * h + h * h + 2 * h * i)
        let attention = 2 * 2 * tokens * tokens * h
        return Double(c.layerCount) * (dense + attention)
    }

    /// Best sgemm rate over a few shapes: the encoder's feed-forward shape at 1,024 rows and a
    /// 1,024-cube, each timed over repeated calls.
    public static func sgemmPeak() -> (wall: Double, cpu: Double) {
        var best = 0.0, bestCPU = 0.0
        for (m, n, k) in [(1024, 1536, 384), (1024, 384, 1536), (1024, 1024, 1024)] {
            let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: n * k)
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                        BLAS.matmulTransposedB(a, b, c, m: m, n: n, k: k)
                        for _ in 0..<3 {
                            let repeats = 10
                            let start = DispatchTime.now().uptimeNanoseconds, startCPU = processCPUSeconds()
                            for _ in 0..<repeats { BLAS.matmulTransposedB(a, b, c, m: m, n: n, k: k) }
                            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                            let gflop = Double(repeats) * 2 * Double(m) * Double(n) * Double(k) / 1e9
                            best = max(best, gflop / seconds)
                            bestCPU = max(bestCPU, gflop / max(processCPUSeconds() - startCPU, 1e-9))
                        }
                    }
                }
            }
        }
        return (best, bestCPU)
    }

    /// User + system CPU time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Deterministic English-like sentences of 8–20 words.
    public static func generatedSentences(count: Int) -> [String] {
        let words = """
            the a of to and in that is was he for it with as his on be at by had are but from or have an they which one you \
            were all we when there can more if no out so said what up its about into than them only other new some could \
            time these two may first then do any like my now over such our man me even most made after also did many before \
            must through back years where much your way well down should because each just those people how too little state \
            good very make world still own see men work long get here between both life being under never day same another \
            know while last might us great old year off come since against go came right used take three writer editor \
            paragraph sentence clearly quietly document report language model meeting morning garden river window coffee
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            let length = 8 + next(13)
            var sentence = (0..<length).map { _ in words[next(words.count)] }.joined(separator: " ")
            sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
            return sentence
        }
    }

    /// A sentence that tokenizes to `tokens` ids, [CLS] and [SEP] included.
    static func singleSentence(tokens: Int, encoder: SentenceEncoder) -> String {
        var words: [String] = []
        let pool = ["the", "writer", "revised", "a", "short", "paragraph", "about", "rivers", "and", "gardens"]
        while encoder.tokenizer.encode(words.joined(separator: " ") + ".").count < tokens {
            words.append(pool[words.count % pool.count])
        }
        return words.joined(separator: " ") + "."
    }
}
