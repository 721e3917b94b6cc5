import Foundation
import Illustrate
import Testing

/// Style images may be JPEGs (`--style-image painting.jpg`, `| style-image: ./painting.jpg`).
@Suite struct JPEGReaderTests {
    /// 16×12, left half red (200, 40, 40), right half blue (40, 40, 200), quality 95 (made with Pillow).
    static let tiny = [UInt8](Data(base64Encoded: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABwj/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABwj/xAAZEQACAwEAAAAAAAAAAAAAAAAACEWEw8T/2gAMAwEAAhEDEQA/AJfA54A5qT2brdBQzUw9jA//2Q==") ?? Data())

    @Test func decodesSizeAndColours() throws {
        #expect(JPEGReader.isJPEG(Self.tiny))
        let image = try JPEGReader.decode(Self.tiny)
        #expect(image.width == 16 && image.height == 12)
        let left = Array(image.pixels[(6 * 16 + 2) * 3..<(6 * 16 + 2) * 3 + 3]).map(Int.init)
        let right = Array(image.pixels[(6 * 16 + 13) * 3..<(6 * 16 + 13) * 3 + 3]).map(Int.init)
        #expect(abs(left[0] - 200) < 16 && abs(left[2] - 40) < 16)
        #expect(abs(right[0] - 40) < 16 && abs(right[2] - 200) < 16)
    }

    @Test func damagedOrHugeJPEGsAreErrorsNotCrashes() throws {
        #expect(throws: PNGError.self) { try JPEGReader.decode(Array(Self.tiny.prefix(120))) }
        #expect(throws: PNGError.self) { try JPEGReader.decode([0xFF, 0xD8, 0xFF]) }
        // The frame header (SOF0, FF C0) declares 60000 × 60000: refused before any allocation.
        var huge = Self.tiny
        let sof = try #require((0..<(huge.count - 1)).first { huge[$0] == 0xFF && huge[$0 + 1] == 0xC0 })
        huge[sof + 5] = 0xEA; huge[sof + 6] = 0x60; huge[sof + 7] = 0xEA; huge[sof + 8] = 0x60
        #expect(throws: PNGError.self) { try JPEGReader.decode(huge) }
    }

    @Test func readImageTellsPNGFromJPEG() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-jpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jpeg = directory.appendingPathComponent("painting.jpg")
        try Data(Self.tiny).write(to: jpeg)
        #expect(try PNGReader.readImage(path: jpeg.path).width == 16)
        let png = directory.appendingPathComponent("painting.png")
        try Data(try PNGWriter.encode(RGBImage(width: 2, height: 1, pixels: [1, 2, 3, 4, 5, 6]), text: [])).write(to: png)
        #expect(try PNGReader.readImage(path: png.path).pixels == [1, 2, 3, 4, 5, 6])
        let text = directory.appendingPathComponent("notes.jpg")
        try Data("not an image".utf8).write(to: text)
        #expect(throws: PNGError.self) { try PNGReader.readImage(path: text.path) }
    }
}
