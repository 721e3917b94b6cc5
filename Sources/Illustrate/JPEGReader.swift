import CJPEG
import Foundation

/// JPEG decoding through libjpeg-turbo (style images are usually photographs of paintings).
public enum JPEGReader {
    /// Whether `bytes` start like a JPEG (SOI marker).
    public static func isJPEG(_ bytes: [UInt8]) -> Bool { bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF }

    public static func decode(_ bytes: [UInt8]) throws -> RGBImage {
        var error = [CChar](repeating: 0, count: 256)
        var width: Int32 = 0, height: Int32 = 0
        let sized = bytes.withUnsafeBufferPointer { tk_jpeg_size($0.baseAddress, $0.count, &width, &height, &error, error.count) }
        guard sized == 0 else { throw PNGError(description: "not a readable JPEG (\(text(error)))") }
        let w = Int(width), h = Int(height)
        // Checked before allocating: a small file can declare a huge image.
        guard w > 0, h > 0, w * h <= PNGReader.maximumPixels else { throw PNGError(description: "image size \(w)×\(h) is out of range") }
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        let decoded = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { out in
                tk_jpeg_decode_rgb(input.baseAddress, input.count, out.baseAddress, width, height, &error, error.count)
            }
        }
        guard decoded == 0 else { throw PNGError(description: "cannot decode JPEG (\(text(error)))") }
        return RGBImage(width: w, height: h, pixels: pixels)
    }

    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
