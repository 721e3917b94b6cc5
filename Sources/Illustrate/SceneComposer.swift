import Foundation
import Models

/// The procedural background with clip art on it: the main subject large, standing on the
/// ground in front, up to three secondary subjects smaller and further back (perspective: the
/// nearer the horizon, the smaller), things that fly in the sky. Clips are lit to match the time
/// of day and get a soft contact shadow. Positions come from the seed.
public struct SceneComposer {
    /// Where a subject's picture comes from.
    public enum Source: String, Sendable { case openclipart, emoji }

    /// A subject and the clip chosen for it (cropped to its opaque pixels), or none when no clip fits.
    public struct Placement: Sendable {
        public let subject: ScenePlan.Subject
        public let clip: ClipArtIndex.Entry?
        public let score: Float
        /// nil when no clip fits. An emoji is a small bitmap, enlarged with a sharp filter.
        public let source: Source?
        /// The PNG cropped to its opaque pixels, and the SVG twin to draw it from at the size needed.
        let image: RGBAImage?
        let svgPath: String?
        /// The crop's height over the PNG's (an SVG is rendered taller by its inverse, then cropped).
        let cropFraction: Float
    }

    let index: ClipArtIndex
    /// The emoji clips (`EmojiClips`), asked when no clip art fits; nil when not installed.
    let emoji: ClipArtIndex?
    let encoder: SentenceEncoder
    /// Draw clips from their SVG twins (librsvg) where openclipart-svg has them; the PNGs otherwise.
    public var vectorClips = true
    public static let maximumSubjects = ScenePlan.maximumSubjects
    /// Copies of one subject drawn at most (a count above it is drawn as this many).
    public static let maximumCopies = 6

    public init(index: ClipArtIndex, emoji: ClipArtIndex? = nil, encoder: SentenceEncoder) {
        self.index = index
        self.emoji = emoji
        self.encoder = encoder
    }

    static let airborne: Set<String> = [
        "bird", "birds", "eagle", "gull", "seagull", "seagulls", "plane", "airplane", "aeroplane", "aircraft", "jet",
        "balloon", "kite", "helicopter", "butterfly", "butterflies", "bat", "bats", "cloud", "clouds", "rocket", "ufo",
        "spaceship", "angel", "bee", "dragonfly", "parrot", "dove", "crow", "swallow", "owl", "hawk", "zeppelin", "airship",
    ]

    /// The best clip for each subject (each clip used once), skipping clips painted on their own background
    /// (most of the border opaque) and clips that do not name the subject (`ClipArtIndex.Match.isConfident`):
    /// such a subject gets no clip rather than a wrong one. Among usable clips within 0.03 of the best, the
    /// seed picks. A subject no clip art fits takes an emoji that names it (`EmojiClips.stands(_:for:)`), if any.
    public func choose(_ subjects: [ScenePlan.Subject], random: inout SplitMix64) -> [Placement] {
        var used = Set<String>()
        var chosen: [Placement] = []
        let queries = Array(subjects.prefix(Self.maximumSubjects))
        let vectors = encoder.embed(queries.map(\.name))
        for (subject, vector) in zip(queries, vectors) {
            let norm = max(vector.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
            let query = vector.map { $0 / norm }
            let matches = index.search(query, name: subject.name, limit: 16)
            var source = Source.openclipart
            var usable = Self.usable(matches.filter(\.isConfident), in: index, except: used)
            if usable.isEmpty, let emoji {
                source = .emoji
                usable = Self.usable(emoji.search(query, name: subject.name, limit: 8).filter { EmojiClips.stands($0, for: subject) },
                                     in: emoji, except: used)
            }
            guard !usable.isEmpty else {
                chosen.append(Placement(subject: subject, clip: nil, score: matches.first?.score ?? 0, source: nil, image: nil, svgPath: nil,
                                        cropFraction: 1))
                continue
            }
            let pick = usable[Int(random.next() % UInt64(usable.count))]
            used.insert(pick.0.entry.path)
            let svg = vectorClips && source == .openclipart ? index.svgPath(of: pick.0.entry) : nil
            chosen.append(Placement(subject: subject, clip: pick.0.entry, score: pick.0.score, source: source, image: pick.1,
                                    svgPath: svg.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }, cropFraction: pick.2))
        }
        return chosen
    }

    /// Up to three of `matches` (best first) within 0.03 of the best that are not used yet and not painted on their
    /// own background, each cropped to its opaque pixels, with the crop's height over the image's.
    static func usable(_ matches: [ClipArtIndex.Match], in index: ClipArtIndex, except used: Set<String>) -> [(ClipArtIndex.Match, RGBAImage, Float)] {
        var usable: [(ClipArtIndex.Match, RGBAImage, Float)] = []
        for match in matches where !used.contains(match.entry.path) {
            if let best = usable.first, match.score < best.0.score - 0.03 { break }
            guard let image = try? PNGReader.readRGBA(path: index.absolutePath(of: match.entry)),
                  image.transparentBorderFraction > 0.6, let bounds = image.opaqueBounds() else { continue }
            usable.append((match, image.cropped(bounds), Float(bounds.height) / Float(image.height)))
            if usable.count == 3 { break }
        }
        return usable
    }

    /// A subject's group on the canvas: centre x, base line, height of one copy, and the copies' width.
    struct Slot {
        var x: Float
        var bottom: Float
        var height: Float
        var aspect: Float
        var copies: Int
        var flies: Bool
        /// Width of the whole group (copies overlap by a fifth).
        var width: Float { height * aspect * (1 + Float(copies - 1) * 0.8) }
        var top: Float { bottom - height }
    }

    /// Draws every placement (main first) into `image` whose horizon is at row `horizon`: `count` copies of
    /// each (at most `maximumCopies`) side by side, a labelled card where no clip fitted, placed by their
    /// relations to each other ("a cat under a table", "a hat on a snowman", "a taxi in front of a building").
    public static func compose(_ placements: [Placement], into image: inout PlanarImage, horizon: Float,
                               scene: SceneDescription, random: inout SplitMix64) {
        let w = Float(image.width), h = Float(image.height)
        let light: SIMD3<Float> = switch scene.time {
        case .day: [1, 1, 1]
        case .dawn: [1, 0.93, 0.85]
        case .sunset: [0.98, 0.8, 0.68]
        case .night: [0.42, 0.46, 0.62]
        }
        let cardScale = max(2, Int(h / 120))
        var clips: [RGBAImage] = placements.map { placement in
            placement.image ?? PlaceholderCard.image(
                label: (placement.subject.count > 1 ? "\(placement.subject.count)× " : "") + placement.subject.name + "?", scale: cardScale)
        }
        var slots: [Slot] = []
        var mainLeft = w / 2, mainRight = w / 2
        for (rank, placement) in placements.enumerated() {
            let clip = clips[rank]
            let isCard = placement.image == nil
            let words = Set(SceneDescription.words(of: placement.subject.name + " " + (placement.clip?.title ?? "")))
            let flies = !isCard && (!words.isDisjoint(with: airborne) || placement.subject.relation == .over && placement.subject.of != "")
            let aspect = Float(clip.width) / Float(clip.height)
            let copies = isCard ? 1 : min(max(1, placement.subject.count), maximumCopies)
            var slot = Slot(x: 0, bottom: 0, height: 0, aspect: aspect, copies: copies, flies: flies)
            let groupFactor = 1 + Float(copies - 1) * 0.8
            let sizeFactor: Float = switch placement.subject.size { case .small: 0.7; case .medium: 1; case .large: 1.15 }
            if rank == 0 {
                slot.height = (flies ? h * random.uniform(0.3...0.4) : h * random.uniform(0.5...0.62)) * sizeFactor
                slot.height = min(slot.height, w * 0.6 / (aspect * groupFactor), copies > 1 ? h * 0.45 : h * 0.7)
                slot.bottom = flies ? horizon * random.uniform(0.55...0.8) : max(horizon + slot.height * 0.35, h * random.uniform(0.86...0.94))
                slot.bottom = min(max(slot.bottom, slot.height + h * 0.03), h * 0.97)
                slot.x = w * random.uniform(0.35...0.65)
                mainLeft = slot.x - slot.width / 2
                mainRight = slot.x + slot.width / 2
            } else {
                let depth = random.uniform(0.1...0.6)
                slot.height = (flies ? h * random.uniform(0.1...0.16) : h * (0.12 + 0.22 * depth)) * sizeFactor
                slot.height = min(slot.height, w * 0.3 / (aspect * groupFactor))
                slot.bottom = flies ? max(horizon * random.uniform(0.25...0.6), slot.height + h * 0.03) : horizon + depth * (h * 0.95 - horizon)
                let half = slot.width / 2
                // Alternate sides of the main subject; the other side when one has no room; behind
                // it (smaller, further back) only when neither has.
                let leftRoom = (half + w * 0.02, mainLeft - half), rightRoom = (mainRight + half, w - half - w * 0.02)
                let sides = rank % 2 == 1 ? [leftRoom, rightRoom] : [rightRoom, leftRoom]
                if let room = sides.first(where: { $0.0 < $0.1 }) {
                    slot.x = random.uniform(room.0...room.1)
                } else {
                    slot.x = random.uniform(half...max(half, w - half))
                }
            }
            slots.append(slot)
        }
        // Relations between subjects move the related one to its other side (not onto or under a card: a
        // missing subject's card only stands where it would be).
        for (i, placement) in placements.enumerated() where placement.subject.relation != .none && placement.image != nil {
            let target = placement.subject.of
            guard let j = placements.indices.first(where: { $0 != i && Self.sameThing(placements[$0].subject.name, target) }),
                  placements[j].image != nil else { continue }
            slots[i] = Self.place(slots[i], relation: placement.subject.relation, to: slots[j], width: w, height: h)
        }

        // Clips with an SVG twin are drawn from it at the size they take (cropped as the PNG was), so they stay sharp.
        for (rank, placement) in placements.enumerated() {
            guard let svg = placement.svgPath, placement.cropFraction > 0.05 else { continue }
            let canvasHeight = Int((slots[rank].height / placement.cropFraction).rounded(.up)) + 2
            guard let rendered = SVGRasterizer.render(path: svg, height: canvasHeight), let bounds = rendered.opaqueBounds() else { continue }
            let vector = rendered.cropped(bounds)
            // Keep it only when it is the same drawing (aspect within 10%): some twins differ from their PNG.
            let a = Float(vector.width) / Float(vector.height), b = slots[rank].aspect
            if abs(a - b) <= 0.1 * b { clips[rank] = vector }
        }

        struct Drawing { var image: RGBAImage; var x: Float; var bottom: Float; var height: Float; var grounded: Bool; var order: Float; var sharp: Bool }
        var drawings: [Drawing] = []
        for (rank, slot) in slots.enumerated() {
            // Copies in a row centred on x, alternately a little higher and lower (smaller when further back).
            let step = slot.height * slot.aspect * 0.8
            for k in 0..<slot.copies {
                let offset = (Float(k) - Float(slot.copies - 1) / 2) * step
                let back: Float = k % 2 == 1 ? 1 : 0
                let copyBottom = slot.flies ? slot.bottom - slot.height * 0.25 * back : slot.bottom - slot.height * 0.04 * back
                // Things on or leaning against another are drawn after it, whatever their base line.
                let relation = placements[rank].subject.relation
                let order = copyBottom + (relation == .on || relation == .leaningAgainst || relation == .inFrontOf ? h : 0)
                drawings.append(Drawing(image: clips[rank], x: slot.x + offset, bottom: copyBottom, height: slot.height * (1 - 0.1 * back),
                                        grounded: !slot.flies && relation != .on, order: order, sharp: placements[rank].source == .emoji))
            }
        }
        // Back to front: the higher the base, the further away.
        for drawing in drawings.sorted(by: { $0.order < $1.order }) {
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
            image.composite(drawing.image.resampled(width: width, height: height, sharp: drawing.sharp), width: width, x: left, y: top, light: light)
        }
    }

    /// Whether a relation's target names this subject ("table" for "wooden table", "balloons" for "balloon").
    static func sameThing(_ name: String, _ target: String) -> Bool {
        let a = EnglishNouns.singularPhrase(name), b = EnglishNouns.singularPhrase(target)
        return a == b || a.split(separator: " ").last == b.split(separator: " ").last
    }

    /// `slot` moved (and if need be shrunk) to stand in `relation` to `other`.
    static func place(_ slot: Slot, relation: ScenePlan.Relation, to other: Slot, width w: Float, height h: Float) -> Slot {
        var s = slot
        let gap = w * 0.02
        func clampX() { s.x = min(max(s.x, s.width / 2), w - s.width / 2) }
        switch relation {
        case .none:
            return slot
        case .on:
            s.height = min(s.height, other.height * 0.45)
            s.x = other.x
            s.bottom = other.top + s.height * 0.15
            s.flies = false
        case .over:
            s.height = min(s.height, other.height * 0.8)
            s.x = other.x
            s.bottom = max(s.height + h * 0.02, other.top - gap)
        case .under:
            s.height = min(s.height, other.height * 0.5)
            s.x = other.x
            s.bottom = other.bottom
            s.flies = false
        case .leftOf, .rightOf, .nextTo:
            s.height = min(s.height, other.height * 1.2)
            s.bottom = other.bottom
            s.flies = other.flies
            let leftX = other.x - other.width / 2 - gap - s.width / 2, rightX = other.x + other.width / 2 + gap + s.width / 2
            s.x = relation == .leftOf ? leftX : relation == .rightOf ? rightX : (rightX + s.width / 2 <= w ? rightX : leftX)
            clampX()
        case .inFrontOf:
            s.bottom = min(h * 0.98, other.bottom + h * 0.06)
            s.x = other.x + other.width * 0.2
            s.flies = false
            clampX()
        case .behind:
            s.height = min(s.height, other.height * 0.9)
            s.bottom = other.bottom - h * 0.04
            s.x = other.x - other.width * 0.3
            clampX()
        case .leaningAgainst:
            s.height = min(s.height, other.height * 0.7)
            s.bottom = other.bottom
            s.x = other.x + other.width * 0.35
            clampX()
        }
        return s
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

    /// Premultiplied float RGBA at a new size: box average when shrinking, bilinear when growing, or with `sharp`
    /// Catmull-Rom bicubic (a small emoji enlarged two or three times stays crisp where bilinear blurs it).
    func resampled(width newWidth: Int, height newHeight: Int, sharp: Bool = false) -> [SIMD4<Float>] {
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
                } else if sharp {
                    out[y * newWidth + x] = Self.catmullRom(premultiplied, width: width, height: height,
                                                            x: (Float(x) + 0.5) * sx - 0.5, y: (Float(y) + 0.5) * sy - 0.5)
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

    /// Bicubic (Catmull-Rom) sample of premultiplied pixels at (x, y), edges clamped; the overshoot the kernel
    /// gives at hard edges is clipped so colour never exceeds alpha.
    static func catmullRom(_ pixels: [SIMD4<Float>], width: Int, height: Int, x: Float, y: Float) -> SIMD4<Float> {
        func weights(_ t: Float) -> SIMD4<Float> {
            let t2 = t * t, t3 = t2 * t
            return SIMD4(-0.5 * t3 + t2 - 0.5 * t, 1.5 * t3 - 2.5 * t2 + 1, -1.5 * t3 + 2 * t2 + 0.5 * t, 0.5 * t3 - 0.5 * t2)
        }
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let wx = weights(x - Float(x0)), wy = weights(y - Float(y0))
        var sum = SIMD4<Float>.zero
        for j in 0..<4 {
            let row = min(max(y0 - 1 + j, 0), height - 1) * width
            var line = SIMD4<Float>.zero
            for i in 0..<4 { line += pixels[row + min(max(x0 - 1 + i, 0), width - 1)] * wx[i] }
            sum += line * wy[j]
        }
        let alpha = min(max(sum.w, 0), 1)
        return SIMD4(min(max(sum.x, 0), alpha), min(max(sum.y, 0), alpha), min(max(sum.z, 0), alpha), alpha)
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
