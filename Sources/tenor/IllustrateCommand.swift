import ArgumentParser
import Foundation
import Illustrate

struct IllustrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "illustrate",
        abstract: "Draw a stylised illustration of a description into a PNG.",
        discussion: """
            For now the picture is a simple procedural scene (setting, time of day and colour words) \
            painted by the multistyle26 network, with its style chosen from style words \
            (docs/ILLUSTRATE.md lists them), or by the arbitrary-style networks from --style-image.
            """)

    @Argument(help: "What to draw, e.g. \"a calm sea at sunset, soft\".") var description: String
    @Option(name: [.short, .customLong("output")], help: "PNG file to write.") var output: String?
    @Option(help: "Image size as WxH (32 to 4096 each).") var size = "512x512"
    @Option(help: "Seed for the scene's shapes (same seed, same image).") var seed: UInt64 = 0
    @Option(name: .customLong("style-image"), help: "A PNG whose style to use instead of the style words.") var styleImage: String?
    @Option(name: .customLong("models-dir"), help: "Model folder (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).")
    var modelsDirectory: String?
    @Option(name: .customLong("benchmark-runs"), help: .hidden) var benchmarkRuns: Int?

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must look like 512x512 (width x height, 32 to 4096 each)") }
        if let runs = benchmarkRuns, runs < 1 { throw ValidationError("--benchmark-runs must be at least 1") }
        if benchmarkRuns == nil && output == nil { throw ValidationError("missing -o FILE.png") }
        guard !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("the description is empty") }
    }

    var parsedSize: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              IllustrationRequest.sideRange.contains(w), IllustrationRequest.sideRange.contains(h) else { return nil }
        return (w, h)
    }

    func run() throws {
        guard let (width, height) = parsedSize else { throw ValidationError("--size must look like 512x512") }
        var request = IllustrationRequest(description: description)
        (request.width, request.height) = (width, height)
        request.seed = seed
        request.styleImagePath = styleImage
        do {
            let illustrator = Illustrator(modelsDirectory: modelsDirectory)
            if let runs = benchmarkRuns {
                // Benchmarks/illustrate.sh: the network alone on its test image, best of `runs`, seconds on stdout.
                print(String(format: "%.4f", try illustrator.benchmarkStyleNetwork(width: width, height: height, runs: runs)))
                return
            }
            guard let output else { throw ValidationError("missing -o FILE.png") }
            let words = try illustrator.write(request, to: output)
            let style = styleImage.map { "style image \($0)" } ?? (words.isEmpty ? "default style" : "style words: \(words.joined(separator: ", "))")
            printError("wrote \(output) (\(width)x\(height), seed \(seed), \(style))")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
