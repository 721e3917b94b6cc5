import ArgumentParser
import Checks
import Dispatch
import Foundation
import Models
import RemoteEngine
import Restyle
import TensorMath
import Tone

/// `tenor rewrite`: rewrites text into a style and prints it.
struct RewriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite",
        abstract: "Rewrite text into a style: formal, casual, polite, concise, neutral, plain, or one from .tenor.toml.",
        discussion: """
            Each paragraph, list item or heading is rewritten whole by the language model; code blocks, tables, \
            HTML and front matter are copied. Inline code, links, URLs, numbers, dates, versions and emphasis are \
            kept exactly: a rewrite that loses or adds one, flips a negation, adds a name or drops the meaning is \
            refused, and the part stays as written, with a note on stderr. \
            Exit status: 0 on success, 1 when nothing could be rewritten safely, 2 on usage errors.
            """)

    @Option(help: "Style name.") var style: String
    @Option(help: "Formality level 0...1 (formal and casual only).") var level: Double?
    @Flag(help: "Print {text, style, units, elapsed_ms} as JSON.") var json = false
    @Option(help: "Answers asked for after the greedy one fails a check: a repair told what was wrong, then samples.") var retries = 2
    @Option(help: "Seed for the sampled answers.") var seed: UInt64 = 42
    @Option(help: "Configuration file (default: .tenor.toml in the current folder, if any).") var config: String?
    @Option(help: "Rewrite model: qwen (default), smollm2, or the path of an instruct GGUF.") var model: String?
    @Option(help: "Models directory (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).") var modelsDir: String?
    @Option(help: "Decoder threads (default: all cores).") var threads: Int?
    @Flag(help: "Report parts done to stderr as they finish.") var progress = false
    @Flag(help: "List every refused answer with its reasons on stderr.") var explain = false
    @Flag(help: "Evaluation mode: each input line is one text (\\n inside it stands for a newline); prints one JSON object per line.")
    var lines = false
    @Argument(help: "The text, or - (or nothing) to read standard input.") var text: String?

    func validate() throws {
        if let level, !(0...1).contains(level) { throw ValidationError("--level must be between 0 and 1") }
        if retries < 0 || retries > 8 { throw ValidationError("--retries must be 0...8") }
    }

    func run() throws {
        let configuration = try loadConfiguration()
        let styles = RestyleCodeActions.styles(in: configuration)
        let chosen: RestyleStyle
        do { chosen = try StyleCatalog.choose(style, level: level, among: styles) } catch {
            throw ValidationError(error == .levelNotApplicable ? "--level applies to formal and casual only" : error.description)
        }
        let input: String
        if let text, text != "-" { input = text } else {
            input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }

        var restyler = try RestyleModels.makeRestyler(
            modelsDirectory: modelsDir ?? configuration.modelsDirectory, model: model ?? configuration.rewriteModel,
            threads: threads ?? ThreadPool.defaultThreadCount(),
            endpoint: model == nil ? RestyleModels.endpoint(in: configuration) : nil)
        restyler.retries = retries
        restyler.seed = seed

        if lines {
            try runLines(input, restyler: restyler, style: chosen)
            return
        }
        let start = DispatchTime.now()
        var report: Restyler.Progress?
        if progress {
            report = { @Sendable (done: Int, total: Int) in
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
                printError("rewrite: \(done)/\(total) parts, \(Int(ms)) ms")
            }
        }
        let result = try runBlocking { [restyler, chosen, report] in try await restyler.rewrite(input, style: chosen, progress: report) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6

        if explain { Self.explain(result) }
        if let notice = result.notice { printError("rewrite: \(notice)") }
        if json {
            let data = try JSONSerialization.data(withJSONObject: Self.object(result, elapsed: elapsed),
                                                  options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(result.text, terminator: input.hasSuffix("\n") || result.text.hasSuffix("\n") ? "" : "\n")
        }
        if !result.units.isEmpty, result.unitsUnchanged == result.units.count { throw ExitCode(1) }
    }

    /// One JSON object per input line.
    private func runLines(_ input: String, restyler: Restyler, style: RestyleStyle) throws {
        for line in input.split(separator: "\n", omittingEmptySubsequences: true) {
            let source = line.replacingOccurrences(of: "\\n", with: "\n")
            let start = DispatchTime.now()
            let result = try runBlocking { try await restyler.rewrite(source, style: style) }
            if explain { Self.explain(result) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            var object = Self.object(result, elapsed: elapsed)
            object["source"] = source
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func object(_ result: RestyleResult, elapsed: Double) -> [String: Any] {
        [
            "text": result.text, "style": result.style, "elapsed_ms": (elapsed * 10).rounded() / 10,
            "unchanged_units": result.unitsUnchanged, "notice": result.notice ?? NSNull(),
            "units": result.units.map { unit -> [String: Any] in
                ["origin": unit.origin, "meaning": unit.meaning ?? NSNull(), "rejections": unit.rejections,
                 "kept_sentences": unit.keptSentences]
            },
        ]
    }

    /// Every refused answer, with the reasons, and each unit's origin.
    static func explain(_ result: RestyleResult) {
        for unit in result.units {
            printError("[\(unit.origin)\(unit.meaning.map { String(format: ", meaning %.2f", $0) } ?? "")] \(unit.source)")
            for rejection in unit.rejections { printError("  refused \(rejection)") }
        }
    }

    private func loadConfiguration() throws -> Configuration {
        if let config {
            guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                printError("\(config): cannot read configuration"); throw ExitCode(2)
            }
            let (loaded, warnings) = try Configuration().merging(toml: text)
            warnings.forEach { printError("\(config): \($0)") }
            return loaded
        }
        let (loaded, warnings) = Configuration.load(workspaceRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        warnings.forEach { printError($0) }
        return loaded
    }
}

/// Runs async work from a synchronous command (the root command is synchronous).
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    guard let result = box.get() else { throw CancellationError() }
    return try result.get()
}

/// `@unchecked`: written once before the semaphore is signalled, read after.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var value: Result<T, any Error>?
    func set(_ result: Result<T, any Error>) { value = result }
    func get() -> Result<T, any Error>? { value }
}

/// Loads the models a rewrite uses; shared by `tenor rewrite` and the language server's Rewrite actions.
enum RestyleModels {
    /// The rewrite model's file: "qwen" or nothing → the installed default, "smollm2" → the small one,
    /// anything else is a path.
    static func rewriteModelPath(_ model: String?, catalog: ModelCatalog) -> String {
        switch model?.lowercased() {
        case nil, "", "qwen", "default": catalog.url(role: "rewrite")?.path ?? ""
        case "smollm2", "small": catalog.url(role: "rewrite-small")?.path ?? ""
        default: ((model ?? "") as NSString).expandingTildeInPath
        }
    }

    /// A restyler with the decoder (answers), the encoder (meaning) and the tone classifier (neutral and
    /// polite must read as inoffensive). Without the decoder there is nothing to rewrite with: that is an
    /// error naming what to install. Without the encoder, meaning falls back to word overlap and tone to a
    /// word list, with a note on stderr.
    ///
    /// With an `endpoint`, an OpenAI-compatible engine answers and the local model, when installed, takes
    /// over whenever the engine fails.
    static func makeRestyler(modelsDirectory: String?, model: String?, threads: Int,
                             endpoint: RemoteEngineConfiguration? = nil) throws -> Restyler {
        let catalog = ModelCatalog(directory: modelsDirectory)
        let path = rewriteModelPath(model, catalog: catalog)
        let installed = FileManager.default.fileExists(atPath: path)
        let local: LocalChatGenerator? = installed ? try LocalChatGenerator(path: path, threads: threads) : nil
        var generator: any ChatGenerator
        if let endpoint, let engine = remoteEngine(endpoint) {
            generator = RemoteRewriteGenerator(engine: engine, fallback: local)
        } else if let local {
            generator = local
        } else {
            throw ValidationError("\(path): no such model file" + (model == nil ? " (run `make setup` to install it)" : ""))
        }
        var restyler = Restyler(generator: generator)
        let encoderDirectory = catalog.directory.appendingPathComponent("all-minilm-l6-v2")
        if let encoder = try? SentenceEncoder(directory: encoderDirectory) {
            restyler.meaning = EncoderMeaning(encoder: encoder)
            // Tone reads its own fine-tuned top layers, so it loads an encoder of its own.
            do { restyler.tone = ToneToxicityJudge(classifier: try Tone.ToneClassifier.load(modelsDirectory: catalog.directory)) } catch {
                printError("rewrite: \(error); tone is judged by a word list")
            }
        } else {
            printError("rewrite: \(encoderDirectory.path) is not installed; meaning is judged by word overlap")
        }
        return restyler
    }
}

extension RestyleModels {
    /// The configured endpoint, if any (`[models] endpoint`, `model`, `api-key-env`).
    static func endpoint(in configuration: Configuration) -> RemoteEngineConfiguration? {
        guard let endpoint = configuration.endpoint else { return nil }
        return RemoteEngineConfiguration(endpoint: endpoint, model: configuration.endpointModel ?? "default",
                                         apiKeyEnvironmentVariable: configuration.endpointKeyVariable)
    }

    /// The client for `configuration`, or nil with the reason on stderr (a bad URL, an unset key variable):
    /// the local model is used then.
    static func remoteEngine(_ configuration: RemoteEngineConfiguration) -> RemoteEngine? {
        do { return try RemoteEngine(configuration: configuration) } catch {
            printError("rewrite: the endpoint is not used: \(error); rewriting with the local model")
            return nil
        }
    }
}

/// The Tone module's classifier as Restyle's tone judge: offensive when any category the tone checks report
/// (insult, profanity, hate, threat) is likely, i.e. when `tenor check` would flag it.
struct ToneToxicityJudge: ToxicityJudge {
    let classifier: Tone.ToneClassifier

    func offensiveProbabilities(_ texts: [String]) async throws -> [Double] {
        classifier.probabilities(for: texts).map(Self.strongest)
    }

    /// Per sentence the tone checks would flag, the runs of words that carry it (the same words
    /// `tenor tone` prints).
    func offensivePhrases(in text: String) async throws -> [String] {
        let sentences = SentenceSplitting.sentences(text)
        return zip(sentences, classifier.analyses(for: sentences)).flatMap { sentence, analysis -> [String] in
            guard Self.strongest(analysis.probabilities) >= 0.5 else { return [] }
            let units = Array(sentence.utf16)
            return analysis.offendingRanges(output: 4).compactMap { range -> String? in
                guard range.lowerBound >= 0, range.upperBound <= units.count else { return nil }
                return String(decoding: units[range], as: UTF16.self)
            }
        }
    }

    static func strongest(_ probabilities: [Float]) -> Double {
        Double(ToneCategory.allCases.compactMap { probabilities.indices.contains($0.outputIndex) ? probabilities[$0.outputIndex] : nil }.max() ?? 0)
    }
}

/// Runs a short async call from synchronous code and waits for it.
func runBlockingQuietly(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task { await body(); done.signal() }
    done.wait()
}
