import Foundation
import Testing
@testable import Illustrate

@Suite struct PNGWriterTests {
    let image = RGBImage(width: 3, height: 2, pixels: (0..<18).map { UInt8($0 * 14) })

    @Test func encodesDeterministicallyWithTextChunks() throws {
        let a = try PNGWriter.encode(image, text: [("Description", "a sea at night"), ("Seed", "7")])
        let b = try PNGWriter.encode(image, text: [("Description", "a sea at night"), ("Seed", "7")])
        #expect(a == b)
        #expect(Array(a.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // The first tEXt chunk follows IHDR at byte 33: length, type, keyword NUL text, CRC.
        let text = Array("Description".utf8) + [0] + Array("a sea at night".utf8)
        #expect(Array(a[33..<37]) == PNGWriter.bigEndian(UInt32(text.count)))
        #expect(Array(a[37..<41]) == Array("tEXt".utf8))
        #expect(Array(a[41..<(41 + text.count)]) == text)
        #expect(Array(a.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test func crcMatchesTheKnownIENDValue() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func decodesBackThroughLibpng() throws {
        let bytes = try PNGWriter.encode(image, text: [("Seed", "1")])
        let decoded = try PNGReader.decode(bytes)
        #expect(decoded == image)
    }

    @Test func refusesAnEmptyKeyword() {
        #expect(throws: PNGError.self) { try PNGWriter.encode(image, text: [("", "x")]) }
    }
}
