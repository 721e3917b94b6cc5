import Foundation

/// The styles the networks cannot give, done by image operations of our own on the composed
/// scene: all deterministic (noise comes from SplitMix64 with the request's seed).
public enum ImageStyles {
    public enum Operation: String, Sendable, CaseIterable {
        case watercolour, pixelArt, inkSketch, flatPoster
    }

    public static func apply(_ operation: Operation, to image: PlanarImage, seed: UInt64) -> PlanarImage {
        switch operation {
        case .watercolour: watercolour(image, seed: seed)
        case .pixelArt: pixelArt(image)
        case .inkSketch: inkSketch(image)
        case .flatPoster: flatPoster(image)
        }
    }

    /// Blocks of about 1/72 of the shorter side, averaged, reduced to a 16-colour palette
    /// (k-means on the blocks), scaled back up by repetition.
    static func pixelArt(_ image: PlanarImage) -> PlanarImage {
        let block = max(2, min(image.width, image.height) / 72)
        let sw = max(1, image.width / block), sh = max(1, image.height / block)
        let small = image.areaResized(width: sw, height: sh)
        let (palette, labels) = kMeans(small, colours: 16, iterations: 8)
        var out = PlanarImage(width: image.width, height: image.height)
        let plane = image.width * image.height
        for y in 0..<image.height {
            let sy = min(sh - 1, y * sh / image.height)
            for x in 0..<image.width {
                let sx = min(sw - 1, x * sw / image.width)
                let colour = palette[labels[sy * sw + sx]]
                for c in 0..<3 { out.values[c * plane + y * image.width + x] = colour[c] }
            }
        }
        return out
    }

    /// Black lines where the (slightly smoothed) image has edges, diagonal hatching in the darker
    /// tones and cross-hatching in the darkest, on off-white paper.
    static func inkSketch(_ image: PlanarImage) -> PlanarImage {
        let w = image.width, h = image.height, plane = w * h
        let smooth = image.boxBlurred(radius: max(1, min(w, h) / 400), passes: 2)
        let edges = smooth.edgeMagnitude()
        let luminance = smooth.luminance()
        let spacing = max(4, min(w, h) / 90)
        let paper: SIMD3<Float> = [0.98, 0.97, 0.93], ink: SIMD3<Float> = [0.08, 0.08, 0.12]
        var out = PlanarImage(width: w, height: h)
        // Tones relative to the picture's own mean, so that a dusk sky is not hatched all over.
        let mean = luminance.reduce(0, +) / Float(max(plane, 1))
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                var darkness = smoothstep(0.08, 0.3, edges[i])
                let l = luminance[i]
                if l < mean * 0.75 && (x + y) % spacing == 0 { darkness = max(darkness, 0.55) }
                if l < mean * 0.5 && (x - y + 4 * h) % spacing == 0 { darkness = max(darkness, 0.7) }
                if l < mean * 0.3 && (x + y) % spacing == spacing / 2 { darkness = max(darkness, 0.7) }
                let colour = paper + (ink - paper) * darkness
                for c in 0..<3 { out.values[c * plane + i] = colour[c] }
            }
        }
        return out
    }

    /// Six flat colours (k-means after a blur, saturation raised) with dark outlines where the
    /// colour changes.
    static func flatPoster(_ image: PlanarImage) -> PlanarImage {
        let w = image.width, h = image.height, plane = w * h
        var smooth = image.boxBlurred(radius: max(1, min(w, h) / 200), passes: 2)
        for i in 0..<plane {
            let mean = (smooth.values[i] + smooth.values[plane + i] + smooth.values[2 * plane + i]) / 3
            for c in 0..<3 { smooth.values[c * plane + i] = min(1, max(0, mean + (smooth.values[c * plane + i] - mean) * 1.4)) }
        }
        let sample = smooth.areaResized(width: max(1, w / 4), height: max(1, h / 4))
        let (palette, _) = kMeans(sample, colours: 6, iterations: 8)
        var labels = [Int](repeating: 0, count: plane)
        for i in 0..<plane { labels[i] = nearest(SIMD3(smooth.values[i], smooth.values[plane + i], smooth.values[2 * plane + i]), palette) }
        var out = PlanarImage(width: w, height: h)
        let outline = max(1, min(w, h) / 300)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                var colour = palette[labels[i]]
                let right = labels[y * w + min(w - 1, x + outline)], below = labels[min(h - 1, y + outline) * w + x]
                if right != labels[i] || below != labels[i] { colour = palette[labels[i]] * 0.25 }
                for c in 0..<3 { out.values[c * plane + i] = colour[c] }
            }
        }
        return out
    }

    /// Colour blurred into soft washes, lightened towards the paper, darker where a wash meets
    /// another (pigment gathers at a wet edge), faint pencil lines, and paper grain.
    static func watercolour(_ image: PlanarImage, seed: UInt64) -> PlanarImage {
        let w = image.width, h = image.height, plane = w * h
        let radius = max(1, min(w, h) / 160)
        let wash = image.boxBlurred(radius: radius, passes: 3)
        let wider = wash.boxBlurred(radius: radius * 3, passes: 2)
        let pencil = image.boxBlurred(radius: 1, passes: 1).edgeMagnitude()
        let grain = PlanarImage.valueNoise(width: w, height: h, cell: max(2, min(w, h) / 160), seed: seed)
        let blotches = PlanarImage.valueNoise(width: w, height: h, cell: max(8, min(w, h) / 12), seed: seed &+ 1)
        var out = PlanarImage(width: w, height: h)
        let paper: SIMD3<Float> = [0.99, 0.98, 0.95]
        for i in 0..<plane {
            var edge: Float = 0
            for c in 0..<3 { edge += abs(wash.values[c * plane + i] - wider.values[c * plane + i]) }
            let pale: Float = 0.3 + 0.15 * blotches[i]
            let darken = 1 - min(0.35, edge * 0.9)
            let texture = 0.94 + 0.08 * grain[i]
            let line = smoothstep(0.15, 0.5, pencil[i]) * 0.35
            for c in 0..<3 {
                var v = wash.values[c * plane + i]
                v = v + (paper[c] - v) * pale
                v *= darken * texture
                v = v * (1 - line) + 0.25 * line
                out.values[c * plane + i] = min(1, max(0, v))
            }
        }
        return out
    }

    static func smoothstep(_ a: Float, _ b: Float, _ x: Float) -> Float {
        let t = min(1, max(0, (x - a) / (b - a)))
        return t * t * (3 - 2 * t)
    }

    static func nearest(_ colour: SIMD3<Float>, _ palette: [SIMD3<Float>]) -> Int {
        var best = 0, bestDistance = Float.infinity
        for (k, p) in palette.enumerated() {
            let d = colour - p
            let distance = (d * d).sum()
            if distance < bestDistance { bestDistance = distance; best = k }
        }
        return best
    }

    /// Lloyd's k-means over the pixels, started from colours spread evenly through the pixels
    /// sorted by luminance (deterministic, no random start).
    static func kMeans(_ image: PlanarImage, colours: Int, iterations: Int) -> (palette: [SIMD3<Float>], labels: [Int]) {
        let plane = image.width * image.height
        let pixels = (0..<plane).map { SIMD3(image.values[$0], image.values[plane + $0], image.values[2 * plane + $0]) }
        let byLuminance = pixels.indices.sorted {
            let a = pixels[$0], b = pixels[$1]
            let la = 0.299 * a.x + 0.587 * a.y + 0.114 * a.z, lb = 0.299 * b.x + 0.587 * b.y + 0.114 * b.z
            return la != lb ? la < lb : $0 < $1
        }
        let k = min(colours, plane)
        var palette = (0..<k).map { pixels[byLuminance[($0 * 2 + 1) * plane / (2 * k)]] }
        var labels = [Int](repeating: 0, count: plane)
        for _ in 0..<iterations {
            var sums = [SIMD3<Float>](repeating: .zero, count: k), counts = [Int](repeating: 0, count: k)
            for (i, p) in pixels.enumerated() {
                let label = nearest(p, palette)
                labels[i] = label
                sums[label] += p
                counts[label] += 1
            }
            for j in 0..<k where counts[j] > 0 { palette[j] = sums[j] / Float(counts[j]) }
        }
        for (i, p) in pixels.enumerated() { labels[i] = nearest(p, palette) }
        return (palette, labels)
    }
}

extension PlanarImage {
    /// Box blur of the given radius, repeated `passes` times (three passes approach a Gaussian);
    /// edges clamp.
    func boxBlurred(radius: Int, passes: Int) -> PlanarImage {
        guard radius > 0 else { return self }
        var values = self.values
        var scratch = [Float](repeating: 0, count: max(width, height))
        let plane = width * height
        for _ in 0..<passes {
            for c in 0..<3 {
                let base = c * plane
                for y in 0..<height {
                    Self.blurLine(&values, start: base + y * width, stride: 1, count: width, radius: radius, scratch: &scratch)
                }
                for x in 0..<width {
                    Self.blurLine(&values, start: base + x, stride: width, count: height, radius: radius, scratch: &scratch)
                }
            }
        }
        return PlanarImage(width: width, height: height, values: values)
    }

    static func blurLine(_ values: inout [Float], start: Int, stride: Int, count: Int, radius: Int, scratch: inout [Float]) {
        for i in 0..<count { scratch[i] = values[start + i * stride] }
        var sum: Float = 0
        for k in -radius...radius { sum += scratch[min(count - 1, max(0, k))] }
        let scale = 1 / Float(2 * radius + 1)
        for i in 0..<count {
            values[start + i * stride] = sum * scale
            sum += scratch[min(count - 1, i + radius + 1)] - scratch[max(0, i - radius)]
        }
    }

    func luminance() -> [Float] {
        let plane = width * height
        return (0..<plane).map { 0.299 * values[$0] + 0.587 * values[plane + $0] + 0.114 * values[2 * plane + $0] }
    }

    /// Sobel gradient magnitude, the largest over the three channels (so a red shape on a green
    /// field of the same luminance still has an edge).
    func edgeMagnitude() -> [Float] {
        let plane = width * height
        var out = [Float](repeating: 0, count: plane)
        for c in 0..<3 {
            let base = c * plane
            for y in 0..<height {
                let ym = max(0, y - 1), yp = min(height - 1, y + 1)
                for x in 0..<width {
                    let xm = max(0, x - 1), xp = min(width - 1, x + 1)
                    func v(_ xx: Int, _ yy: Int) -> Float { values[base + yy * width + xx] }
                    let gx = (v(xp, ym) + 2 * v(xp, y) + v(xp, yp)) - (v(xm, ym) + 2 * v(xm, y) + v(xm, yp))
                    let gy = (v(xm, yp) + 2 * v(x, yp) + v(xp, yp)) - (v(xm, ym) + 2 * v(x, ym) + v(xp, ym))
                    out[y * width + x] = max(out[y * width + x], (gx * gx + gy * gy).squareRoot() / 4)
                }
            }
        }
        return out
    }

    /// Average over source boxes (for shrinking; exact for integer factors).
    func areaResized(width newWidth: Int, height newHeight: Int) -> PlanarImage {
        var out = PlanarImage(width: newWidth, height: newHeight)
        let plane = width * height, newPlane = newWidth * newHeight
        for y in 0..<newHeight {
            let y0 = y * height / newHeight, y1 = max(y0 + 1, (y + 1) * height / newHeight)
            for x in 0..<newWidth {
                let x0 = x * width / newWidth, x1 = max(x0 + 1, (x + 1) * width / newWidth)
                let scale = 1 / Float((y1 - y0) * (x1 - x0))
                for c in 0..<3 {
                    var sum: Float = 0
                    for yy in y0..<y1 { for xx in x0..<x1 { sum += values[c * plane + yy * width + xx] } }
                    out.values[c * newPlane + y * newWidth + x] = sum * scale
                }
            }
        }
        return out
    }

    /// Smooth noise in 0…1: random values on a grid of `cell` pixels, bilinearly interpolated.
    static func valueNoise(width: Int, height: Int, cell: Int, seed: UInt64) -> [Float] {
        var random = SplitMix64(seed: seed ^ 0x6E6F_6973_6521)
        let gw = width / cell + 2, gh = height / cell + 2
        let grid = (0..<(gw * gh)).map { _ in random.uniform(0...1) }
        var out = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            let fy = Float(y) / Float(cell), y0 = Int(fy), ty = fy - Float(y0)
            for x in 0..<width {
                let fx = Float(x) / Float(cell), x0 = Int(fx), tx = fx - Float(x0)
                let a = grid[y0 * gw + x0], b = grid[y0 * gw + x0 + 1], c = grid[(y0 + 1) * gw + x0], d = grid[(y0 + 1) * gw + x0 + 1]
                out[y * width + x] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
            }
        }
        return out
    }
}
