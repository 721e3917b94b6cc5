import ArgumentParser
import Checks
import Dispatch
import Foundation
import Models
import Restyle
import TensorMath
import Tone

/// `tenor rewrite`: rewrites text into a style and prints it.
struct RewriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite",
        abstract: "Rewrite text into a style: formal, casual, polite, concise, neutral, plain, or one from .tenor.toml.",
        discussion: """
            Inline code, links, URLs, numbers, dates, versions and emphasis are kept exactly. When no candidate \
            keeps the meaning of a sentence, that sentence is left unchanged and a note goes to stderr. \
            Exit status: 0 on success, 1 when no sentence could be rewritten safely, 2 on usage errors.
            """)

    @Option(help: "Style name.") var style: String
    @Option(help: "Formality level 0...1 (formal and casual only).") var level: Double?
    @Flag(help: "Print {text, style, meaning, style_score, candidates, elapsed_ms} as JSON.") var json = false
    @Option(help: "Model candidates per sentence (greedy + samples).") var candidates = 3
    @Option(help: "Seed for the sampled candidates.") var seed: UInt64 = 42
    @Option(help: "Configuration file (default: .tenor.toml in the current folder, if any).") var config: String?
    @Option(help: "Instruct GGUF for the candidates (default: SmolLM2-135M-Instruct in the models directory).") var model: String?
    @Option(help: "Models directory (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).") var modelsDir: String?
    @Option(help: "Decoder threads (default: all cores).") var threads: Int?
    @Option(help: "Copy bias: logit bonus for the source's tokens while decoding.") var copyBias: Float?
    @Flag(help: "Use the style's rules only, no models.") var rulesOnly = false
    @Flag(help: "Report sentences done to stderr as they finish.") var progress = false
    @Flag(help: "List every candidate with its scores on stderr.") var explain = false
    @Flag(help: "Evaluation mode: each input line is a text (a tab may follow it with a reference rewrite to score); prints one JSON object per line.")
    var lines = false
    @Argument(help: "The text, or - (or nothing) to read standard input.") var text: String?

    func validate() throws {
        if let level, !(0...1).contains(level) { throw ValidationError("--level must be between 0 and 1") }
        if candidates < 1 || candidates > 16 { throw ValidationError("--candidates must be 1...16") }
    }

    func run() throws {
        let styles = StyleCatalog.merged(userStyles: try loadUserStyles())
        guard var chosen = styles.first(where: { $0.name == style }) else {
            throw ValidationError("unknown style '\(style)'; known: \(styles.map(\.name).joined(separator: ", "))")
        }
        if let level {
            guard chosen.measure == .formality else { throw ValidationError("--level applies to formal and casual only") }
            chosen = chosen.at(level: level)
        }
        let input: String
        if let text, text != "-" { input = text } else {
            input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }

        var restyler = rulesOnly ? Restyler(generator: nil) : try RestyleModels.makeRestyler(
            modelsDirectory: modelsDir, modelPath: model, threads: threads ?? ThreadPool.defaultThreadCount(),
            needsTone: chosen.measure == .inoffensiveness, copyBias: copyBias)
        restyler.candidateCount = candidates
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
                printError("rewrite: \(done)/\(total) sentences, \(Int(ms)) ms")
            }
        }
        let result = try runBlocking { [restyler, chosen, report] in try await restyler.rewrite(input, style: chosen, progress: report) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6

        if explain { Self.explain(result) }
        if result.sentencesWithMeaningLost > 0 {
            printError("rewrite: \(result.sentencesWithMeaningLost) sentence(s) left unchanged: no candidate kept the meaning")
        }
        if json {
            let object: [String: Any] = [
                "text": result.text, "style": result.style, "meaning": result.meaning,
                "style_score": result.styleScore, "candidates": result.candidateCount,
                "elapsed_ms": (elapsed * 10).rounded() / 10, "unchanged_sentences": result.sentencesWithMeaningLost,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(result.text, terminator: input.hasSuffix("\n") || result.text.hasSuffix("\n") ? "" : "\n")
        }
        if !result.sentences.isEmpty, result.sentencesWithMeaningLost == result.sentences.count { throw ExitCode(1) }
    }

    /// One JSON object per input line: the rewrite and its scores, and the reference's when given.
    private func runLines(_ input: String, restyler: Restyler, style: RestyleStyle) throws {
        for line in input.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let source = fields[0]
            let reference = fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil
            let start = DispatchTime.now()
            let result = try runBlocking { try await restyler.rewrite(source, style: style) }
            if explain { Self.explain(result) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            var object: [String: Any] = [
                "source": source, "text": result.text, "meaning": result.meaning, "style_score": result.styleScore,
                "achieved": result.styleAchieved, "unchanged_sentences": result.sentencesWithMeaningLost,
                "candidates": result.candidateCount, "elapsed_ms": (elapsed * 10).rounded() / 10,
                "origins": result.sentences.map { $0.chosen?.origin ?? "unchanged" },
            ]
            if let reference {
                let scored = try runBlocking { try await restyler.score(reference, source: source, style: style) }
                object["reference"] = reference
                object["reference_meaning"] = scored.meaning
                object["reference_achieved"] = scored.style.achieved
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Every candidate of every sentence, with the measures the ranking used.
    static func explain(_ result: RestyleResult) {
        for sentence in result.sentences {
            printError("source: \(sentence.source)  (rejected: \(sentence.rejectedForPlaceholders))")
            for text in sentence.rejectedTexts { printError("  rejected: \(text)") }
            for candidate in sentence.candidates.sorted(by: { $0.rank > $1.rank }) {
                let mark = candidate == sentence.chosen ? "*" : " "
                let fluency = candidate.meanLogLikelihood.map { String(format: "%.2f", $0) } ?? "-"
                printError(String(format: "%@ %-9@ rank %.2f meaning %.2f style %.2f%@ fluency %@ facts %d: %@",
                                  mark, candidate.origin, candidate.rank, candidate.meaning, candidate.style.score,
                                  candidate.style.achieved ? "✓" : " ", fluency, candidate.newFacts.count, candidate.text))
            }
        }
    }

    private func loadUserStyles() throws -> [RestyleStyle] {
        let configuration: Configuration
        if let config {
            guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                printError("\(config): cannot read configuration"); throw ExitCode(2)
            }
            let (loaded, warnings) = try Configuration().merging(toml: text)
            warnings.forEach { printError("\(config): \($0)") }
            configuration = loaded
        } else {
            let (loaded, warnings) = Configuration.load(workspaceRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            warnings.forEach { printError($0) }
            configuration = loaded
        }
        return configuration.styles.map { RestyleStyle(userStyle: $0.key, instruction: $0.value.instruction, examples: $0.value.examples) }
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
    /// A restyler with the decoder (candidates, fluency), the encoder (meaning) and, when asked, the tone
    /// classifier (the `neutral` judge). A model that is not installed is left out with a note on stderr:
    /// without the decoder only the rules candidate remains; without the encoder meaning falls back to
    /// word overlap and `neutral` to the lexicon judge.
    static func makeRestyler(modelsDirectory: String?, modelPath: String?, threads: Int, needsTone: Bool,
                             copyBias: Float? = nil) throws -> Restyler {
        let catalog = ModelCatalog(directory: modelsDirectory)
        var generator: LlamaCandidateGenerator?
        let path = modelPath ?? catalog.url(role: "rewrite")?.path ?? ""
        if FileManager.default.fileExists(atPath: path) {
            generator = try LlamaCandidateGenerator(path: path, threads: threads)
            if let copyBias, let generator { runBlockingQuietly { await generator.setCopyBias(copyBias) } }
        } else if modelPath != nil {
            throw ValidationError("\(path): no such model file")
        } else {
            printError("rewrite: \(path) is not installed (tenor models install); using the style's rules only")
        }
        let encoderDirectory = catalog.directory.appendingPathComponent("all-minilm-l6-v2")
        var restyler = Restyler(generator: generator)
        if let encoder = try? SentenceEncoder(directory: encoderDirectory) {
            restyler.meaning = EncoderMeaning(encoder: encoder)
            if needsTone, let head = Tone.ToneClassifier.bundledHeadPath {
                let classifier = try Tone.ToneClassifier(encoder: encoder, head: ToneHead(path: head))
                restyler.judge = StyleJudge(tone: ToneToxicityJudge(classifier: classifier))
            } else if needsTone {
                printError("rewrite: the tone head is missing; `neutral` is judged by a word list")
            }
        } else {
            printError("rewrite: \(encoderDirectory.path) is not installed; meaning is judged by word overlap")
        }
        return restyler
    }
}

/// The Tone module's classifier as Restyle's judge for `neutral`: offensive when any category the tone
/// checks report (insult, profanity, hate, threat) is likely, i.e. when `tenor check` would flag it.
struct ToneToxicityJudge: ToxicityJudge {
    let classifier: Tone.ToneClassifier

    func offensiveProbabilities(_ texts: [String]) async throws -> [Double] {
        classifier.probabilities(for: texts).map { probabilities in
            Double(ToneCategory.allCases.compactMap { probabilities.indices.contains($0.outputIndex) ? probabilities[$0.outputIndex] : nil }.max() ?? 0)
        }
    }
}

/// Runs a short async call from synchronous code and waits for it.
func runBlockingQuietly(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task { await body(); done.signal() }
    done.wait()
}
