import ArgumentParser
import Checks
import Dispatch
import Foundation
import Restyle

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
    @Option(help: "Model candidates per sentence (greedy + samples).") var candidates = 4
    @Option(help: "Seed for the sampled candidates.") var seed: UInt64 = 42
    @Option(help: "Configuration file (default: .tenor.toml in the current folder, if any).") var config: String?
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

        // The model adapters (decoder candidates, encoder meaning) are not wired yet:
        // candidates come from the style's lexical rules only.
        printError("rewrite: language-model candidates are not wired yet; using the style's rules only")
        var restyler = Restyler(generator: nil)
        restyler.candidateCount = candidates
        restyler.seed = seed

        if lines {
            try runLines(input, restyler: restyler, style: chosen)
            return
        }
        let start = DispatchTime.now()
        let result = try runBlocking { [restyler, chosen] in try await restyler.rewrite(input, style: chosen) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6

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
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            var object: [String: Any] = [
                "source": source, "text": result.text, "meaning": result.meaning, "style_score": result.styleScore,
                "achieved": result.styleAchieved, "unchanged_sentences": result.sentencesWithMeaningLost,
                "candidates": result.candidateCount, "elapsed_ms": (elapsed * 10).rounded() / 10,
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
