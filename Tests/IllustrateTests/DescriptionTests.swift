import Foundation
import Testing
@testable import Illustrate

@Suite struct DescriptionTests {
    @Test func svgMetadataIsRead() throws {
        let svg = """
            <svg><metadata><rdf:RDF><cc:Work rdf:about="">
            <dc:title>Red &amp; white lighthouse</dc:title><dc:description>A striped tower</dc:description>
            <dc:subject><rdf:Bag><rdf:li>lighthouse</rdf:li><rdf:li>Jane Doe</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>
            <dc:creator><cc:Agent><dc:title>Jane Doe</dc:title></cc:Agent></dc:creator>
            </cc:Work></rdf:RDF></metadata><path d="M0 0"/></svg>
            """
        let metadata = try #require(ClipArtMetadata(svg: svg))
        #expect(metadata.title == "Red & white lighthouse")
        #expect(metadata.keywords == ["lighthouse", "sea"])
        #expect(metadata.sentence == "Red & white lighthouse. A striped tower. lighthouse, sea")
        #expect(ClipArtMetadata(svg: "<svg/>") == nil)
    }

    @Test func catalogCoversEveryNetworkStyleOnce() {
        let networkStyles = StyleCatalog.styles.compactMap { if case .network(let i) = $0.kind { i } else { nil } }
        #expect(networkStyles.sorted() == Array(0..<StyleTable.styleCount))
        #expect(Set(StyleCatalog.styles.map(\.name)).count == StyleCatalog.styles.count)
        #expect(ImageStyles.Operation.allCases.allSatisfy { op in StyleCatalog.styles.contains { $0.kind == .operation(op) } })
    }
}

@Suite struct ImageStyleTests {
    /// A small scene with a shape on it, so edges and flat areas both exist.
    static let scene: PlanarImage = {
        var canvas = Canvas(image: ProceduralScene.render(SceneDescription("a meadow at sunset"), width: 96, height: 64, seed: 5))
        canvas.disc(x: 48, y: 40, radius: 14, colour: [0.8, 0.1, 0.1], opacity: 1)
        return canvas.image
    }()

    @Test func pixelArtIsBlockyWithFewColours() {
        let out = ImageStyles.apply(.pixelArt, to: Self.scene, seed: 0)
        let plane = out.width * out.height
        let colours = Set((0..<plane).map { [out.values[$0], out.values[plane + $0], out.values[2 * plane + $0]] })
        #expect(colours.count <= 16)
        // Blocks of 2 pixels (64 / 72 rounds up to the minimum): neighbours in a block agree.
        #expect(out.values[0] == out.values[1])
    }

    @Test func inkSketchIsMonochromeAndLightOnAverage() {
        let out = ImageStyles.apply(.inkSketch, to: Self.scene, seed: 0)
        let plane = out.width * out.height
        let chroma: Float = (0..<plane).map { i -> Float in
            let rgb = [out.values[i], out.values[plane + i], out.values[2 * plane + i]]
            return (rgb.max() ?? 0) - (rgb.min() ?? 0)
        }.max() ?? 1
        #expect(chroma < 0.06)
        #expect(out.values.reduce(0, +) / Float(out.values.count) > 0.6)
    }

    @Test func theOperationsLookDifferentAndAreDeterministic() {
        let outputs = ImageStyles.Operation.allCases.map { ImageStyles.apply($0, to: Self.scene, seed: 3) }
        for a in outputs.indices {
            for b in outputs.indices where b > a {
                let mad = zip(outputs[a].values, outputs[b].values).reduce(Float(0)) { $0 + abs($1.0 - $1.1) } / Float(outputs[a].values.count)
                #expect(mad > 0.04, "\(ImageStyles.Operation.allCases[a]) vs \(ImageStyles.Operation.allCases[b])")
            }
            #expect(outputs[a].values.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        #expect(ImageStyles.apply(.watercolour, to: Self.scene, seed: 3).values == outputs[0].values)
    }

    @Test func rgbaPNGKeepsAlphaAndCompositesOver() throws {
        // A 2×1 RGBA PNG written by hand through libpng is more than this needs: build the image
        // directly and check the premultiplied resampling and the compositing.
        let clip = RGBAImage(width: 2, height: 1, pixels: [255, 0, 0, 255, 0, 0, 255, 0])
        let bounds = try #require(clip.opaqueBounds())
        #expect(bounds.x == 0 && bounds.y == 0 && bounds.width == 1 && bounds.height == 1)
        let resampled = clip.resampled(width: 1, height: 1)
        #expect(abs(resampled[0].x - 0.5) < 1e-6 && abs(resampled[0].w - 0.5) < 1e-6 && resampled[0].z == 0)
        var image = PlanarImage(width: 1, height: 1, values: [0, 1, 0])
        image.composite(resampled, width: 1, x: 0, y: 0, light: [1, 1, 1])
        #expect(image.values == [0.5, 0.5, 0])
    }
}
