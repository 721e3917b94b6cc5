import ArgumentParser
import Foundation
import Illustrate

struct IllustrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "illustrate",
        abstract: "Draw a stylised illustration of a description into a PNG.",
        discussion: """
            The picture is a procedural background (setting, time of day and colour words) with clip art \
            from openclipart for the description's nouns, painted in the style its style phrases name \
            (\"watercolor\", \"pixel art\", \"ink sketch\", \"bold expressive oil\"...) by the multistyle26 network or \
            an image operation, or by the arbitrary-style networks from --style-image. A second render of the \
            same request comes from the cache. docs/ILLUSTRATE.md has the details.
            """)

    @Argument(help: "What to draw, e.g. \"a red lighthouse on a rocky coast at dusk, watercolor\".") var description: String = ""
    @Option(name: [.short, .customLong("output")], help: "PNG file to write.") var output: String?
    @Option(help: "Image size as WxH (32 to 4096 each).") var size = "768x512"
    @Option(help: "Seed for the scene's layout and clip choice (same seed, same image).") var seed: UInt64 = 0
    @Option(name: .customLong("style-image"), help: "A PNG whose style to use instead of the style words.") var styleImage: String?
    @Option(help: "A style by name instead of the style words (style-0 … style-25, watercolour, pixel-art, ink-sketch, flat-poster).")
    var style: String?
    @Flag(name: .customLong("no-cache"), help: "Render even when the cache has this picture (and do not store it).") var noCache = false
    @Flag(name: .customLong("build-index"), help: "(Re)build the clip-art index in the model folder and exit.") var buildIndex = false
    @Option(name: .customLong("models-dir"), help: "Model folder (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).")
    var modelsDirectory: String?
    @Option(name: .customLong("benchmark-runs"), help: .hidden) var benchmarkRuns: Int?

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must look like 768x512 (width x height, 32 to 4096 each)") }
        if let runs = benchmarkRuns, runs < 1 { throw ValidationError("--benchmark-runs must be at least 1") }
        if buildIndex { return }
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
        guard let (width, height) = parsedSize else { throw ValidationError("--size must look like 768x512") }
        var request = IllustrationRequest(description: description)
        (request.width, request.height) = (width, height)
        request.seed = seed
        request.styleImagePath = styleImage
        request.style = style
        do {
            let illustrator = noCache ? Illustrator(modelsDirectory: modelsDirectory, cacheDirectory: nil) : Illustrator(modelsDirectory: modelsDirectory)
            if buildIndex {
                let start = Date()
                let count = try illustrator.buildClipArtIndex { done, total in
                    if done % 1024 < 128 || done == total { printError("indexed \(done)/\(total)") }
                }
                printError(String(format: "clip-art index: %d clips in %.1f s", count, Date().timeIntervalSince(start)))
                return
            }
            if let runs = benchmarkRuns {
                // Benchmarks/illustrate.sh: the network alone on its test image, best of `runs`, seconds on stdout.
                print(String(format: "%.4f", try illustrator.benchmarkStyleNetwork(width: width, height: height, runs: runs)))
                return
            }
            guard let output else { throw ValidationError("missing -o FILE.png") }
            let illustration = try illustrator.illustrate(request)
            do { try Data(illustration.png).write(to: URL(fileURLWithPath: output)) } catch {
                throw IllustrationError("cannot write \(output): \(error.localizedDescription)")
            }
            let styleReport = styleImage.map { "style image \($0)" }
                ?? (illustration.styleNames.isEmpty ? "default style" : "style \(illustration.styleNames.joined(separator: " + "))")
            let clips = illustration.clipTitles.isEmpty ? "no clip art" : "clip art: \(illustration.clipTitles.joined(separator: "; "))"
            printError("wrote \(output) (\(width)x\(height), seed \(seed), \(styleReport), \(clips)\(illustration.fromCache ? ", from cache" : ""))")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
