import Foundation
import Testing
@testable import Illustrate

@Suite struct ComposerTests {
    let table = SceneComposer.Slot(x: 400, bottom: 450, height: 200, aspect: 1.5, copies: 1, flies: false)
    let cat = SceneComposer.Slot(x: 100, bottom: 400, height: 150, aspect: 1, copies: 1, flies: false)

    @Test func relationsPlaceOneSubjectByAnother() {
        let under = SceneComposer.place(cat, relation: .under, to: table, width: 768, height: 512)
        #expect(under.x == table.x && under.bottom == table.bottom && under.height <= table.height * 0.5)
        let on = SceneComposer.place(cat, relation: .on, to: table, width: 768, height: 512)
        #expect(on.x == table.x && on.bottom < table.bottom && on.bottom > table.top)
        let left = SceneComposer.place(cat, relation: .leftOf, to: table, width: 768, height: 512)
        #expect(left.x + left.width / 2 <= table.x - table.width / 2 && left.bottom == table.bottom)
        let right = SceneComposer.place(cat, relation: .rightOf, to: table, width: 768, height: 512)
        #expect(right.x - right.width / 2 >= table.x + table.width / 2 - 1)
        let over = SceneComposer.place(cat, relation: .over, to: table, width: 768, height: 512)
        #expect(over.bottom <= table.top)
        #expect(SceneComposer.place(cat, relation: .inFrontOf, to: table, width: 768, height: 512).bottom > table.bottom)
        #expect(SceneComposer.place(cat, relation: .behind, to: table, width: 768, height: 512).bottom < table.bottom)
        #expect(SceneComposer.sameThing("wooden table", "table") && SceneComposer.sameThing("balloon", "balloons"))
    }

    @Test func placeholderCardShowsTheName() {
        let card = PlaceholderCard.image(label: "windmill?", scale: 2)
        #expect(card.width > card.height)
        let dark = stride(from: 0, to: card.pixels.count, by: 4).filter { card.pixels[$0] < 100 && card.pixels[$0 + 3] == 255 }.count
        #expect(dark > 9 * 20)  // the letters
    }

    @Test func svgIsRenderedAtTheRequestedSize() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="0" y="0" width="20" height="20" fill="#ff0000"/></svg>"##.utf8)
            .write(to: file)
        let image = try #require(SVGRasterizer.render(path: file.path, height: 200))
        #expect(image.width == 400 && image.height == 200)
        let inside = (100 * image.width + 100) * 4, outside = (100 * image.width + 300) * 4
        #expect(Array(image.pixels[inside..<inside + 4]) == [255, 0, 0, 255])
        #expect(image.pixels[outside + 3] == 0)
        #expect(SVGRasterizer.render(path: "/nonexistent.svg", height: 10) == nil)
        try Data("not an svg".utf8).write(to: file)
        #expect(SVGRasterizer.render(path: file.path, height: 10) == nil)
    }
}
