import Foundation
import Testing
@testable import Illustrate
import Models

@Suite struct SceneTests {
    @Test func descriptionWordsPickSettingTimeAndColours() {
        let d = SceneDescription("A calm SEA at sunset, with a red boat and gold light")
        #expect(d.setting == .sea)
        #expect(d.time == .sunset)
        #expect(d.colours == [SceneDescription.colourWords["red"], SceneDescription.colourWords["gold"]])
        #expect(SceneDescription("stars over nothing").time == .night)
        #expect(SceneDescription("").setting == .meadow)
    }

    @Test func styleWordsBlendEqually() {
        let (words, weights) = StyleTable.choose(for: "a soft, moody forest")
        #expect(words == ["soft", "moody"])
        #expect(weights[12] == 0.5 && weights[20] == 0.5)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-6)
        #expect(StyleTable.choose(for: "a forest").weights == StyleTable.defaultWeights)
        #expect(StyleTable.words.values.allSatisfy { (0..<StyleTable.styleCount).contains($0) })
    }

    @Test func sameSeedSameSceneOtherSeedOtherScene() {
        let d = SceneDescription("a city at night")
        let a = ProceduralScene.render(d, width: 80, height: 60, seed: 42)
        let b = ProceduralScene.render(d, width: 80, height: 60, seed: 42)
        let c = ProceduralScene.render(d, width: 80, height: 60, seed: 43)
        #expect(a.values == b.values)
        #expect(a.values != c.values)
        #expect(a.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func everySettingRenders() {
        for setting in SceneDescription.Setting.allCases {
            for time in ["day", "night", "sunset"] {
                var scene = SceneDescription("at \(time) under a crescent moon")
                scene.setting = setting
                let image = ProceduralScene.render(scene, width: 40, height: 33, seed: 1)
                #expect(image.values.count == 3 * 40 * 33)
                #expect(image.values.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
            }
        }
    }

    @Test func seededRandomIsSplitMix64() {
        // First outputs of SplitMix64 seeded with 0 (the published test vector).
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
        #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func reflectPaddingMirrorsWithoutRepeatingTheEdge() {
        let image = PlanarImage(width: 3, height: 1, values: [1, 2, 3, 0, 0, 0, 0, 0, 0])
        let padded = image.reflectPadded(width: 8, height: 1)
        #expect(Array(padded.values.prefix(8)) == [1, 2, 3, 2, 1, 2, 3, 2])
    }
}

let multistylePath: String? = {
    guard let url = ModelCatalog().url(role: "style"), FileManager.default.fileExists(atPath: url.path) else { return nil }
    return url.path
}()

@Suite(.enabled(if: multistylePath != nil, "multistyle26 not installed"))
struct StylisationTests {
    @Test func tilingMatchesOneShotAwayFromSeams() throws {
        let network = try MultiStyleNetwork(path: try #require(multistylePath))
        let scene = ProceduralScene.render(SceneDescription("hills at dawn"), width: 72, height: 40, seed: 3)
        let weights = StyleTable.choose(for: "soft").weights
        let whole = try network.stylize(scene, weights: weights)
        var reports: [String] = []
        let tiled = try network.stylizeTiled(scene, weights: weights, tile: 48, overlap: 16) { reports.append("\($0)/\($1)") }
        #expect(tiled.width == 72 && tiled.height == 40)
        #expect(reports == ["1/2", "2/2"])  // 72 wide in 48-pixel tiles: two across, one down
        // Each tile's instance normalisation sees only its own pixels (here 48² tiles of a 72×40
        // scene, so each sees two thirds of it), so colours shift by several percent; a broken
        // tiling (misplaced or unweighted tiles) gives errors several times larger.
        let mae = zip(whole.values, tiled.values).reduce(Float(0)) { $0 + abs($1.0 - $1.1) } / Float(whole.values.count)
        #expect(mae < 0.15)
    }

    @Test func aTileCallbackThatThrowsStopsTheRender() throws {
        let network = try MultiStyleNetwork(path: try #require(multistylePath))
        let scene = ProceduralScene.render(SceneDescription("hills at dawn"), width: 72, height: 40, seed: 3)
        var tiles = 0
        #expect(throws: CancellationError.self) {
            try network.stylizeTiled(scene, weights: StyleTable.defaultWeights, tile: 48, overlap: 16) { _, _ in
                tiles += 1
                throw CancellationError()
            }
        }
        #expect(tiles == 1)
    }

    @Test func tooSmallImagesAreRefused() throws {
        let network = try MultiStyleNetwork(path: try #require(multistylePath))
        #expect(throws: (any Error).self) { try network.stylize(PlanarImage(width: 20, height: 40), weights: StyleTable.defaultWeights) }
    }

    @Test func writesADeterministicPNG() throws {
        let directory = try #require(multistylePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().deletingLastPathComponent().path })
        var request = IllustrationRequest(description: "a quiet sea at night, muted")
        (request.width, request.height, request.seed) = (64, 48, 9)
        let illustrator = Illustrator(modelsDirectory: directory, cacheDirectory: nil)
        let a = try illustrator.render(request)
        let b = try illustrator.render(request)
        #expect(a.image == b.image)
        #expect(!a.styleWords.isEmpty)
        let png = try PNGWriter.encode(a.image, text: [("Description", request.description), ("Seed", "9")])
        #expect(try PNGReader.decode(png) == a.image)
    }
}
