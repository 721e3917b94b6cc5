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

    @Flag(help: "With --decoder: greedy rewrites (\"Rewrite this paragraph formally: …\" in chat format), plain and with copy-draft speculative decoding; checks the outputs are identical.")
    var rewrite = false

    @Option(help: "With --rewrite: most tokens drafted per step.")
    var draftTokens = 7

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

    @Option(help: "Activations of the matrix products: automatic (8 or 16 bits for K-quants, f32 otherwise), f32, quantized (Q8_0/Q8_1/Q8_K), quantized16 (16 bits for K-quants).")
    var activations = "automatic"

    func validate() throws {
        guard decoder else { throw ValidationError("choose what to benchmark: --decoder") }
        guard threads >= 1, promptTokens >= 1, decodeTokens >= 1, repetitions >= 1 else {
            throw ValidationError("--threads, --prompt-tokens, --decode-tokens and --repetitions must be ≥ 1")
        }
        guard activationMode != nil else {
            throw ValidationError("--activations: automatic, f32, quantized or quantized16")
        }
    }

    private var activationMode: WeightMatrix.Activations? {
        switch activations {
        case "automatic": .automatic
        case "f32": .f32
        case "quantized": .quantized
        case "quantized16": .quantized16
        default: nil
        }
    }

    func run() throws {
        let path = model ?? DecoderDefaults.modelPath
        let session: GenerationSession
        do {
            session = try GenerationSession(path: path, contextLimit: rewrite ? 1024 : promptTokens + decodeTokens + 1,
                                            threads: threads,
                                            activations: activationMode ?? .automatic)
        } catch {
            FileHandle.standardError.write(Data("tenor bench: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if rewrite {
            try runRewrite(session: session)
            return
        }
        let context = session.context
        let prompt = Self.benchmarkPrompt(session: session, count: promptTokens)

        var bestPrefill = 0.0, bestDecode = 0.0
        var generated: [Int] = []
        var decodeJoins = 0
        for _ in 0..<repetitions {
            context.reset()
            var start = DispatchTime.now().uptimeNanoseconds
            var logits = try context.evaluate(prompt)
            let prefillSeconds = Self.seconds(since: start)
            var decodeSeconds = 0.0
            generated = []
            let joinsBefore = context.pool.joinCount
            for _ in 0..<decodeTokens {
                let token = Sampler.argmax(logits)
                generated.append(token)
                start = DispatchTime.now().uptimeNanoseconds
                logits = try context.evaluate([token])
                decodeSeconds += Self.seconds(since: start)
            }
            decodeJoins = context.pool.joinCount - joinsBefore
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
            decode_fraction_of_bandwidth_bound: bestDecode / boundTokensPerSecond,
            joins_per_decoded_token: Double(decodeJoins) / Double(decodeTokens))
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
                fork/joins per decoded token %.1f
                """, path, threads, prompt.count, generated.count, bestPrefill, bestDecode,
                100 * report.decode_fraction_of_bandwidth_bound, Double(bytesPerToken) / 1e6, bandwidth,
                Double(peakRSS) / 1e6, Double(fileBytes) / 1e6, Double(context.kvCacheBytes) / 1e6,
                report.joins_per_decoded_token))
        }
    }

    /// Paragraphs to rewrite: informal prose, as Restyle gets.
    static let rewriteParagraphs = [
        "hey so the meeting got moved to thursday because half the team is out sick. can you let the client know "
            + "and tell them we'll send the updated slides by wednesday night? also the budget numbers are still off, "
            + "mike is looking into it but no promises.",
        "The app keeps crashing when I try to upload photos bigger than 10 MB. I've tried restarting my phone and "
            + "reinstalling the app but it still doesn't work. This is really annoying because I need to send these "
            + "pictures to my boss today.",
        "we looked at three vendors and honestly the cheapest one is fine for what we need. their support is slow "
            + "but the product works and the contract is only one year, so if it goes badly we can switch next spring "
            + "without losing much.",
        "Just a heads up that the server will be down for maintenance on Saturday from 2 to 6 am. If you have "
            + "anything running overnight, please save your work before then. Ping me if this is a problem for you.",
    ]

    /// Greedy rewrites, plain and with copy drafts from the prompt: tokens per second after the first token,
    /// draft acceptance, and whether the two outputs are identical (they must be).
    func runRewrite(session: GenerationSession) throws {
        let generator = Generator(context: session.context)
        var plainTokens = 0, plainSeconds = 0.0, draftTokensOut = 0, draftSeconds = 0.0
        var drafted = 0, accepted = 0, identical = true
        var rows: [RewriteRow] = []
        for paragraph in Self.rewriteParagraphs {
            let prompt = try DecoderDefaults.chatPrompt("Rewrite this paragraph formally: " + paragraph, session: session)
            var best: (plain: GenerationResult, draft: GenerationResult)?
            for _ in 0..<repetitions {
                let plain = try generator.generate(prompt: prompt, options: GenerationOptions(
                    maxTokens: decodeTokens, stopTokens: session.stopTokens))
                let draft = try generator.generate(prompt: prompt, options: GenerationOptions(
                    maxTokens: decodeTokens, stopTokens: session.stopTokens,
                    draft: DraftOptions(maxDraftTokens: draftTokens)))
                identical = identical && plain.tokens == draft.tokens
                if best == nil || plain.decodeSeconds < best!.plain.decodeSeconds { best = (plain, best?.draft ?? draft) }
                if draft.decodeSeconds < best!.draft.decodeSeconds { best = (best!.plain, draft) }
            }
            guard let (plain, draft) = best else { continue }
            plainTokens += max(0, plain.tokens.count - 1)
            plainSeconds += plain.decodeSeconds
            draftTokensOut += max(0, draft.tokens.count - 1)
            draftSeconds += draft.decodeSeconds
            drafted += draft.draftedTokens
            accepted += draft.acceptedDraftTokens
            rows.append(RewriteRow(prompt_tokens: prompt.count, generated_tokens: plain.tokens.count,
                                   plain_tokens_per_second: plain.generatedTokensPerSecond,
                                   draft_tokens_per_second: draft.generatedTokensPerSecond,
                                   draft_acceptance: draft.draftAcceptanceRate, forward_passes: draft.decodeSteps,
                                   identical: plain.tokens == draft.tokens))
        }
        let plainRate = plainSeconds > 0 ? Double(plainTokens) / plainSeconds : 0
        let draftRate = draftSeconds > 0 ? Double(draftTokensOut) / draftSeconds : 0
        let report = RewriteReport(model: session.path, threads: threads, paragraphs: rows,
                                   plain_tokens_per_second: plainRate, draft_tokens_per_second: draftRate,
                                   speedup: plainRate > 0 ? draftRate / plainRate : 0,
                                   draft_acceptance: drafted > 0 ? Double(accepted) / Double(drafted) : 0,
                                   identical: identical)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            for (i, row) in rows.enumerated() {
                print(String(format: "paragraph %d: %d prompt, %d generated tokens; plain %.1f tok/s, drafts %.1f tok/s "
                             + "(%.2fx), acceptance %.0f%%, %d forward passes, %@", i + 1, row.prompt_tokens,
                             row.generated_tokens, row.plain_tokens_per_second, row.draft_tokens_per_second,
                             row.plain_tokens_per_second > 0 ? row.draft_tokens_per_second / row.plain_tokens_per_second : 0,
                             100 * row.draft_acceptance, row.forward_passes, row.identical ? "identical" : "DIFFERENT"))
            }
            print(String(format: "all: plain %.1f tok/s, copy drafts %.1f tok/s: %.2fx; draft acceptance %.0f%%; outputs %@",
                         plainRate, draftRate, report.speedup, 100 * report.draft_acceptance,
                         identical ? "identical" : "DIFFERENT"))
        }
        if !identical { throw ExitCode.failure }
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
    let joins_per_decoded_token: Double
}

private struct RewriteRow: Encodable {
    let prompt_tokens: Int
    let generated_tokens: Int
    let plain_tokens_per_second: Double
    let draft_tokens_per_second: Double
    let draft_acceptance: Double
    let forward_passes: Int
    let identical: Bool
}

private struct RewriteReport: Encodable {
    let model: String
    let threads: Int
    let paragraphs: [RewriteRow]
    let plain_tokens_per_second: Double
    let draft_tokens_per_second: Double
    let speedup: Double
    let draft_acceptance: Double
    let identical: Bool
}
