import Foundation

/// A simple deterministic scene from a description and a seed: a sky gradient for the time
/// of day, a sun or moon, clouds or stars, a horizon band for the setting (sea, sand, grass,
/// snow...) and seeded shapes on it (hills, trees, buildings, boats). It is the stand-in
/// content that the style network paints over until scene composition from clip art exists.
public enum ProceduralScene {
    public static func render(_ scene: SceneDescription, width: Int, height: Int, seed: UInt64) -> PlanarImage {
        render(scene, width: width, height: height, seed: seed, sparse: false).image
    }

    /// Also returns the horizon's row (where clip art stands); `sparse` draws fewer foreground
    /// shapes (no boats, fewer trees) so that they do not crowd the clip-art subjects.
    public static func render(_ scene: SceneDescription, width: Int, height: Int, seed: UInt64, sparse: Bool) -> (image: PlanarImage, horizon: Float) {
        var random = SplitMix64(seed: seed)
        var canvas = Canvas(width: width, height: height)
        let w = Float(width), h = Float(height)
        let horizon = h * random.uniform(0.5...0.62)
        let accent = scene.colours.first
        let objectColour = scene.colours.count > 1 ? scene.colours[1] : accent

        // Sky.
        var (zenith, skyLow): (SIMD3<Float>, SIMD3<Float>) = switch scene.time {
        case .day: ([0.25, 0.5, 0.9], [0.7, 0.85, 0.97])
        case .dawn: ([0.45, 0.55, 0.8], [0.98, 0.8, 0.65])
        case .sunset: ([0.3, 0.2, 0.5], [0.98, 0.55, 0.3])
        case .night: ([0.02, 0.03, 0.1], [0.1, 0.15, 0.3])
        }
        if scene.setting == .space { (zenith, skyLow) = ([0.01, 0.0, 0.04], [0.08, 0.04, 0.15]) }
        if let accent { skyLow = mix(skyLow, accent, 0.35) }
        // Overcast: the sky greys (darkest in a storm), the sun or moon is hidden and the clouds thicken.
        let overcast = scene.setting != .space && [.cloudy, .rain, .storm, .fog, .snow].contains(scene.weather)
        if overcast {
            let grey: SIMD3<Float> = scene.weather == .storm ? [0.28, 0.3, 0.34] : [0.62, 0.65, 0.7]
            let amount: Float = scene.weather == .cloudy ? 0.45 : 0.7
            zenith = mix(zenith, grey * (scene.time == .night ? 0.3 : 1), amount)
            skyLow = mix(skyLow, grey * (scene.time == .night ? 0.35 : 1.15), amount)
        }
        canvas.verticalGradient(top: 0, bottom: Int(horizon) + 1, from: zenith, to: skyLow)

        if (scene.time == .night && !overcast) || scene.setting == .space {
            for _ in 0..<(width * height / 900 + 10) {
                let x = random.uniform(0...(w - 1)), y = random.uniform(0...(horizon * 0.95))
                canvas.disc(x: x, y: y, radius: random.uniform(0.4...1.3), colour: [1, 1, 0.95], opacity: random.uniform(0.5...1))
            }
        }
        // Sun or moon.
        let bodyX = random.uniform((w * 0.15)...(w * 0.85))
        let bodyY = scene.time == .sunset || scene.time == .dawn ? horizon - h * 0.06 : random.uniform((h * 0.1)...(h * 0.3))
        let bodyRadius = min(w, h) * random.uniform(0.05...0.08)
        let bodyColour: SIMD3<Float> = switch scene.time {
        case .day: [1, 0.95, 0.7]
        case .dawn, .sunset: [1, 0.7, 0.35]
        case .night: [0.9, 0.92, 0.85]
        }
        if !overcast {
            canvas.disc(x: bodyX, y: bodyY, radius: bodyRadius * 1.8, colour: bodyColour, opacity: 0.25)
            canvas.disc(x: bodyX, y: bodyY, radius: bodyRadius, colour: bodyColour, opacity: 1)
        }
        if scene.time == .night && scene.crescentMoon && !overcast {
            // The sky's colour over most of the disc leaves a crescent.
            canvas.disc(x: bodyX + bodyRadius * 0.45, y: bodyY - bodyRadius * 0.2, radius: bodyRadius * 0.9,
                        colour: mix(zenith, skyLow, bodyY / max(horizon, 1)), opacity: 1)
        }
        if (scene.time != .night || overcast) && scene.setting != .space {
            let rainClouds = scene.weather == .rain || scene.weather == .storm
            let cloud = rainClouds ? mix(skyLow, [0.35, 0.37, 0.4], 0.5) : mix(skyLow, [1, 1, 1], 0.8)
            for _ in 0..<Int(overcast ? random.uniform(7...11) : random.uniform(2...6)) {
                let cx = random.uniform(0...w), cy = random.uniform((h * 0.05)...(horizon * (overcast ? 0.45 : 0.6)))
                let size = min(w, h) * (overcast ? random.uniform(0.07...0.12) : random.uniform(0.04...0.09))
                for k in 0..<4 {
                    canvas.ellipse(x: cx + Float(k) * size * 0.7, y: cy + (k % 2 == 0 ? 0 : -size * 0.3),
                                   rx: size, ry: size * 0.55, colour: cloud, opacity: 0.85)
                }
            }
        }

        // Distant hills behind every setting but the sea and space.
        var groundTop: SIMD3<Float>, groundBottom: SIMD3<Float>
        switch scene.setting {
        case .sea: (groundTop, groundBottom) = ([0.1, 0.35, 0.55], [0.03, 0.15, 0.3])
        case .desert: (groundTop, groundBottom) = ([0.9, 0.75, 0.5], [0.75, 0.55, 0.3])
        case .forest: (groundTop, groundBottom) = ([0.2, 0.45, 0.2], [0.1, 0.3, 0.12])
        case .mountains: (groundTop, groundBottom) = ([0.35, 0.5, 0.3], [0.2, 0.35, 0.2])
        case .city: (groundTop, groundBottom) = ([0.4, 0.4, 0.42], [0.25, 0.25, 0.27])
        case .meadow: (groundTop, groundBottom) = ([0.45, 0.7, 0.3], [0.25, 0.5, 0.15])
        case .snow: (groundTop, groundBottom) = ([0.92, 0.94, 0.98], [0.75, 0.8, 0.9])
        case .space: (groundTop, groundBottom) = ([0.35, 0.3, 0.35], [0.15, 0.12, 0.15])
        case .hills: (groundTop, groundBottom) = ([0.5, 0.75, 0.35], [0.3, 0.55, 0.2])
        case .lake: (groundTop, groundBottom) = (mix([0.2, 0.45, 0.65], skyLow, 0.3), [0.12, 0.28, 0.42])
        case .garden: (groundTop, groundBottom) = ([0.45, 0.7, 0.3], [0.25, 0.5, 0.15])
        case .room: (groundTop, groundBottom) = ([0.62, 0.46, 0.3], [0.45, 0.32, 0.2])
        }
        // Snow lies on open ground ("a snowy field", "a snowy forest"), not on water, streets or floors.
        if scene.weather == .snow && [.meadow, .garden, .hills, .forest, .mountains, .desert].contains(scene.setting) {
            (groundTop, groundBottom) = ([0.92, 0.94, 0.98], [0.75, 0.8, 0.9])
        }
        if scene.time == .night { (groundTop, groundBottom) = (groundTop * 0.35, groundBottom * 0.35) }
        if scene.time == .sunset { groundTop = mix(groundTop, [0.9, 0.5, 0.3], 0.25) }

        if scene.setting == .room {
            // An interior: a wall in the room's colour with a window onto the sky of the time of day, above a wooden floor.
            let daylightWall: SIMD3<Float> = switch scene.room {
            case .plain: [0.93, 0.87, 0.75]
            case .kitchen: [0.9, 0.94, 0.92]
            case .classroom: [0.78, 0.86, 0.72]
            case .bedroom: [0.88, 0.82, 0.9]
            case .office: [0.82, 0.85, 0.88]
            case .library: [0.55, 0.38, 0.25]
            case .cafe: [0.86, 0.62, 0.45]
            case .bathroom: [0.8, 0.92, 0.95]
            }
            let wall = daylightWall * (scene.time == .night ? 0.5 : 1)
            let windowLeft = w * random.uniform(0.15...0.55), windowWidth = w * 0.28
            let windowTop = horizon * 0.18, windowBottom = horizon * 0.78
            canvas.rectangle(x: 0, y: 0, width: windowLeft, height: horizon, colour: wall, opacity: 1)
            canvas.rectangle(x: windowLeft + windowWidth, y: 0, width: w - windowLeft - windowWidth, height: horizon, colour: wall, opacity: 1)
            canvas.rectangle(x: windowLeft, y: 0, width: windowWidth, height: windowTop, colour: wall, opacity: 1)
            canvas.rectangle(x: windowLeft, y: windowBottom, width: windowWidth, height: horizon - windowBottom, colour: wall, opacity: 1)
            let frame: SIMD3<Float> = [0.95, 0.95, 0.92] * (scene.time == .night ? 0.6 : 1)
            let bar = max(2, w * 0.008)
            for (x, y, bw, bh) in [(windowLeft - bar, windowTop - bar, windowWidth + 2 * bar, bar), (windowLeft - bar, windowBottom, windowWidth + 2 * bar, bar),
                                   (windowLeft - bar, windowTop, bar, windowBottom - windowTop), (windowLeft + windowWidth, windowTop, bar, windowBottom - windowTop),
                                   (windowLeft + windowWidth / 2 - bar / 2, windowTop, bar, windowBottom - windowTop)] {
                canvas.rectangle(x: x, y: y, width: bw, height: bh, colour: frame, opacity: 1)
            }
            canvas.rectangle(x: 0, y: horizon - h * 0.03, width: w, height: h * 0.03, colour: wall * 0.8, opacity: 1)
            // The wall away from the window: where the room shows what it is.
            let (spaceLeft, spaceRight) = windowLeft > w - windowLeft - windowWidth ? (w * 0.05, windowLeft - w * 0.05)
                : (windowLeft + windowWidth + w * 0.05, w * 0.95)
            switch scene.room {
            case .kitchen, .bathroom:
                // Tiles from the skirting to a third of the wall.
                let tileTop = horizon * 0.66, tile = max(4, h * 0.035)
                canvas.rectangle(x: 0, y: tileTop, width: w, height: horizon - h * 0.03 - tileTop, colour: wall * 1.04, opacity: 1)
                var ty = tileTop
                while ty < horizon - h * 0.03 { canvas.rectangle(x: 0, y: ty, width: w, height: 1, colour: wall * 0.75, opacity: 1); ty += tile }
                var tx: Float = 0
                while tx < w { canvas.rectangle(x: tx, y: tileTop, width: 1, height: horizon - h * 0.03 - tileTop, colour: wall * 0.75, opacity: 1); tx += tile }
            case .classroom where spaceRight - spaceLeft > w * 0.2:
                // A blackboard in a wooden frame.
                let boardWidth = min(spaceRight - spaceLeft, w * 0.4)
                let bx = (spaceLeft + spaceRight - boardWidth) / 2
                canvas.rectangle(x: bx - w * 0.008, y: horizon * 0.2 - w * 0.008, width: boardWidth + w * 0.016, height: horizon * 0.45 + w * 0.016,
                                 colour: [0.5, 0.33, 0.18], opacity: 1)
                canvas.rectangle(x: bx, y: horizon * 0.2, width: boardWidth, height: horizon * 0.45, colour: [0.15, 0.3, 0.22], opacity: 1)
                canvas.rectangle(x: bx + boardWidth * 0.1, y: horizon * 0.32, width: boardWidth * 0.5, height: max(1, h * 0.004), colour: [0.9, 0.9, 0.85], opacity: 0.8)
                canvas.rectangle(x: bx + boardWidth * 0.1, y: horizon * 0.42, width: boardWidth * 0.35, height: max(1, h * 0.004), colour: [0.9, 0.9, 0.85], opacity: 0.8)
            case .library where spaceRight - spaceLeft > w * 0.15:
                // Shelves of coloured book spines.
                let spines: [SIMD3<Float>] = [[0.6, 0.15, 0.12], [0.15, 0.3, 0.55], [0.2, 0.45, 0.25], [0.75, 0.6, 0.25], [0.4, 0.2, 0.4]]
                for shelf in 0..<4 {
                    let shelfBottom = horizon * (0.3 + 0.18 * Float(shelf))
                    var bx = spaceLeft
                    while bx < spaceRight - w * 0.012 {
                        let spine = w * random.uniform(0.008...0.016), tall = horizon * random.uniform(0.11...0.15)
                        canvas.rectangle(x: bx, y: shelfBottom - tall, width: spine, height: tall,
                                         colour: spines[Int(random.next() % UInt64(spines.count))] * (scene.time == .night ? 0.5 : 1), opacity: 1)
                        bx += spine + 1
                    }
                    canvas.rectangle(x: spaceLeft, y: shelfBottom, width: spaceRight - spaceLeft, height: max(2, h * 0.01), colour: [0.35, 0.22, 0.12], opacity: 1)
                }
            default:
                break
            }
        } else if scene.setting == .lake {
            canvas.ridge(base: horizon, amplitude: h * 0.3, colour: mix(groundTop, [0.45, 0.45, 0.5], 0.6), random: &random)
        } else if scene.setting == .hills {
            canvas.ridge(base: horizon, amplitude: h * 0.12, colour: mix([0.45, 0.68, 0.35], skyLow, 0.45), random: &random)
        } else if scene.setting != .sea && scene.setting != .space {
            let peaks = scene.setting == .mountains ? h * 0.3 : h * 0.1
            let far = mix(groundTop, skyLow, 0.5)
            canvas.ridge(base: horizon, amplitude: peaks, colour: far, random: &random)
        }
        canvas.verticalGradient(top: Int(horizon), bottom: height, from: groundTop, to: groundBottom)

        // Foreground shapes.
        let objects = objectColour ?? groundBottom * 0.6
        switch scene.setting {
        case .sea:
            for _ in 0..<(height / 6) {
                let y = random.uniform(horizon...h), x = random.uniform(0...w)
                canvas.rectangle(x: x, y: y, width: random.uniform((w * 0.02)...(w * 0.1)), height: max(1, h * 0.004),
                                 colour: mix(groundTop, bodyColour, 0.6), opacity: 0.6)
            }
            for _ in 0..<(sparse ? 0 : Int(random.uniform(1...3))) {
                let x = random.uniform((w * 0.1)...(w * 0.8)), y = random.uniform((horizon + h * 0.05)...(h * 0.85))
                let size = min(w, h) * random.uniform(0.04...0.08)
                canvas.rectangle(x: x, y: y, width: size * 2, height: size * 0.4, colour: objectColour ?? [0.35, 0.2, 0.1], opacity: 1)
                canvas.triangle(apex: (x + size, y - size * 1.6), left: (x + size * 0.2, y - size * 0.1),
                                right: (x + size * 1.8, y - size * 0.1), colour: [0.95, 0.95, 0.9])
            }
        case .hills:
            // Rolling hills, nearer ones lower, darker and larger.
            for k in 0..<3 {
                let base = horizon + (h - horizon) * (0.2 + 0.3 * Float(k))
                canvas.ridge(base: base, amplitude: h * (0.08 + 0.04 * Float(k)), colour: mix(groundTop, groundBottom, 0.3 + 0.3 * Float(k)), random: &random)
            }
        case .lake:
            // Water up to a grassy near shore, with glints of the sky.
            let shore = horizon + (h - horizon) * 0.65
            for _ in 0..<(height / 8) {
                let y = random.uniform(horizon...shore), x = random.uniform(0...w)
                canvas.rectangle(x: x, y: y, width: random.uniform((w * 0.02)...(w * 0.08)), height: max(1, h * 0.003),
                                 colour: mix(groundTop, bodyColour, 0.6), opacity: 0.5)
            }
            let grass: SIMD3<Float> = scene.time == .night ? [0.1, 0.2, 0.08] : [0.35, 0.55, 0.25]
            canvas.ridge(base: shore + h * 0.03, amplitude: h * 0.03, colour: grass, random: &random)
        case .garden:
            // Flower beds: brown earth with rows of coloured flowers, and a lawn between.
            let palette: [SIMD3<Float>] = scene.colours.isEmpty ? [[0.9, 0.3, 0.35], [0.95, 0.85, 0.3], [0.7, 0.4, 0.85], [1, 1, 1]] : scene.colours
            for bed in 0..<2 {
                let cy = horizon + (h - horizon) * (bed == 0 ? 0.3 : 0.8), rx = w * (bed == 0 ? 0.3 : 0.45), ry = (h - horizon) * (bed == 0 ? 0.07 : 0.12)
                let cx = w * (bed == 0 ? random.uniform(0.3...0.7) : 0.5)
                canvas.ellipse(x: cx, y: cy, rx: rx, ry: ry, colour: scene.time == .night ? [0.15, 0.1, 0.06] : [0.45, 0.3, 0.18], opacity: 1)
                for _ in 0..<(bed == 0 ? 40 : 70) {
                    let t = random.uniform(-1...1), u = random.uniform(-0.8...0.8)
                    canvas.disc(x: cx + t * rx * 0.9, y: cy + u * ry, radius: min(w, h) * (bed == 0 ? 0.006 : 0.01),
                                colour: palette[Int(random.next() % UInt64(palette.count))] * (scene.time == .night ? 0.4 : 1), opacity: 1)
                }
            }
        case .room:
            // Floor boards.
            var y = horizon
            var k: Float = 1
            while y < h {
                canvas.rectangle(x: 0, y: y, width: w, height: max(1, h * 0.003), colour: groundBottom * 0.7, opacity: 0.8)
                y += h * 0.025 * k
                k *= 1.25
            }
        case .forest, .meadow, .mountains, .snow:
            let count = scene.setting == .forest ? (sparse ? 7 : 14) : (sparse ? 2 : 5)
            for _ in 0..<count {
                let x = random.uniform(0...w), base = random.uniform((horizon + h * 0.02)...h)
                let size = min(w, h) * random.uniform(0.05...0.12) * (0.5 + (base - horizon) / (h - horizon))
                canvas.rectangle(x: x - size * 0.08, y: base - size * 0.4, width: size * 0.16, height: size * 0.4, colour: [0.3, 0.2, 0.1], opacity: 1)
                canvas.triangle(apex: (x, base - size * 1.8), left: (x - size * 0.5, base - size * 0.35),
                                right: (x + size * 0.5, base - size * 0.35), colour: scene.setting == .snow ? mix(objects, [1, 1, 1], 0.5) : objects)
            }
            if scene.setting == .meadow {
                for _ in 0..<40 {
                    canvas.disc(x: random.uniform(0...w), y: random.uniform(horizon...h), radius: min(w, h) * 0.006,
                                colour: scene.colours.last ?? [0.95, 0.85, 0.3], opacity: 1)
                }
            }
        case .desert:
            for _ in 0..<3 {
                canvas.ridge(base: random.uniform((horizon + h * 0.1)...(h * 0.95)), amplitude: h * 0.05,
                             colour: mix(groundTop, groundBottom, random.uniform(0...1)), random: &random)
            }
        case .city:
            var x: Float = 0
            while x < w {
                let bw = w * random.uniform(0.05...0.12), bh = h * random.uniform(0.1...0.35)
                let shade = random.uniform(0.6...1)
                canvas.rectangle(x: x, y: horizon - bh, width: bw * 0.95, height: bh + h * 0.02, colour: objects * shade, opacity: 1)
                let lit: SIMD3<Float> = scene.time == .night ? [1, 0.85, 0.4] : [0.7, 0.8, 0.9]
                var wy = horizon - bh + h * 0.02
                while wy < horizon - h * 0.02 {
                    var wx = x + bw * 0.12
                    while wx < x + bw * 0.8 {
                        if random.uniform(0...1) < 0.6 { canvas.rectangle(x: wx, y: wy, width: bw * 0.12, height: h * 0.015, colour: lit, opacity: 0.9) }
                        wx += bw * 0.22
                    }
                    wy += h * 0.035
                }
                x += bw
            }
        case .space:
            let px = random.uniform((w * 0.2)...(w * 0.8)), py = random.uniform((h * 0.3)...(h * 0.6))
            canvas.disc(x: px, y: py, radius: min(w, h) * 0.18, colour: objectColour ?? [0.6, 0.4, 0.7], opacity: 1)
            canvas.ellipse(x: px, y: py, rx: min(w, h) * 0.3, ry: min(w, h) * 0.04, colour: [0.85, 0.8, 0.7], opacity: 0.6)
        }
        return (canvas.image, horizon)
    }

    /// Weather over the finished scene, subjects included: rain streaks, falling snow, fog thickening towards the
    /// horizon, a storm's rain and lightning. Seeded apart from the background, so the same seed draws the same drops.
    public static func drawWeather(_ scene: SceneDescription, on image: inout PlanarImage, horizon: Float, seed: UInt64) {
        guard scene.weather != .clear, scene.weather != .cloudy, scene.setting != .room, scene.setting != .space else { return }
        var random = SplitMix64(seed: seed ^ 0x5EA7_4E12)
        var canvas = Canvas(image: image)
        let w = Float(image.width), h = Float(image.height), unit = min(w, h) / 512
        let night = scene.time == .night
        switch scene.weather {
        case .rain, .storm:
            let drop: SIMD3<Float> = night ? [0.55, 0.6, 0.7] : [0.85, 0.88, 0.95]
            for _ in 0..<(image.width * image.height / (scene.weather == .storm ? 500 : 700)) {
                let x = random.uniform(0...w), y = random.uniform(0...h), length = h * random.uniform(0.03...0.06)
                canvas.line(from: (x, y), to: (x - length * 0.25, y + length), width: max(1, unit * 1.4), colour: drop, opacity: 0.55)
            }
            if scene.weather == .storm {
                // One bolt from the clouds towards the horizon.
                var point = (random.uniform((w * 0.2)...(w * 0.8)), h * 0.05)
                while point.1 < horizon * 0.8 {
                    let next = (point.0 + random.uniform((-w * 0.04)...(w * 0.04)), point.1 + random.uniform((h * 0.04)...(h * 0.09)))
                    canvas.line(from: point, to: next, width: max(1.5, unit * 3), colour: [1, 1, 0.85], opacity: 0.95)
                    point = next
                }
            }
        case .snow:
            for _ in 0..<(image.width * image.height / 600) {
                canvas.disc(x: random.uniform(0...w), y: random.uniform(0...h), radius: max(1, unit * random.uniform(1.5...4)),
                            colour: [1, 1, 1], opacity: random.uniform(0.75...0.95))
            }
        case .fog:
            // Thickest at the horizon (far away), thinning to the bottom edge and the top of the sky.
            let fog: SIMD3<Float> = night ? [0.35, 0.37, 0.42] : [0.86, 0.88, 0.9]
            for y in 0..<image.height {
                let fy = Float(y)
                let distance = fy < horizon ? 0.55 + 0.2 * fy / max(horizon, 1) : 0.75 - 0.45 * (fy - horizon) / max(h - horizon, 1)
                for x in 0..<image.width { canvas.blend(x, y, fog, distance * 0.8) }
            }
        case .clear, .cloudy:
            break
        }
        image = canvas.image
    }

    static func mix(_ a: SIMD3<Float>, _ b: SIMD3<Float>, _ t: Float) -> SIMD3<Float> { a + (b - a) * t }
}

/// Filled shapes on a planar image; coordinates in pixels, opacity blends over what is there.
struct Canvas {
    var image: PlanarImage
    let width: Int, height: Int

    init(image: PlanarImage) {
        self.image = image
        width = image.width
        height = image.height
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        image = PlanarImage(width: width, height: height)
    }

    mutating func blend(_ x: Int, _ y: Int, _ colour: SIMD3<Float>, _ opacity: Float) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let plane = width * height, i = y * width + x
        for c in 0..<3 { image.values[c * plane + i] += (colour[c] - image.values[c * plane + i]) * opacity }
    }

    mutating func verticalGradient(top: Int, bottom: Int, from a: SIMD3<Float>, to b: SIMD3<Float>) {
        let top = max(0, top), bottom = min(height, bottom)
        guard bottom > top else { return }
        for y in top..<bottom {
            let colour = ProceduralScene.mix(a, b, Float(y - top) / Float(max(1, bottom - top - 1)))
            for x in 0..<width { blend(x, y, colour, 1) }
        }
    }

    mutating func ellipse(x cx: Float, y cy: Float, rx: Float, ry: Float, colour: SIMD3<Float>, opacity: Float) {
        guard rx > 0, ry > 0 else { return }
        let y0 = max(0, Int(cy - ry)), y1 = min(height - 1, Int(cy + ry) + 1)
        let x0 = max(0, Int(cx - rx)), x1 = min(width - 1, Int(cx + rx) + 1)
        guard y0 <= y1, x0 <= x1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let dx = (Float(x) + 0.5 - cx) / rx, dy = (Float(y) + 0.5 - cy) / ry
                let d = dx * dx + dy * dy
                // A soft rim over the outer 15 % keeps edges from aliasing.
                if d < 1 { blend(x, y, colour, opacity * min(1, (1 - d) / 0.15)) }
            }
        }
    }

    mutating func disc(x: Float, y: Float, radius: Float, colour: SIMD3<Float>, opacity: Float) {
        ellipse(x: x, y: y, rx: radius, ry: radius, colour: colour, opacity: opacity)
    }

    mutating func rectangle(x: Float, y: Float, width w: Float, height h: Float, colour: SIMD3<Float>, opacity: Float) {
        let x0 = max(0, Int(x)), x1 = min(width, Int(x + w)), y0 = max(0, Int(y)), y1 = min(height, Int(y + h))
        guard x1 > x0, y1 > y0 else { return }
        for yy in y0..<y1 { for xx in x0..<x1 { blend(xx, yy, colour, opacity) } }
    }

    mutating func triangle(apex: (Float, Float), left: (Float, Float), right: (Float, Float), colour: SIMD3<Float>) {
        let ys = [apex.1, left.1, right.1], xs = [apex.0, left.0, right.0]
        let y0 = max(0, Int(ys.min() ?? 0)), y1 = min(height - 1, Int(ys.max() ?? 0))
        let x0 = max(0, Int(xs.min() ?? 0)), x1 = min(width - 1, Int(xs.max() ?? 0))
        guard y0 <= y1, x0 <= x1 else { return }
        func edge(_ a: (Float, Float), _ b: (Float, Float), _ p: (Float, Float)) -> Float {
            (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
        }
        let area = edge(apex, left, right)
        guard area != 0 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let p = (Float(x) + 0.5, Float(y) + 0.5)
                let a = edge(left, right, p) / area, b = edge(right, apex, p) / area, c = edge(apex, left, p) / area
                if a >= 0 && b >= 0 && c >= 0 { blend(x, y, colour, 1) }
            }
        }
    }

    /// A straight stroke `width` pixels wide (discs along it).
    mutating func line(from a: (Float, Float), to b: (Float, Float), width: Float, colour: SIMD3<Float>, opacity: Float) {
        let length = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
        let steps = max(1, Int(length / max(0.7, width * 0.5)))
        // Each pixel is blended once per stroke, so overlapping discs do not darken the middle.
        var done = Set<Int>()
        let r = width / 2
        for k in 0...steps {
            let t = Float(k) / Float(steps), cx = a.0 + (b.0 - a.0) * t, cy = a.1 + (b.1 - a.1) * t
            for y in Int((cy - r).rounded(.down))...Int((cy + r).rounded(.up)) {
                for x in Int((cx - r).rounded(.down))...Int((cx + r).rounded(.up)) {
                    let dx = Float(x) + 0.5 - cx, dy = Float(y) + 0.5 - cy
                    guard dx * dx + dy * dy <= r * r + 0.25, x >= 0, x < self.width, y >= 0, y < height, done.insert(y * self.width + x).inserted else { continue }
                    blend(x, y, colour, opacity)
                }
            }
        }
    }

    /// A silhouette of summed sines above `base`, filled down to the bottom.
    mutating func ridge(base: Float, amplitude: Float, colour: SIMD3<Float>, random: inout SplitMix64) {
        let waves = (0..<3).map { k in (frequency: Float(k + 1) * random.uniform(1...3), phase: random.uniform(0...6.28), weight: 1 / Float(k + 1)) }
        let total = waves.reduce(0) { $0 + $1.weight }
        for x in 0..<width {
            let t = Float(x) / Float(width)
            var v: Float = 0
            for wave in waves { v += wave.weight * (0.5 + 0.5 * sinf(t * wave.frequency * 6.28 + wave.phase)) }
            let top = base - amplitude * v / total
            for y in max(0, Int(top))..<height { blend(x, y, colour, 1) }
        }
    }
}
