import CPNG
import Foundation

/// PNG decoding through libpng's simplified read API (errors by return value; any colour type
/// and bit depth is converted): to RGB8 (alpha dropped) or to RGBA8 (straight alpha; clip art).
public enum PNGReader {
    /// Refuses images above 64 megapixels before allocating for them.
    public static let maximumPixels = 1 << 26

    /// A PNG or a JPEG (told apart by their signatures), as RGB8.
    public static func readImage(path: String) throws -> RGBImage {
        try decodeFile(path) { JPEGReader.isJPEG($0) ? try JPEGReader.decode($0) : try decode($0) }
    }

    public static func decode(_ bytes: [UInt8]) throws -> RGBImage {
        let (width, height, pixels) = try decode(bytes, channels: 3)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    public static func readRGBA(path: String) throws -> RGBAImage {
        try decodeFile(path) {
            let (width, height, pixels) = try decode($0, channels: 4)
            return RGBAImage(width: width, height: height, pixels: pixels)
        }
    }

    /// Reads the file at `path` and decodes it, naming the path in any error.
    static func decodeFile<Image>(_ path: String, _ decode: ([UInt8]) throws -> Image) throws -> Image {
        guard let data = FileManager.default.contents(atPath: path) else { throw PNGError(description: "cannot read \(path)") }
        do {
            return try decode([UInt8](data))
        } catch let error as PNGError {
            throw PNGError(description: "\(path): \(error.description)")
        }
    }

    static func decode(_ bytes: [UInt8], channels: Int) throws -> (Int, Int, [UInt8]) {
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&png, $0.baseAddress, $0.count) != 0 }
        guard begun else { throw PNGError(description: "not a readable PNG (\(message(png)))") }
        defer { png_image_free(&png) }
        let width = Int(png.width), height = Int(png.height)
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= maximumPixels,
              !width.multipliedReportingOverflow(by: height).overflow
        else { throw PNGError(description: "image size \(width)×\(height) is out of range") }
        png.format = channels == 4 ? png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA) : png_uint_32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let finished = pixels.withUnsafeMutableBytes { out in
            png_image_finish_read(&png, nil, out.baseAddress, Int32(width * channels), nil) != 0
        }
        guard finished else { throw PNGError(description: "cannot decode PNG (\(message(png)))") }
        return (width, height, pixels)
    }

    static func message(_ png: png_image) -> String {
        withUnsafeBytes(of: png.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
