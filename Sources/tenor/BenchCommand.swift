import ArgumentParser
import Foundation
import Models
import TensorMath

/// `tenor bench --decoder`: prefill and decode speed of the Llama decoder, peak memory, and decode speed as a
/// fraction of the memory-bandwidth bound. Prints the prompt tokens so llama.cpp can be run on the same ones
/// (Scripts/reference/bench_llama_cpp.py; Benchmarks/decoder.sh runs both).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure inference speed (benchmarks, not tests).")

    @Flag(help: "Benchmark the Llama decoder: prefill and decode tokens/s.")
    var decoder = false

    @Option(help: "GGUF model file (default: SmolLM2-135M-Instruct in the models directory).")
    var model: String?

    @Option(help: "Threads.")
    var threads = 2

    @Option(help: "Prompt length in tokens (a fixed English text, repeated as needed).")
    var promptTokens = 128

    @Option(help: "Tokens to decode after the prompt.")
    var decodeTokens = 64

    @Option(help: "Runs; the best of them is reported.")
    var repetitions = 3

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard decoder else { throw ValidationError("choose what to benchmark: --decoder") }
        guard threads >= 1, promptTokens >= 1, decodeTokens >= 1, repetitions >= 1 else {
            throw ValidationError("--threads, --prompt-tokens, --decode-tokens and --repetitions must be ≥ 1")
        }
    }

    func run() throws {
        let path = model ?? DecoderDefaults.modelPath
        let session: GenerationSession
        do {
            session = try GenerationSession(path: path, contextLimit: promptTokens + decodeTokens + 1, threads: threads)
        } catch {
            FileHandle.standardError.write(Data("tenor bench: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let context = session.context
        let prompt = Self.benchmarkPrompt(session: session, count: promptTokens)

        var bestPrefill = 0.0, bestDecode = 0.0
        var generated: [Int] = []
        for _ in 0..<repetitions {
            context.reset()
            var start = DispatchTime.now().uptimeNanoseconds
            var logits = try context.evaluate(prompt)
            let prefillSeconds = Self.seconds(since: start)
            var decodeSeconds = 0.0
            generated = []
            for _ in 0..<decodeTokens {
                let token = Sampler.argmax(logits)
                generated.append(token)
                start = DispatchTime.now().uptimeNanoseconds
                logits = try context.evaluate([token])
                decodeSeconds += Self.seconds(since: start)
            }
            bestPrefill = max(bestPrefill, Double(prompt.count) / prefillSeconds)
            bestDecode = max(bestDecode, Double(decodeTokens) / decodeSeconds)
        }
        let peakRSS = Self.peakResidentBytes()
        let bandwidth = TensorMathBenchmarks.memoryBandwidthGBps(megabytes: 512, threads: threads, repeats: 3)
        let bytesPerToken = session.model.weights.bytesReadPerToken
        let boundTokensPerSecond = bandwidth * 1e9 / Double(bytesPerToken)
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        let report = BenchReport(
            model: path, threads: threads, prompt_tokens: prompt, decode_tokens: generated,
            prefill_tokens_per_second: bestPrefill, decode_tokens_per_second: bestDecode,
            peak_rss_bytes: peakRSS, model_file_bytes: fileBytes, kv_cache_bytes: context.kvCacheBytes,
            weight_bytes_per_token: bytesPerToken, memory_bandwidth_gbps: bandwidth,
            decode_fraction_of_bandwidth_bound: bestDecode / boundTokensPerSecond)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            print(String(format: """
                model %@, %d threads, %d prompt tokens, %d decoded
                prefill  %8.1f tokens/s
                decode   %8.1f tokens/s  (%.0f%% of the bandwidth bound: %.1f MB/token at %.1f GB/s)
                peak RSS %8.1f MB  (file %.1f MB + KV cache %.1f MB)
                """, path, threads, prompt.count, generated.count, bestPrefill, bestDecode,
                100 * report.decode_fraction_of_bandwidth_bound, Double(bytesPerToken) / 1e6, bandwidth,
                Double(peakRSS) / 1e6, Double(fileBytes) / 1e6, Double(context.kvCacheBytes) / 1e6))
        }
    }

    /// `count` tokens of ordinary English prose (no BOS), the same on every run.
    static func benchmarkPrompt(session: GenerationSession, count: Int) -> [Int] {
        let paragraph = """
            The committee met on Tuesday to review the draft report. Several members felt that the \
            introduction was too long and that the conclusions did not follow clearly from the evidence. \
            After some discussion, they agreed to shorten the opening, move the methods to an appendix, \
            and state each finding in a single plain sentence before the supporting detail.
            """
        let unit = session.tokenizer.encode(paragraph + " ").map(Int.init)
        var tokens: [Int] = []
        while tokens.count < count { tokens += unit }
        return Array(tokens.prefix(count))
    }

    /// Peak resident set size (Linux `VmHWM`), 0 where unavailable.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

private struct BenchReport: Encodable {
    let model: String
    let threads: Int
    let prompt_tokens: [Int]
    let decode_tokens: [Int]
    let prefill_tokens_per_second: Double
    let decode_tokens_per_second: Double
    let peak_rss_bytes: Int
    let model_file_bytes: Int
    let kv_cache_bytes: Int
    let weight_bytes_per_token: Int
    let memory_bandwidth_gbps: Double
    let decode_fraction_of_bandwidth_bound: Double
}
