/// An 8-bit RGBA image with straight (not premultiplied) alpha, rows top to bottom, 4 bytes a
/// pixel: clip art as PNGReader.readRGBA gives it.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "pixel count does not match \(width)×\(height)×4")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The smallest rectangle holding every pixel with alpha above `threshold`; nil when none.
    public func opaqueBounds(threshold: UInt8 = 8) -> (x: Int, y: Int, width: Int, height: Int)? {
        var x0 = width, y0 = height, x1 = -1, y1 = -1
        for y in 0..<height {
            for x in 0..<width where pixels[(y * width + x) * 4 + 3] > threshold {
                x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
            }
        }
        return x1 < 0 ? nil : (x0, y0, x1 - x0 + 1, y1 - y0 + 1)
    }

    /// Fraction of the border pixels that are transparent: clip art drawn on its own is near 1,
    /// a picture with a painted background near 0.
    public var transparentBorderFraction: Float {
        var transparent = 0, total = 0
        for x in 0..<width { for y in [0, height - 1] { total += 1; if pixels[(y * width + x) * 4 + 3] < 16 { transparent += 1 } } }
        for y in 0..<height { for x in [0, width - 1] { total += 1; if pixels[(y * width + x) * 4 + 3] < 16 { transparent += 1 } } }
        return Float(transparent) / Float(max(total, 1))
    }
}
