/// A float RGB image in planar (CHW) layout with values in 0…1 — what the networks take.
public struct PlanarImage: Sendable {
    public let width: Int
    public let height: Int
    /// Three planes of `width × height`: red, green, blue.
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == 3 * width * height, "values do not match \(width)×\(height)×3")
        self.width = width
        self.height = height
        self.values = values
    }

    public init(width: Int, height: Int) {
        self.init(width: width, height: height, values: [Float](repeating: 0, count: 3 * width * height))
    }

    public init(_ image: RGBImage) {
        var values = [Float](repeating: 0, count: 3 * image.width * image.height)
        let plane = image.width * image.height
        for i in 0..<plane { for c in 0..<3 { values[c * plane + i] = Float(image.pixels[i * 3 + c]) / 255 } }
        self.init(width: image.width, height: image.height, values: values)
    }

    /// Rounded and clamped to 8 bits (as the reference package does: `clip(x, 0, 1) · 255 + 0.5`).
    public var rgb8: RGBImage {
        let plane = width * height
        var pixels = [UInt8](repeating: 0, count: 3 * plane)
        for i in 0..<plane {
            for c in 0..<3 { pixels[i * 3 + c] = UInt8(min(max(values[c * plane + i], 0), 1) * 255 + 0.5) }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Bilinear resampling (pixel centres aligned), enough for fitting images to a network's size.
    public func resized(width newWidth: Int, height newHeight: Int) -> PlanarImage {
        var out = PlanarImage(width: newWidth, height: newHeight)
        let sx = Float(width) / Float(newWidth), sy = Float(height) / Float(newHeight)
        for c in 0..<3 {
            let src = c * width * height, dst = c * newWidth * newHeight
            for y in 0..<newHeight {
                let fy = max(0, (Float(y) + 0.5) * sy - 0.5)
                let y0 = min(Int(fy), height - 1), y1 = min(y0 + 1, height - 1), wy = fy - Float(y0)
                for x in 0..<newWidth {
                    let fx = max(0, (Float(x) + 0.5) * sx - 0.5)
                    let x0 = min(Int(fx), width - 1), x1 = min(x0 + 1, width - 1), wx = fx - Float(x0)
                    let top = values[src + y0 * width + x0] * (1 - wx) + values[src + y0 * width + x1] * wx
                    let bottom = values[src + y1 * width + x0] * (1 - wx) + values[src + y1 * width + x1] * wx
                    out.values[dst + y * newWidth + x] = top * (1 - wy) + bottom * wy
                }
            }
        }
        return out
    }

    /// The rectangle `x..<x+w`, `y..<y+h` (inside the image).
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> PlanarImage {
        var out = PlanarImage(width: w, height: h)
        for c in 0..<3 {
            for row in 0..<h {
                let src = c * width * height + (y + row) * width + x
                let dst = c * w * h + row * w
                for i in 0..<w { out.values[dst + i] = values[src + i] }
            }
        }
        return out
    }

    /// NHWC with a batch of one, as the arbitrary-style networks take it.
    public var interleaved: [Float] {
        let plane = width * height
        var out = [Float](repeating: 0, count: 3 * plane)
        for i in 0..<plane { for c in 0..<3 { out[i * 3 + c] = values[c * plane + i] } }
        return out
    }

    public init(interleaved: [Float], width: Int, height: Int) {
        let plane = width * height
        var values = [Float](repeating: 0, count: 3 * plane)
        for i in 0..<plane { for c in 0..<3 { values[c * plane + i] = interleaved[i * 3 + c] } }
        self.init(width: width, height: height, values: values)
    }
}
