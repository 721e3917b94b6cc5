import Foundation
import Testing
@testable import Illustrate
import Models

/// The model folder when the style network and the sentence encoder are installed and the
/// clip-art index is built (or openclipart is absent, so no index is wanted): a render never
/// starts the minute-long index build inside the tests.
let illustrationModels: String? = {
    let catalog = ModelCatalog()
    for role in ["style", "embed", "embed-tokenizer"] {
        guard let url = catalog.url(role: role), FileManager.default.fileExists(atPath: url.path) else { return nil }
    }
    let indexReady = ClipArtIndex.exists(in: catalog.directory) || !FileManager.default.fileExists(atPath: ClipArtIndex.debianPNGRoot)
    return indexReady ? catalog.directory.path : nil
}()

@Suite(.enabled(if: illustrationModels != nil, "multistyle26, all-MiniLM-L6-v2 or the clip-art index not installed"))
struct IllustratorTests {
    static let lighthouse = "a red lighthouse on a rocky coast at dusk"

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-illustrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func styleWordsPickStylesByEncoderSimilarity() throws {
        let encoder = try #require(Illustrator(modelsDirectory: illustrationModels, cacheDirectory: nil).loadEncoder())
        func pick(_ phrase: String) -> StyleChoice { StyleChooser.choose(phrases: [phrase], encoder: encoder, description: phrase) }
        #expect(pick("watercolor").operation == .watercolour)
        #expect(pick("pixel art").operation == .pixelArt)
        #expect(pick("ink sketch").operation == .inkSketch)
        #expect(pick("flat poster").operation == .flatPoster)
        #expect(["style-19", "style-7"].contains(pick("in the style of van gogh").names.first ?? ""))
        #expect(pick("oil painting").operation == nil)
        #expect(StyleChooser.choose(phrases: [], encoder: encoder, description: "a cat") == .neutral)
    }

    @Test func sameRequestSameBytesAndTheCacheReturnsThem() throws {
        let cacheDirectory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cacheDirectory) }
        var request = IllustrationRequest(description: Self.lighthouse + ", watercolor")
        (request.width, request.height, request.seed) = (192, 128, 7)
        request.planParser = .rules
        let uncached = Illustrator(modelsDirectory: illustrationModels, cacheDirectory: nil)
        let a = try uncached.illustrate(request), b = try uncached.illustrate(request)
        #expect(a.png == b.png)
        #expect(a.styleNames == ["watercolour"])
        if FileManager.default.fileExists(atPath: ClipArtIndex.debianPNGRoot) { #expect(a.clipTitles.count == 1) }

        let cached = Illustrator(modelsDirectory: illustrationModels, cacheDirectory: cacheDirectory)
        let first = try cached.illustrate(request), second = try cached.illustrate(request)
        #expect(!first.fromCache && second.fromCache)
        #expect(first.png == a.png && second.png == a.png)
        #expect(second.image == a.image && second.styleNames == a.styleNames)
        request.seed = 8
        #expect(try cached.illustrate(request).png != a.png)
    }

    @Test func watercolourPixelArtAndInkSketchDiffer() throws {
        let illustrator = Illustrator(modelsDirectory: illustrationModels, cacheDirectory: nil)
        let images = try ["watercolor", "pixel art", "ink sketch"].map { style -> RGBImage in
            var request = IllustrationRequest(description: "\(Self.lighthouse), \(style)")
            (request.width, request.height, request.seed) = (192, 128, 1)
            request.planParser = .rules
            return try illustrator.illustrate(request).image
        }
        for a in 0..<3 {
            for b in (a + 1)..<3 {
                let mad = zip(images[a].pixels, images[b].pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / images[a].pixels.count
                #expect(mad > 12, "styles \(a) and \(b) differ by only \(mad)/255 on average")
            }
        }
    }

    @Test func theIndexFindsALighthouse() throws {
        let catalog = ModelCatalog(directory: illustrationModels)
        guard ClipArtIndex.exists(in: catalog.directory) else { return }
        let index = try ClipArtIndex.load(from: catalog.directory)
        #expect(index.count > 1000)
        let encoder = try #require(Illustrator(modelsDirectory: illustrationModels, cacheDirectory: nil).loadEncoder())
        var query = encoder.embed(["lighthouse"])[0]
        let norm = query.reduce(0) { $0 + $1 * $1 }.squareRoot()
        query = query.map { $0 / norm }
        let best = try #require(index.search(query, name: "lighthouse", limit: 3).first)
        #expect(best.entry.title.lowercased().contains("lighthouse"))
    }
}
