import Foundation
import Testing
@testable import Illustrate
import Models

@Suite struct EmojiTests {
    @Test func namesComeFromTheTestFileWithoutFacesHandsOrSkinTones() {
        let text = """
            # group: Smileys & Emotion
            # subgroup: face-smiling
            1F600                                                  ; fully-qualified     # 😀 E1.0 grinning face
            # group: Travel & Places
            # subgroup: transport-ground
            1F69C                                                  ; fully-qualified     # 🚜 E1.0 tractor
            # group: People & Body
            # subgroup: hands
            1F44F                                                  ; fully-qualified     # 👏 E0.6 clapping hands
            # subgroup: person-role
            1F9D1 200D 1F680                                       ; fully-qualified     # 🧑‍🚀 E12.1 astronaut
            1F9D1 1F3FB 200D 1F680                                 ; fully-qualified     # 🧑🏻‍🚀 E12.1 astronaut: light skin tone
            """
        let names = EmojiClips.names(inTestFile: text)
        #expect(names.map(\.name) == ["tractor", "astronaut"])
        #expect(names.last?.scalars == [0x1F9D1, 0x200D, 0x1F680])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: EmojiFont.debianPath), "fonts-noto-color-emoji not installed"))
    func theFontGivesAPictureForACodePointAndForAJoinedSequence() throws {
        let font = try EmojiFont(path: EmojiFont.debianPath)
        // A tractor, an astronaut (person, ZWJ, rocket: a GSUB ligature), a snowman with its variation selector.
        for sequence: [UInt32] in [[0x1F69C], [0x1F9D1, 0x200D, 0x1F680], [0x2603, 0xFE0F]] {
            let glyph = try #require(font.glyph(for: sequence))
            let png = try #require(font.png(glyph: glyph))
            let (width, height, pixels) = try PNGReader.decode(png, channels: 4)
            #expect(width >= 100 && height >= 100)
            let alphas = stride(from: 3, to: pixels.count, by: 4).map { pixels[$0] }
            #expect(alphas.contains(0) && alphas.contains(255))
        }
        #expect(font.glyph(for: [0x1F9D1, 0x200D, 0x1F69C]) == nil)  // no such ligature
        // A cut-off font is refused, not read past its end.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-\(UUID().uuidString).ttf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(font.bytes.prefix(4096)).write(to: file)
        #expect(throws: IllustrationError.self) { try EmojiFont(path: file.path) }
    }

    @Test func emojiAreEnlargedSharply() {
        // Black on the left, white on the right, enlarged four times: bicubic keeps the edge narrower than bilinear,
        // and its overshoot is clipped (colour within 0…alpha).
        let pixels: [UInt8] = (0..<16).flatMap { i -> [UInt8] in i % 4 < 2 ? [0, 0, 0, 255] : [255, 255, 255, 255] }
        let image = RGBAImage(width: 4, height: 4, pixels: pixels)
        let soft = image.resampled(width: 16, height: 16), sharp = image.resampled(width: 16, height: 16, sharp: true)
        func greys(_ row: ArraySlice<SIMD4<Float>>) -> Int { row.filter { $0.x > 0.1 && $0.x < 0.9 }.count }
        #expect(greys(sharp.prefix(16)) < greys(soft.prefix(16)))
        #expect(sharp.allSatisfy { $0.x >= 0 && $0.x <= $0.w && $0.w <= 1 })
    }

    @Test func anEmojiStandsForASubjectOnlyWhenItNamesIt() {
        func match(_ title: String, score: Float = 0.4) -> ClipArtIndex.Match {
            ClipArtIndex.Match(entry: .init(path: "x.png", title: title, keywords: []), index: 0, score: score, headMatched: false)
        }
        #expect(EmojiClips.stands(match("tractor"), for: .init(name: "red tractor")))
        #expect(EmojiClips.stands(match("two-hump camel"), for: .init(name: "camel")))
        #expect(!EmojiClips.stands(match("closed mailbox with raised flag"), for: .init(name: "flag")))
        #expect(!EmojiClips.stands(match("balloon", score: 0.7), for: .init(name: "hot air balloon")))
        #expect(EmojiClips.stands(match("coat"), for: .init(name: "yellow raincoat")))
        #expect(!EmojiClips.stands(match("ant", score: 0.7), for: .init(name: "antelope")))
        #expect(!EmojiClips.stands(match("ship", score: 0.7), for: .init(name: "spaceship")))
    }
}
