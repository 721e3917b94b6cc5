import Foundation
import Models

/// The procedural background with clip art on it: the main subject large, standing on the
/// ground in front, up to three secondary subjects smaller and further back (perspective: the
/// nearer the horizon, the smaller), things that fly in the sky. Clips are lit to match the time
/// of day and get a soft contact shadow. Positions come from the seed.
public struct SceneComposer {
    /// A clip chosen for a subject, cropped to its opaque pixels.
    public struct Placement: Sendable {
        public let subject: DescriptionParts.Subject
        public let clip: ClipArtIndex.Entry
        public let score: Float
    }

    let index: ClipArtIndex
    let encoder: SentenceEncoder
    public static let maximumSecondary = 3

    public init(index: ClipArtIndex, encoder: SentenceEncoder) {
        self.index = index
        self.encoder = encoder
    }

    static let airborne: Set<String> = [
        "bird", "birds", "eagle", "gull", "seagull", "seagulls", "plane", "airplane", "aeroplane", "aircraft", "jet",
        "balloon", "kite", "helicopter", "butterfly", "butterflies", "bat", "bats", "cloud", "clouds", "rocket", "ufo",
        "spaceship", "angel", "bee", "dragonfly", "parrot", "dove", "crow", "swallow", "owl", "hawk", "zeppelin",
    ]

    /// The best clips for the subjects (each clip used once), skipping clips painted on their
    /// own background (most of the border opaque). Among clips scoring within 0.03 of the best
    /// usable one, the seed picks.
    public func choose(_ subjects: [DescriptionParts.Subject], random: inout SplitMix64) -> [(Placement, RGBAImage)] {
        var used = Set<String>()
        var chosen: [(Placement, RGBAImage)] = []
        let queries = subjects.prefix(1 + Self.maximumSecondary)
        let vectors = encoder.embed(queries.map(\.query))
        for (subject, vector) in zip(queries, vectors) {
            let norm = max(vector.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
            let matches = index.search(vector.map { $0 / norm }, headWord: subject.head, limit: 16)
            var usable: [(ClipArtIndex.Match, RGBAImage)] = []
            for match in matches where !used.contains(match.entry.path) {
                if let best = usable.first, match.score < best.0.score - 0.03 { break }
                guard let image = try? PNGReader.readRGBA(path: index.absolutePath(of: match.entry)),
                      image.transparentBorderFraction > 0.6, let bounds = image.opaqueBounds() else { continue }
                usable.append((match, image.cropped(bounds)))
                if usable.count == 3 { break }
            }
            guard !usable.isEmpty else { continue }
            let pick = usable[Int(random.next() % UInt64(usable.count))]
            used.insert(pick.0.entry.path)
            chosen.append((Placement(subject: subject, clip: pick.0.entry, score: pick.0.score), pick.1))
        }
        return chosen
    }

    /// Draws `clips` (main first) into `image` whose horizon is at row `horizon`.
    public static func compose(_ clips: [(Placement, RGBAImage)], into image: inout PlanarImage, horizon: Float,
                               scene: SceneDescription, random: inout SplitMix64) {
        let w = Float(image.width), h = Float(image.height)
        let light: SIMD3<Float> = switch scene.time {
        case .day: [1, 1, 1]
        case .dawn: [1, 0.93, 0.85]
        case .sunset: [0.98, 0.8, 0.68]
        case .night: [0.42, 0.46, 0.62]
        }
        struct Drawing { var image: RGBAImage; var x: Float; var bottom: Float; var height: Float; var grounded: Bool }
        var drawings: [Drawing] = []
        var mainLeft = w / 2, mainRight = w / 2
        for (rank, (placement, clip)) in clips.enumerated() {
            let words = Set(SceneDescription.words(of: placement.subject.query + " " + placement.clip.title))
            let flies = !words.isDisjoint(with: airborne)
            let aspect = Float(clip.width) / Float(clip.height)
            var height: Float, bottom: Float, x: Float
            if rank == 0 {
                height = flies ? h * random.uniform(0.3...0.4) : h * random.uniform(0.5...0.62)
                height = min(height, w * 0.6 / aspect)
                bottom = flies ? horizon * random.uniform(0.55...0.8) : max(horizon + height * 0.35, h * random.uniform(0.86...0.94))
                bottom = min(bottom, h * 0.97)
                x = w * random.uniform(0.35...0.65)
                mainLeft = x - height * aspect / 2
                mainRight = x + height * aspect / 2
            } else {
                let depth = random.uniform(0.1...0.6)
                height = flies ? h * random.uniform(0.1...0.16) : h * (0.12 + 0.22 * depth)
                height = min(height, w * 0.3 / aspect)
                bottom = flies ? horizon * random.uniform(0.25...0.6) : horizon + depth * (h * 0.95 - horizon)
                let half = height * aspect / 2
                // Alternate sides of the main subject; the other side when one has no room; behind
                // it (smaller, further back) only when neither has.
                let leftRoom = (half + w * 0.02, mainLeft - half), rightRoom = (mainRight + half, w - half - w * 0.02)
                let sides = rank % 2 == 1 ? [leftRoom, rightRoom] : [rightRoom, leftRoom]
                if let room = sides.first(where: { $0.0 < $0.1 }) {
                    x = random.uniform(room.0...room.1)
                } else {
                    x = random.uniform(half...max(half, w - half))
                }
            }
            var copies = [(x, bottom, height)]
            if placement.subject.plural {
                let offset = height * aspect * random.uniform(0.6...0.9) * (x < w / 2 ? 1 : -1)
                copies.append((x + offset, flies ? bottom - height * 0.3 : bottom - height * 0.05, height * 0.8))
            }
            for (cx, cb, ch) in copies {
                drawings.append(Drawing(image: clip, x: cx, bottom: cb, height: ch, grounded: !flies))
            }
        }
        // Back to front: the higher the base, the further away.
        for drawing in drawings.sorted(by: { $0.bottom < $1.bottom }) {
            let height = max(4, Int(drawing.height.rounded()))
            let width = max(4, Int((drawing.height * Float(drawing.image.width) / Float(drawing.image.height)).rounded()))
            let left = Int((drawing.x - Float(width) / 2).rounded()), top = Int(drawing.bottom.rounded()) - height
            if drawing.grounded {
                var canvas = Canvas(image: image)
                // On water, a grounded thing stands on a rock (a lighthouse, a castle, a cat).
                if scene.setting == .sea && drawing.height > h * 0.3 {
                    let rock: SIMD3<Float> = [0.3, 0.28, 0.26] * light
                    canvas.ellipse(x: drawing.x, y: drawing.bottom, rx: Float(width) * 0.9, ry: Float(height) * 0.08, colour: rock, opacity: 1)
                    canvas.ellipse(x: drawing.x - Float(width) * 0.3, y: drawing.bottom - Float(height) * 0.03, rx: Float(width) * 0.4,
                                   ry: Float(height) * 0.06, colour: rock * 1.3, opacity: 1)
                }
                canvas.ellipse(x: drawing.x, y: drawing.bottom - Float(height) * 0.01, rx: Float(width) * 0.45, ry: max(2, Float(height) * 0.035),
                               colour: [0, 0, 0], opacity: 0.25)
                image = canvas.image
            }
            image.composite(drawing.image.resampled(width: width, height: height), width: width, x: left, y: top, light: light)
        }
    }
}

extension RGBAImage {
    func cropped(_ r: (x: Int, y: Int, width: Int, height: Int)) -> RGBAImage {
        var out = [UInt8](repeating: 0, count: r.width * r.height * 4)
        for row in 0..<r.height {
            let src = ((r.y + row) * width + r.x) * 4
            out.replaceSubrange(row * r.width * 4..<(row + 1) * r.width * 4, with: pixels[src..<src + r.width * 4])
        }
        return RGBAImage(width: r.width, height: r.height, pixels: out)
    }

    /// Premultiplied float RGBA at a new size: box average when shrinking, bilinear when growing.
    func resampled(width newWidth: Int, height newHeight: Int) -> [SIMD4<Float>] {
        var premultiplied = [SIMD4<Float>](repeating: .zero, count: width * height)
        for i in 0..<(width * height) {
            let a = Float(pixels[i * 4 + 3]) / 255
            premultiplied[i] = SIMD4(Float(pixels[i * 4]) / 255 * a, Float(pixels[i * 4 + 1]) / 255 * a, Float(pixels[i * 4 + 2]) / 255 * a, a)
        }
        var out = [SIMD4<Float>](repeating: .zero, count: newWidth * newHeight)
        let sx = Float(width) / Float(newWidth), sy = Float(height) / Float(newHeight)
        for y in 0..<newHeight {
            for x in 0..<newWidth {
                if sx > 1 || sy > 1 {
                    let x0 = Int(Float(x) * sx), x1 = max(x0 + 1, min(width, Int(Float(x + 1) * sx)))
                    let y0 = Int(Float(y) * sy), y1 = max(y0 + 1, min(height, Int(Float(y + 1) * sy)))
                    var sum = SIMD4<Float>.zero
                    for yy in y0..<y1 { for xx in x0..<x1 { sum += premultiplied[yy * width + xx] } }
                    out[y * newWidth + x] = sum / Float((y1 - y0) * (x1 - x0))
                } else {
                    let fx = max(0, (Float(x) + 0.5) * sx - 0.5), fy = max(0, (Float(y) + 0.5) * sy - 0.5)
                    let x0 = min(Int(fx), width - 1), y0 = min(Int(fy), height - 1)
                    let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1), tx = fx - Float(x0), ty = fy - Float(y0)
                    let top = premultiplied[y0 * width + x0] * (1 - tx) + premultiplied[y0 * width + x1] * tx
                    let bottom = premultiplied[y1 * width + x0] * (1 - tx) + premultiplied[y1 * width + x1] * tx
                    out[y * newWidth + x] = top * (1 - ty) + bottom * ty
                }
            }
        }
        return out
    }
}

extension PlanarImage {
    /// Premultiplied RGBA `source` (rows of `sourceWidth` pixels) over this image
    /// with its top-left corner at (x, y), its colour multiplied by `light`.
    mutating func composite(_ source: [SIMD4<Float>], width sourceWidth: Int, x: Int, y: Int, light: SIMD3<Float>) {
        let sourceHeight = source.count / max(sourceWidth, 1), plane = width * height
        let rows = (max(0, -y), min(sourceHeight, height - y)), columns = (max(0, -x), min(sourceWidth, width - x))
        guard rows.1 > rows.0, columns.1 > columns.0 else { return }
        for row in rows.0..<rows.1 {
            for column in columns.0..<columns.1 {
                let p = source[row * sourceWidth + column]
                guard p.w > 0 else { continue }
                let i = (y + row) * width + x + column
                for c in 0..<3 { values[c * plane + i] = p[c] * light[c] + values[c * plane + i] * (1 - p.w) }
            }
        }
    }
}
