import CPNG
import Foundation

/// An 8-bit RGB image, rows top to bottom, 3 bytes a pixel.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "pixel count does not match \(width)×\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

public struct PNGError: Error, CustomStringConvertible {
    public let description: String
}

/// PNG encoding through libpng's simplified write API (which reports errors by return value,
/// not longjmp, so it is safe to call from Swift), plus `tEXt` chunks spliced in after IHDR.
/// The same pixels and text always give the same bytes: no time chunk, fixed settings.
public enum PNGWriter {
    public static func encode(_ image: RGBImage, text: [(key: String, value: String)] = []) throws -> [UInt8] {
        guard image.width <= Int(Int32.max / 3), image.height <= Int(Int32.max) else { throw PNGError(description: "image too large for PNG") }
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        png.width = png_uint_32(image.width)
        png.height = png_uint_32(image.height)
        png.format = png_uint_32(PNG_FORMAT_RGB)
        let stride = Int32(image.width * 3)
        var size: png_alloc_size_t = 0
        var encoded: [UInt8] = []
        let ok = image.pixels.withUnsafeBytes { pixels -> Bool in
            guard png_image_write_to_memory(&png, nil, &size, 0, pixels.baseAddress, stride, nil) != 0 else { return false }
            encoded = [UInt8](repeating: 0, count: Int(size))
            return encoded.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&png, out.baseAddress, &size, 0, pixels.baseAddress, stride, nil) != 0
            }
        }
        guard ok else {
            let message = withUnsafeBytes(of: png.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&png)
            throw PNGError(description: "libpng: \(message)")
        }
        encoded.removeSubrange(Int(size)...)
        // Signature (8 bytes) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
        let afterHeader = 33
        guard encoded.count > afterHeader, Array(encoded[12..<16]) == Array("IHDR".utf8) else {
            throw PNGError(description: "libpng wrote an unexpected header")
        }
        var chunks: [UInt8] = []
        for (key, value) in text { chunks += try textChunk(key: key, value: value) }
        encoded.insert(contentsOf: chunks, at: afterHeader)
        return encoded
    }

    public static func write(_ image: RGBImage, to path: String, text: [(key: String, value: String)] = []) throws {
        let bytes = try encode(image, text: text)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw PNGError(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// tEXt: keyword (1–79 Latin-1 bytes), NUL, text (Latin-1). Characters outside Latin-1 become '?'.
    static func textChunk(key: String, value: String) throws -> [UInt8] {
        func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { $0.value < 256 && $0.value != 0 ? UInt8($0.value) : UInt8(ascii: "?") } }
        let keyword = latin1(key)
        guard (1...79).contains(keyword.count) else { throw PNGError(description: "tEXt keyword must be 1 to 79 characters") }
        let data = keyword + [0] + latin1(value)
        let type = Array("tEXt".utf8)
        var chunk = bigEndian(UInt32(data.count)) + type + data
        chunk += bigEndian(CRC32.checksum(type + data))
        return chunk
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
}

/// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as PNG chunks use it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
