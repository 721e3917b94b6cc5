import ArgumentParser
import Checks
import Foundation
import LanguageServer
import Models
import Prose
import TensorMath
import Tone

/// `tenor tone`: per-sentence tone probabilities for a file, or the tone rules' speed benchmark.
struct ToneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tone",
        abstract: "Show the tone classifier's probabilities per sentence, or benchmark the tone rules.",
        discussion: """
            With a FILE, prints each sentence's insult, profanity, hate, threat and toxic probabilities (0.5 is the \
            default threshold) and the words the toxic output points at. --benchmark times the four tone rules on a generated 5,000-word Markdown document: \
            first diagnostics with a cold cache, then re-checks after one-sentence edits (p50/p95).
            """)

    @Option(name: .long, help: "Models directory (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).")
    var modelsDir: String?
    @Option(name: .long, help: "OpenBLAS threads.") var threads: Int = 2
    @Flag(name: .long, help: "Benchmark the tone rules instead.") var benchmark = false
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Argument(help: "A Markdown or text file.") var file: String?

    func run() throws {
        BLAS.threadCount = max(1, threads)
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let classifier: ToneClassifier
        do { classifier = try ToneClassifier.load(modelsDirectory: ModelCatalog(directory: modelsDir).directory) } catch {
            FileHandle.standardError.write(Data("tenor tone: \(error)\n".utf8)); throw ExitCode(2)
        }
        let loadSeconds = Self.seconds(since: loadStart)
        if benchmark {
            let report = ToneBenchmark.run(classifier: classifier)
            let fields: [String: Any] = ["load_s": loadSeconds, "words": report.words, "sentences": report.sentences,
                                         "first_check_s": report.firstCheck, "edit_p50_ms": report.editP50 * 1000,
                                         "edit_p95_ms": report.editP95 * 1000, "edits": report.edits]
            if json {
                let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(String(format: "model load %.2f s; %d words, %d sentences: first diagnostics %.2f s; one-sentence edit p50 %.1f ms, p95 %.1f ms (%d edits)",
                             loadSeconds, report.words, report.sentences, report.firstCheck, report.editP50 * 1000, report.editP95 * 1000, report.edits))
            }
            return
        }
        guard let file, let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("tenor tone: give a readable FILE or --benchmark\n".utf8)); throw ExitCode(2)
        }
        let text = String(decoding: data, as: UTF8.self)
        let document = ProseDocument(text: text, format: DocumentFormat(pathExtension: (file as NSString).pathExtension))
        let sentences = document.sentences
        let analyses = classifier.analyses(for: sentences.map(\.text))
        for (sentence, analysis) in zip(sentences, analyses) {
            let p = analysis.probabilities
            let values = ToneCategory.allCases.map { String(format: "%@ %.2f", $0.rawValue, p[$0.outputIndex]) }
                + [String(format: "toxic %.2f", p[4])]
            // The words the toxic output points at (what a diagnostic's range would cover).
            let units = Array(sentence.text.utf16)
            let words = analysis.offendingRanges(output: 4).map { String(decoding: units[$0], as: UTF16.self) }
            print("\(sentence.range.lowerBound)-\(sentence.range.upperBound)\t\(values.joined(separator: " "))\t\(sentence.text)\t[\(words.joined(separator: " | "))]")
        }
    }

    static func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// The tone rules on a generated 5,000-word document: the first check (every sentence encoded) and
/// re-checks after editing one sentence (only that sentence is encoded again; the rest is cached).
enum ToneBenchmark {
    struct Report { var words: Int; var sentences: Int; var firstCheck: Double; var editP50: Double; var editP95: Double; var edits: Int }

    static func run(classifier: ToneClassifier, targetWords: Int = 5000, edits: Int = 40) -> Report {
        var paragraphs: [[String]] = []
        var words = 0
        var n = 0
        while words < targetWords {
            var paragraph: [String] = []
            for _ in 0..<5 {
                let sentence = sentenceText(n)
                words += sentence.split(separator: " ").count
                paragraph.append(sentence)
                n += 1
            }
            paragraphs.append(paragraph)
        }
        func render(_ paragraphs: [[String]]) -> String {
            var text = "# Release notes\n\n"
            for (index, paragraph) in paragraphs.enumerated() {
                if index % 6 == 5 { text += "## Part \(index / 6)\n\n" }
                text += paragraph.joined(separator: " ") + "\n\n"
            }
            return text
        }
        let engine = CheckEngine(rules: ToneRules.make(classifier: classifier, configuration: Configuration()))
        classifier.encoder.cache.removeAll()
        classifier.removeCachedScores()
        let firstStart = DispatchTime.now().uptimeNanoseconds
        _ = engine.check(ProseDocument(text: render(paragraphs), format: .markdown))
        let first = ToneCommand.seconds(since: firstStart)
        var times: [Double] = []
        for edit in 0..<edits {
            let p = (edit * 7) % paragraphs.count
            paragraphs[p][edit % 5] = paragraphs[p][edit % 5].replacingOccurrences(of: ".", with: " again \(edit).")
            let start = DispatchTime.now().uptimeNanoseconds
            _ = engine.check(ProseDocument(text: render(paragraphs), format: .markdown))
            times.append(ToneCommand.seconds(since: start))
        }
        times.sort()
        return Report(words: words, sentences: n, firstCheck: first, editP50: times[times.count / 2],
                      editP95: times[min(times.count - 1, Int(Double(times.count) * 0.95))], edits: edits)
    }

    /// Distinct, varied prose sentences (12 to 20 words).
    static func sentenceText(_ n: Int) -> String {
        let subjects = ["The new release", "Our documentation team", "The build server", "This chapter", "The parser",
                        "A careful reader", "The migration guide", "Every contributor", "The nightly job", "The style checker"]
        let verbs = ["explains", "improves", "replaces", "describes", "simplifies", "measures", "documents", "tests"]
        let objects = ["how configuration files are merged", "the way errors are reported to the editor",
                       "the steps needed to install the models", "why the cache keeps recent sentences",
                       "what happens when a document is very long", "the options for plain text files"]
        let tails = ["in version \(n / 40 + 1)", "for section \(n)", "with example \(n % 97)", "before the \(n % 13 + 1)th review",
                     "after issue \(1000 + n) was closed"]
        return "\(subjects[n % subjects.count]) \(verbs[(n / 3) % verbs.count]) \(objects[(n / 7) % objects.count]) \(tails[n % tails.count])."
    }
}

/// The tone rules for `tenor check` (and, once wired, the language server), when the sentence encoder
/// is installed; otherwise none, with a note on stderr. The classifier is loaded once per models
/// directory and kept, so a configuration change keeps the embedding cache.
enum ToneRuleLoader {
    private static let lock = NSLock()
    /// The last load, success or failure, per models directory: a damaged model is not re-read (nor
    /// reported again) at every settings change.
    nonisolated(unsafe) private static var loaded: (directory: URL, result: Result<ToneClassifier, ToneLoadFailure>)?

    struct ToneLoadFailure: Error { let message: String }

    static func rules(configuration: Configuration) -> [any Rule] {
        load(configuration: configuration).rules
    }

    /// The tone rules, or none and one sentence saying why (naming the model directory and the file's problem).
    static func load(configuration: Configuration) -> LoadedRules {
        // No model loading when every tone rule is switched off.
        guard ToneCategory.allCases.contains(where: { configuration.severity(for: $0.ruleID, default: $0.defaultSeverity) != nil }) else {
            return LoadedRules(rules: [])
        }
        let directory = ModelCatalog(directory: configuration.modelsDirectory).directory
        let result: Result<ToneClassifier, ToneLoadFailure> = lock.withLock {
            if let loaded, loaded.directory == directory { return loaded.result }
            let result: Result<ToneClassifier, ToneLoadFailure>
            do {
                result = .success(try ToneClassifier.load(modelsDirectory: directory))
            } catch {
                let encoder = directory.appendingPathComponent("all-minilm-l6-v2").path
                result = .failure(ToneLoadFailure(message:
                    "Tenor: tone rules are off, the sentence encoder in \(encoder) could not be loaded (\(error)). "
                    + "Other checks keep working; `tenor models --verify` checks the model files."))
            }
            loaded = (directory, result)
            if case .failure(let failure) = result { FileHandle.standardError.write(Data("\(failure.message)\n".utf8)) }
            return result
        }
        switch result {
        case .success(let classifier): return LoadedRules(rules: ToneRules.make(classifier: classifier, configuration: configuration))
        case .failure(let failure): return LoadedRules(rules: [], problems: [failure.message])
        }
    }
}
