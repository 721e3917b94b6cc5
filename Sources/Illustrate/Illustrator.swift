import Foundation
import ModelFormats
import Models

/// What to draw.
public struct IllustrationRequest: Sendable {
    public var description: String
    public var width = 512
    public var height = 512
    public var seed: UInt64 = 0
    /// A PNG whose style replaces the style words (arbitrary-style networks).
    public var styleImagePath: String?

    public init(description: String) { self.description = description }

    public static let sideRange = 32...4096
}

public struct IllustrationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Description → procedural scene → stylised image. For now the scene is `ProceduralScene`
/// and the style comes from `StyleTable` (or a style image); scene composition from clip art
/// comes later.
public struct Illustrator: Sendable {
    public let catalog: ModelCatalog

    public init(modelsDirectory: String? = nil) {
        catalog = ModelCatalog(directory: modelsDirectory)
    }

    public func render(_ request: IllustrationRequest) throws -> (image: RGBImage, styleWords: [String]) {
        guard IllustrationRequest.sideRange.contains(request.width), IllustrationRequest.sideRange.contains(request.height) else {
            throw IllustrationError("size \(request.width)x\(request.height) is out of range; each side must be \(IllustrationRequest.sideRange.lowerBound) to \(IllustrationRequest.sideRange.upperBound)")
        }
        let scene = ProceduralScene.render(SceneDescription(request.description), width: request.width, height: request.height, seed: request.seed)
        if let stylePath = request.styleImagePath {
            let style = PlanarImage(try PNGReader.read(path: stylePath))
            let networks = try ArbitraryStyleNetworks(predictPath: try modelPath("style-predict"), transformPath: try modelPath("style-transform"))
            return (try networks.stylize(scene, styleVector: try networks.styleVector(style)).rgb8, [])
        }
        let choice = StyleTable.choose(for: request.description)
        let network = try MultiStyleNetwork(path: try modelPath("style"))
        return (try network.stylizeTiled(scene, weights: choice.weights).rgb8, choice.words)
    }

    /// Renders and writes a PNG whose tEXt chunks record the description and seed.
    public func write(_ request: IllustrationRequest, to path: String) throws -> [String] {
        let (image, words) = try render(request)
        try PNGWriter.write(image, to: path, text: [("Description", request.description), ("Seed", String(request.seed))])
        return words
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
