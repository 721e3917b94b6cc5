import ArgumentParser
import Foundation
import Models
import TensorMath
import Tokenizers

/// `tenor generate`: text from a Llama-family GGUF model, streamed to stdout (or one JSON object).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text with a Llama-family GGUF model (llama, qwen2).")

    @Option(help: "The prompt text.")
    var prompt: String

    @Flag(help: "Feed the prompt as is: no chat template, BOS only if the model's metadata asks for it.")
    var raw = false

    @Flag(help: "Wrap the prompt as a user message in the model's chat template (the default).")
    var chat = false

    @Option(help: "GGUF model file (default: SmolLM2-135M-Instruct in the models directory).")
    var model: String?

    @Option(help: "Most tokens to generate.")
    var maxTokens = 256

    @Flag(help: "Always take the most likely token (the default unless --temperature is given).")
    var greedy = false

    @Option(help: "Sampling temperature (> 0 samples; 0 is greedy).")
    var temperature: Float?

    @Option(help: "Keep the k most likely tokens when sampling (0: all).")
    var topK = 40

    @Option(help: "Keep the most likely tokens up to this probability mass when sampling (1: all).")
    var topP: Float = 0.95

    @Option(help: "Penalty for repeating recent tokens (1: none).")
    var repeatPenalty: Float = 1.0

    @Option(help: "Random seed for sampling (same seed, same output).")
    var seed: UInt64?

    @Option(help: "Threads (default: all cores).")
    var threads: Int?

    @Option(help: "Context size in tokens (prompt + generated), at most the model's.")
    var contextSize = 4096

    @Flag(help: "Print one JSON object: prompt_tokens, tokens, text and speeds.")
    var json = false

    @Flag(help: "Copy-draft speculative decoding: draft tokens by finding the last ones generated in the prompt (fast when the answer copies the prompt, as rewrites do; the output is the same).")
    var copyDraft = false

    func validate() throws {
        if raw && chat { throw ValidationError("--raw and --chat exclude each other") }
        if greedy && temperature != nil { throw ValidationError("--greedy and --temperature exclude each other") }
        if let temperature, !(temperature >= 0 && temperature.isFinite) { throw ValidationError("--temperature must be ≥ 0") }
        if maxTokens < 0 { throw ValidationError("--max-tokens must be ≥ 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1") }
        if contextSize < 1 { throw ValidationError("--context-size must be ≥ 1") }
        if !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1]") }
        if topK < 0 { throw ValidationError("--top-k must be ≥ 0") }
        if !(repeatPenalty > 0 && repeatPenalty.isFinite) { throw ValidationError("--repeat-penalty must be > 0") }
    }

    func run() throws {
        let path = model ?? DecoderDefaults.modelPath
        let session: GenerationSession
        do {
            session = try GenerationSession(path: path, contextLimit: contextSize,
                                            threads: threads ?? ThreadPool.defaultThreadCount())
        } catch {
            FileHandle.standardError.write(Data("tenor generate: \(error)\n".utf8))
            throw ExitCode.failure
        }

        let promptTokens: [Int]
        do {
            promptTokens = raw ? session.encodeRaw(prompt) : try DecoderDefaults.chatPrompt(prompt, session: session)
        } catch {
            FileHandle.standardError.write(Data("tenor generate: \(path): \(error)\n".utf8))
            throw ExitCode.failure
        }
        guard !promptTokens.isEmpty else {
            FileHandle.standardError.write(Data("tenor generate: the prompt encodes to no tokens\n".utf8))
            throw ExitCode.failure
        }

        let sampling: SamplingParameters
        let usedSeed = seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        if let temperature, temperature > 0 {
            sampling = SamplingParameters(temperature: temperature, topK: topK, topP: topP,
                                          repetitionPenalty: repeatPenalty, seed: usedSeed)
        } else {
            sampling = SamplingParameters(temperature: 0, topK: 0, topP: 1, repetitionPenalty: repeatPenalty)
        }

        let interrupt = InterruptFlag()
        var decoder = BPEStreamingDecoder(tokenizer: session.tokenizer)
        let streaming = !json
        let result: GenerationResult
        do {
            let room = session.context.contextLimit - promptTokens.count
            guard room >= 0 else {
                FileHandle.standardError.write(Data("tenor generate: the prompt (\(promptTokens.count) tokens) does not fit the context (\(session.context.contextLimit))\n".utf8))
                throw ExitCode.failure
            }
            let options = GenerationOptions(maxTokens: min(maxTokens, room + 1), sampling: sampling,
                                            stopTokens: session.stopTokens, draft: copyDraft ? DraftOptions() : nil)
            result = try Generator(context: session.context).generate(
                prompt: promptTokens, options: options, isCancelled: { interrupt.isSet }
            ) { token in
                guard streaming else { return }
                let piece = decoder.append(Int32(token))
                if !piece.isEmpty { FileHandle.standardOutput.write(Data(piece.utf8)) }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("tenor generate: \(path): \(error)\n".utf8))
            throw ExitCode.failure
        }

        if json {
            let text = session.tokenizer.decode(result.tokens.map { Int32($0) }, skipSpecial: true)
            let output = GenerateOutput(
                prompt_tokens: result.promptTokens, tokens: result.tokens, text: text,
                stop_reason: result.stopReason.rawValue, seed: sampling.temperature > 0 ? usedSeed : nil,
                prefill_tokens_per_second: result.prefillTokensPerSecond,
                decode_tokens_per_second: result.decodeTokensPerSecond,
                generated_tokens_per_second: result.generatedTokensPerSecond,
                draft_acceptance: copyDraft ? result.draftAcceptanceRate : nil)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data((decoder.finish() + "\n").utf8))
            FileHandle.standardError.write(Data(String(
                format: "[%d prompt tokens, %.1f tokens/s; %d generated, %.1f tokens/s%@; %@]\n",
                result.promptTokens.count, result.prefillTokensPerSecond, result.tokens.count,
                result.generatedTokensPerSecond,
                copyDraft ? String(format: ", %.0f%% of drafts kept", 100 * result.draftAcceptanceRate) : "",
                result.stopReason.rawValue).utf8))
        }
    }
}

private struct GenerateOutput: Encodable {
    let prompt_tokens: [Int]
    let tokens: [Int]
    let text: String
    let stop_reason: String
    let seed: UInt64?
    let prefill_tokens_per_second: Double
    let decode_tokens_per_second: Double
    let generated_tokens_per_second: Double
    let draft_acceptance: Double?
}

/// Set by Ctrl-C; generation stops before the next token, and the text so far is still printed.
final class InterruptFlag: @unchecked Sendable {
    // @unchecked: `source` is set once in init; the flag itself is locked.
    private let flag = CancellationFlag()
    private var source: DispatchSourceSignal?

    init() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [flag] in flag.set() }
        source.resume()
        self.source = source
    }

    var isSet: Bool { flag.isSet }
}

/// Defaults shared by `generate` and `bench`.
enum DecoderDefaults {
    /// The catalog's rewrite model in the model folder (`$TENOR_MODELS_DIR` or the default).
    static var modelPath: String {
        let catalog = ModelCatalog()
        return (catalog.url(role: "rewrite") ?? catalog.directory.appendingPathComponent("smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")).path
    }

    /// The prompt as one user message in the model's chat template, ready for the assistant's reply.
    /// (`addSpecial` adds BOS where the model's metadata asks for it; the rendered text never holds it.)
    static func chatPrompt(_ text: String, session: GenerationSession) throws -> [Int] {
        let template = ChatTemplate(gguf: session.model.gguf)
        if template.isFallback {
            FileHandle.standardError.write(Data("tenor generate: no recognised chat template in the model; using ChatML\n".utf8))
        }
        let rendered = template.render([.user(text)], addGenerationPrompt: true)
        return session.tokenizer.encode(rendered, addSpecial: true, parseSpecial: true).map(Int.init)
    }
}
