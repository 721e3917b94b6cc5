import ArgumentParser
import Foundation
import Illustrate
import TensorMath

struct IllustrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "illustrate",
        abstract: "Draw a stylised illustration of a description into a PNG.",
        discussion: """
            The description is first read into a scene plan (subjects with counts and relations, setting, time, \
            weather, style phrase) by word rules, or with --plan-parser model by the decoder under a JSON grammar \
            (--plan prints the plan). The picture is a procedural background for the plan's setting \
            and time with clip art from openclipart for each subject, painted in the style its style phrase names \
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
    @Flag(help: "Print the scene plan (JSON) for the description and exit.") var plan = false
    @Option(name: .customLong("plan-parser"), help: "Who reads the description into a scene plan: rules (default) or model (the decoder, slower).")
    var planParser: PlanParser = .rules
    @Option(help: "Decoder threads for the plan (default: all cores).") var threads: Int?
    @Flag(name: .customLong("build-index"), help: "(Re)build the clip-art and emoji indexes in the model folder and exit.") var buildIndex = false
    @Option(name: .customLong("models-dir"), help: "Model folder (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).")
    var modelsDirectory: String?
    @Option(name: .customLong("benchmark-runs"), help: .hidden) var benchmarkRuns: Int?

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must look like 768x512 (width x height, 32 to 4096 each)") }
        if let runs = benchmarkRuns, runs < 1 { throw ValidationError("--benchmark-runs must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if buildIndex { return }
        if benchmarkRuns == nil && output == nil && !plan { throw ValidationError("missing -o FILE.png") }
        guard !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("the description is empty") }
    }

    /// `--plan`: the plan's JSON on stdout; the planner, its time and any fallback on stderr.
    func printPlan(illustrator: Illustrator) throws {
        let planner = ScenePlanner(catalog: illustrator.catalog, threads: illustrator.decoderThreads)
        let start = Date()
        let planned = planner.plan(description, parser: planParser)
        let seconds = Date().timeIntervalSince(start)
        print(planned.plan.json)
        if let reason = planned.fallbackReason { printError("plan by rules: \(reason)") }
        var detail = ""
        if planned.parser == "model", let statistics = planner.loadedModelPlanner()?.lastStatistics {
            detail = String(format: ", decoding %.2f s: %d prompt tokens (%d reused), %d chosen, %d forced",
                            statistics.seconds, statistics.promptTokens, statistics.reusedTokens, statistics.sampledTokens, statistics.forcedTokens)
        }
        printError(String(format: "plan by %@ in %.2f s%@", planned.parser, seconds, detail))
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
        request.planParser = planParser
        do {
            var illustrator = noCache ? Illustrator(modelsDirectory: modelsDirectory, cacheDirectory: nil) : Illustrator(modelsDirectory: modelsDirectory)
            illustrator.decoderThreads = threads ?? ThreadPool.defaultThreadCount()
            if plan {
                try printPlan(illustrator: illustrator)
                return
            }
            if buildIndex {
                let start = Date()
                let count = try illustrator.buildClipArtIndex { done, total in
                    if done % 1024 < 128 || done == total { printError("indexed \(done)/\(total)") }
                }
                printError(String(format: "clip-art index: %d clips in %.1f s", count, Date().timeIntervalSince(start)))
                if EmojiClips.isInstalled() {
                    let emojiStart = Date()
                    let emoji = try illustrator.buildEmojiIndex()
                    printError(String(format: "emoji index: %d emoji in %.1f s", emoji, Date().timeIntervalSince(emojiStart)))
                } else {
                    printError("no emoji index (install fonts-noto-color-emoji and unicode-data: make setup)")
                }
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
            let missing = illustration.missingSubjects.isEmpty ? "" : ", no clip for \(illustration.missingSubjects.joined(separator: ", "))"
            printError("plan (\(illustration.planParser)): \(Illustrator.summary(of: illustration.plan))")
            printError("wrote \(output) (\(width)x\(height), seed \(seed), \(styleReport), \(clips)\(missing)\(illustration.fromCache ? ", from cache" : ""))")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}

extension PlanParser: ExpressibleByArgument {}
