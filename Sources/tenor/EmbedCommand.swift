import ArgumentParser
import Foundation
import Models
import TensorMath

/// `tenor embed`: sentence vectors from the sentence encoder (all-MiniLM-L6-v2).
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed sentences with the sentence encoder (all-MiniLM-L6-v2).",
        discussion: """
            One sentence per TEXT argument, or per non-empty line of --file (- reads standard input). \
            Text output is one vector per line; --json prints {"dimension", "vectors", "sentences_per_second"}, \
            the throughput excluding model loading. --benchmark measures the encoder's speed instead. \
            Errors exit with status 2.
            """)

    @Flag(name: .long, help: "Print JSON instead of one vector per line.")
    var json = false

    @Option(name: .long, help: "Model directory (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models, then all-minilm-l6-v2).")
    var model: String?

    @Option(name: .long, help: "Read sentences from this file, one per line (- for standard input).")
    var file: String?

    @Option(name: .long, help: "OpenBLAS threads.")
    var threads: Int = 2

    @Flag(name: .long, help: "Measure throughput, sgemm efficiency and single-sentence latency.")
    var benchmark = false

    @Flag(name: .long, help: "Print the cosine similarity of the first sentence with each of the others.")
    var similarity = false

    @Argument(help: "Sentences to embed.")
    var text: [String] = []

    func run() throws {
        let directory = modelDirectory()
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path) else {
            fail("no sentence-encoder model at \(directory.path); run `make setup` to install the models")
        }
        BLAS.threadCount = max(1, threads)
        let encoder: SentenceEncoder
        do { encoder = try SentenceEncoder(directory: directory) } catch { fail("\(error)") }

        if benchmark {
            let report = EncoderBenchmark.run(encoder: encoder, threads: max(1, threads))
            if json {
                let data = (try? JSONSerialization.data(withJSONObject: report.json, options: [.sortedKeys])) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(report)
            }
            return
        }

        let sentences = try readSentences()
        let start = DispatchTime.now().uptimeNanoseconds
        let vectors = encoder.embedUncached(sentences)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perSecond = seconds > 0 ? Double(sentences.count) / seconds : 0

        if similarity {
            guard let first = vectors.first, vectors.count > 1 else { fail("--similarity needs at least two sentences") }
            for (sentence, vector) in zip(sentences.dropFirst(), vectors.dropFirst()) {
                let cosine = zip(first, vector).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                print(String(format: "%.4f\t", cosine) + sentence)
            }
            return
        }

        if json {
            var output = "{\"dimension\": \(encoder.dimension), \"vectors\": ["
            output += vectors.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
            output += "], \"sentences_per_second\": \(String(format: "%.1f", perSecond))}"
            print(output)
        } else {
            for vector in vectors { print(vector.map { String(format: "%.6f", $0) }.joined(separator: " ")) }
            FileHandle.standardError.write(Data(String(format: "%d sentences, %d dimensions, %.1f sentences/s\n",
                                                       sentences.count, encoder.dimension, perSecond).utf8))
        }
    }

    private func modelDirectory() -> URL {
        if let model { return URL(fileURLWithPath: model) }
        let catalog = ModelCatalog()
        return catalog.url(role: "embed")?.deletingLastPathComponent()
            ?? catalog.directory.appendingPathComponent("all-minilm-l6-v2")
    }

    private func readSentences() throws -> [String] {
        if let file {
            guard text.isEmpty else { fail("give sentences either as arguments or with --file, not both") }
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
                data = contents
            }
            let lines = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
            let sentences = lines.map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
            guard !sentences.isEmpty else { fail("\(file) holds no sentences") }
            return sentences
        }
        guard !text.isEmpty else { fail("give one or more sentences, or --file PATH") }
        return text
    }

    /// Usage and input errors exit with status 2 and a one-line message on standard error.
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("tenor embed: \(message)\n".utf8))
        Tenor.leave(2)
    }
}
