import Foundation
import ModelFormats
import Models
import TensorMath

/// What to draw.
public struct IllustrationRequest: Sendable {
    public var description: String
    public var width = 768
    public var height = 512
    public var seed: UInt64 = 0
    /// A PNG whose style replaces the style words (arbitrary-style networks).
    public var styleImagePath: String?
    /// A `StyleCatalog` name ("style-7", "pixel-art", ...) that replaces the style words.
    public var style: String?
    /// Which planner reads the description.
    public var planParser: PlanParser = .rules

    public init(description: String) { self.description = description }

    public static let sideRange = 32...4096
}

public struct IllustrationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A finished picture and how it was made.
public struct Illustration: Sendable {
    public let image: RGBImage
    /// The PNG file's bytes (with the Description and Seed text chunks).
    public let png: [UInt8]
    /// `StyleCatalog` names used (empty with a style image).
    public let styleNames: [String]
    /// Titles of the clip art placed, main subject first.
    public let clipTitles: [String]
    /// What was drawn, and which planner made the plan ("model" or "rules").
    public let plan: ScenePlan
    public let planParser: String
    /// Subjects for which no clip fitted (drawn as labelled placeholders).
    public let missingSubjects: [String]
    public let fromCache: Bool
}

/// Description → scene (procedural background + clip art) → style (network or image
/// operation) → PNG, with a cache in front. docs/ILLUSTRATE.md describes each step.
public struct Illustrator: Sendable {
    public let catalog: ModelCatalog
    /// nil: no cache.
    public let cache: IllustrationCache?
    /// Bump when a change to the pipeline changes pictures, so old cache entries are not used.
    public static let pipelineVersion = "5"
    /// Threads of the decoder that plans the scene.
    public var decoderThreads = ThreadPool.defaultThreadCount()

    public init(modelsDirectory: String? = nil) {
        self.init(modelsDirectory: modelsDirectory, cacheDirectory: IllustrationCache.defaultDirectory())
    }

    public init(modelsDirectory: String?, cacheDirectory: URL?) {
        catalog = ModelCatalog(directory: modelsDirectory)
        cache = cacheDirectory.map(IllustrationCache.init(directory:))
    }

    public func render(_ request: IllustrationRequest) throws -> (image: RGBImage, styleWords: [String]) {
        let illustration = try illustrate(request)
        return (illustration.image, illustration.styleNames)
    }

    /// Renders (or takes from the cache) and writes the PNG; returns the style names used.
    public func write(_ request: IllustrationRequest, to path: String) throws -> [String] {
        let illustration = try illustrate(request)
        do { try Data(illustration.png).write(to: URL(fileURLWithPath: path)) } catch {
            throw IllustrationError("cannot write \(path): \(error.localizedDescription)")
        }
        return illustration.styleNames
    }

    /// What `illustrate` reports while it renders: a message and a percentage (0…100).
    public typealias Progress = @Sendable (_ message: String, _ percentage: Int) -> Void

    /// Renders the request (or takes it from the cache). `progress` hears each stage and each stylised tile;
    /// `isCancelled` is asked between tiles, and a true answer stops the render with `CancellationError`.
    public func illustrate(_ request: IllustrationRequest, progress: Progress? = nil,
                           isCancelled: @Sendable () -> Bool = { false }) throws -> Illustration {
        guard IllustrationRequest.sideRange.contains(request.width), IllustrationRequest.sideRange.contains(request.height) else {
            throw IllustrationError("size \(request.width)x\(request.height) is out of range; each side must be \(IllustrationRequest.sideRange.lowerBound) to \(IllustrationRequest.sideRange.upperBound)")
        }
        if let name = request.style, StyleCatalog.style(named: name) == nil {
            throw IllustrationError("unknown style \(name); known: \(StyleCatalog.styles.map(\.name).joined(separator: ", "))")
        }
        let planner = ScenePlanner(catalog: catalog, threads: decoderThreads)
        let key = cache.map { _ in
            IllustrationCache.key(request: request, files: inputFiles(usingDecoder: planner.usesModel(request.planParser)),
                                  pipelineVersion: Self.pipelineVersion)
        }
        if let cache, let key, let hit = cache.lookup(key), let image = try? PNGReader.decode(hit.png),
           let plan = try? ScenePlan.decode(json: hit.entry.plan) {
            return Illustration(image: image, png: hit.png, styleNames: hit.entry.styleNames, clipTitles: hit.entry.clipTitles,
                                plan: plan, planParser: hit.entry.planParser, missingSubjects: hit.entry.missingSubjects, fromCache: true)
        }

        var stages = StageClock()
        progress?("planning the scene", 2)
        let planned = planner.plan(request.description, parser: request.planParser)
        let plan = planned.plan
        stages.mark("plan (\(planned.parser))")
        progress?("plan: " + Self.summary(of: plan), 5)
        let encoder = loadEncoder()
        stages.mark("encoder load")
        let sceneDescription = SceneDescription(plan: plan, description: request.description)
        var (scene, horizon) = ProceduralScene.render(sceneDescription, width: request.width, height: request.height, seed: request.seed,
                                                      sparse: !plan.subjects.isEmpty)
        stages.mark("background")
        var clipTitles: [String] = []
        var missing: [String] = []
        var sources = Set<SceneComposer.Source>()
        if let encoder, !plan.subjects.isEmpty, let index = try loadIndex(encoder: encoder) {
            stages.mark("index load")
            var random = SplitMix64(seed: request.seed ^ 0xC11F_A127)
            let composer = SceneComposer(index: index, emoji: loadEmojiIndex(), encoder: encoder)
            let clips = composer.choose(plan.subjects, random: &random)
            SceneComposer.compose(clips, into: &scene, horizon: horizon, scene: sceneDescription, random: &random)
            clipTitles = clips.compactMap { placement in placement.clip.map { placement.source == .emoji ? "\($0.title) (emoji)" : $0.title } }
            sources = Set(clips.compactMap(\.source))
            missing = clips.filter { $0.clip == nil }.map(\.subject.name)
            stages.mark("clip art")
            let found = clips.compactMap { placement in
                placement.clip.map { "\(placement.subject.name) → \($0.title)" + (placement.source == .emoji ? " (emoji)" : "") }
            }
            progress?((found.isEmpty ? "" : "found " + found.joined(separator: ", ")) + (missing.isEmpty ? "" : (found.isEmpty ? "" : "; ")
                      + "no clip for " + missing.joined(separator: ", ")), 15)
        }

        ProceduralScene.drawWeather(sceneDescription, on: &scene, horizon: horizon, seed: request.seed)
        stages.mark("weather")

        var styled: PlanarImage
        var styleNames: [String] = []
        // Without a style phrase, snow and fog by day take the cool winter style (14, which keeps content well) rather
        // than the default warm, golden one, which paints white ground yellow.
        let unstyled = plan.style.isEmpty && request.style == nil && request.styleImagePath == nil
        let weatherStyle = unstyled && sceneDescription.time != .night && [.snow, .fog].contains(sceneDescription.weather) ? "style-14" : nil
        if let stylePath = request.styleImagePath {
            let style = PlanarImage(try PNGReader.readImage(path: stylePath))
            let networks = try ArbitraryStyleNetworks(predictPath: try modelPath("style-predict"), transformPath: try modelPath("style-transform"))
            styled = try networks.stylize(scene, styleVector: try networks.styleVector(style))
        } else {
            let choice = request.style.flatMap(Self.choice(named:)) ?? weatherStyle.flatMap(Self.choice(named:))
                ?? StyleChooser.choose(phrases: plan.style.isEmpty ? [] : [plan.style], encoder: encoder, description: request.description)
            styleNames = choice.names
            if let operation = choice.operation {
                styled = ImageStyles.apply(operation, to: scene, seed: request.seed)
            } else {
                progress?("styling: \(choice.names.joined(separator: " + "))", 20)
                let network = try MultiStyleNetwork(path: try modelPath("style"))
                styled = try network.stylizeTiled(scene, weights: choice.weights) { done, total in
                    if isCancelled() { throw CancellationError() }
                    progress?("styled tile \(done) of \(total)", 20 + 65 * done / max(total, 1))
                }
            }
        }
        // The default (warm, golden) style alone would turn a night or a storm into a sunny painting: such a scene
        // keeps half of its own colours.
        if unstyled && weatherStyle == nil && (sceneDescription.time == .night || ![.clear, .cloudy].contains(sceneDescription.weather)) {
            styled = Self.mix(styled, scene, keeping: 0.5)
        }
        stages.mark("style")
        let image = styled.rgb8
        // Credits name where the pictures came from (openclipart is public domain; Noto's emoji ask for attribution).
        let credits = [sources.contains(.openclipart) ? "clip art: openclipart (public domain)" : nil,
                       sources.contains(.emoji) ? EmojiClips.credit : nil].compactMap { $0 }
        // `Software` marks the file as Tenor's, so a later render may replace it (WorkspaceOutput).
        let png = try PNGWriter.encode(image, text: [(WorkspaceOutput.softwareKey, WorkspaceOutput.softwareValue),
                                                     ("Description", request.description), ("Seed", String(request.seed)),
                                                     ("Plan", plan.json)] + (credits.isEmpty ? [] : [("Credits", credits.joined(separator: "; "))]))
        stages.mark("png")
        stages.report()
        if let cache, let key {
            cache.store(key, png: png, entry: .init(styleNames: styleNames, clipTitles: clipTitles, plan: plan.json, planParser: planned.parser,
                                                    missingSubjects: missing))
        }
        return Illustration(image: image, png: png, styleNames: styleNames, clipTitles: clipTitles, plan: plan, planParser: planned.parser,
                            missingSubjects: missing, fromCache: false)
    }

    /// `styled` with `fraction` of `original` mixed back in (same size).
    static func mix(_ styled: PlanarImage, _ original: PlanarImage, keeping fraction: Float) -> PlanarImage {
        guard styled.values.count == original.values.count else { return styled }
        var out = styled
        for i in out.values.indices { out.values[i] += (original.values[i] - out.values[i]) * fraction }
        return out
    }

    /// "3 hot air balloon over hills; hills, morning, sunny; style flat vector poster" (progress messages).
    public static func summary(of plan: ScenePlan) -> String {
        let subjects = plan.subjects.map { subject in
            (subject.count > 1 ? "\(subject.count) " : "") + subject.name
                + (subject.relation == .none ? "" : " \(subject.relation.rawValue) \(subject.of)")
        }
        let scene = [plan.setting.rawValue, plan.time.rawValue, plan.weather.rawValue].filter { $0 != "none" }
        var parts = [subjects.isEmpty ? "no subjects" : subjects.joined(separator: ", ")]
        if !scene.isEmpty { parts.append(scene.joined(separator: ", ")) }
        if !plan.style.isEmpty { parts.append("style " + plan.style) }
        return parts.joined(separator: "; ")
    }

    static func choice(named name: String) -> StyleChoice? {
        guard let style = StyleCatalog.style(named: name) else { return nil }
        var choice = StyleChoice(names: [name], phrase: nil, similarity: nil, operation: nil, weights: [Float](repeating: 0, count: StyleTable.styleCount))
        switch style.kind {
        case .operation(let operation): choice.operation = operation
        case .network(let index): choice.weights[index] = 1
        }
        return choice
    }

    /// Every file whose content can change a picture (for the cache key), the running
    /// executable included, so that a rebuilt Tenor does not serve pictures from older code.
    func inputFiles(usingDecoder: Bool) -> [String] {
        let roles = ["style", "style-predict", "style-transform", "embed", "embed-tokenizer"] + (usingDecoder ? ["rewrite"] : [])
        let indexes = [ClipArtIndex.folderName, EmojiClips.folderName].map { ClipArtIndex.folder(in: catalog.directory, named: $0) }
        return [Bundle.main.executablePath].compactMap { $0 } + roles.compactMap { catalog.url(role: $0)?.path }
            + indexes.flatMap { [$0.appendingPathComponent("vectors.f16").path, $0.appendingPathComponent("entries.tsv").path] }
    }

    var encoderDirectory: URL? { catalog.url(role: "embed")?.deletingLastPathComponent() }

    /// nil when the sentence encoder is not installed: no clip art, style words by table.
    func loadEncoder() -> SentenceEncoder? {
        guard let directory = encoderDirectory else { return nil }
        do { return try SentenceEncoder(directory: directory, cacheCapacity: 64) } catch {
            FileHandle.standardError.write(Data("illustrate: no sentence encoder (\(error)); drawing without clip art\n".utf8))
            return nil
        }
    }

    /// The clip-art index, built first when openclipart is installed but the index is not.
    func loadIndex(encoder: SentenceEncoder) throws -> ClipArtIndex? {
        if !ClipArtIndex.exists(in: catalog.directory) {
            guard FileManager.default.fileExists(atPath: ClipArtIndex.debianPNGRoot) else {
                FileHandle.standardError.write(Data("illustrate: no clip art (install openclipart-png and openclipart-svg: make setup); drawing the background only\n".utf8))
                return nil
            }
            FileHandle.standardError.write(Data("illustrate: building the clip-art index once (about a minute)...\n".utf8))
            _ = try buildClipArtIndex(encoder: encoder)
        }
        return try ClipArtIndex.load(from: catalog.directory)
    }

    /// The emoji index (`EmojiClips`), nil when it has not been built (`tenor illustrate --build-index`, run by
    /// `make setup` when fonts-noto-color-emoji is installed).
    func loadEmojiIndex() -> ClipArtIndex? {
        try? ClipArtIndex.load(from: catalog.directory, named: EmojiClips.folderName)
    }

    /// Indexes Debian's openclipart into the model folder; returns the number of clips.
    public func buildClipArtIndex(encoder: SentenceEncoder? = nil, progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        guard let encoder = encoder ?? loadEncoder() else { throw IllustrationError("the sentence encoder is missing; run `make setup`") }
        return try ClipArtIndex.build(pngRoot: ClipArtIndex.debianPNGRoot, svgRoot: ClipArtIndex.debianSVGRoot, encoder: encoder,
                                      modelsDirectory: catalog.directory, progress: progress)
    }

    /// Extracts and indexes the emoji of `fonts-noto-color-emoji` into the model folder; returns how many.
    public func buildEmojiIndex(encoder: SentenceEncoder? = nil) throws -> Int {
        guard let encoder = encoder ?? loadEncoder() else { throw IllustrationError("the sentence encoder is missing; run `make setup`") }
        return try EmojiClips.build(encoder: encoder, modelsDirectory: catalog.directory)
    }

    func modelPath(_ role: String) throws -> String {
        guard let url = catalog.url(role: role) else { throw IllustrationError("no model for role \(role)") }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw IllustrationError("model file missing: \(url.path); run `make setup` (or set TENOR_MODELS_DIR)")
        }
        return url.path
    }
}

extension Illustrator {
    /// Seconds for the best of `runs` multistyle26 passes (after one warm-up) on the
    /// deterministic test pattern that Benchmarks/illustrate.sh also gives onnxruntime.
    public func benchmarkStyleNetwork(width: Int, height: Int, runs: Int) throws -> Double {
        let network = try MultiStyleNetwork(path: try modelPath("style"))
        var values: [Float] = []
        for c in 0..<3 { for y in 0..<height { for x in 0..<width { values.append(Float(((x * 5 + y * 3 + c * 80) % 256 + (x * y) % 31) % 256) / 255) } } }
        let image = PlanarImage(width: width, height: height, values: values)
        var weights = [Float](repeating: 0, count: StyleTable.styleCount)
        weights[3] = 0.5
        weights[12] = 0.5
        _ = try network.stylize(image, weights: weights)
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try network.stylize(image, weights: weights)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }
}

/// `TENOR_ILLUSTRATE_PROFILE=1`: seconds per pipeline stage on stderr.
struct StageClock {
    let enabled = ProcessInfo.processInfo.environment["TENOR_ILLUSTRATE_PROFILE"] == "1"
    var last = DispatchTime.now().uptimeNanoseconds
    var stages: [(String, Double)] = []

    mutating func mark(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((name, Double(now - last) / 1e9))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = stages.map { String(format: "%@ %.3f s", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data("illustrate: \(text)\n".utf8))
    }
}
