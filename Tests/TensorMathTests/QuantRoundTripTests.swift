import Testing
import TensorMath

/// Quantize → dequantize on generated weight-like data, with each format's error bound written down and
/// checked per element (bounds come from how the reference quantizers pick scales; see the C files).
@Suite struct QuantRoundTripTests {
    static let count = 4096

    static func roundTrip(_ type: GGMLType, _ x: [Float]) throws -> (bytes: [UInt8], y: [Float]) {
        let bytes = try #require(Quantization.quantize(x, to: type))
        let y = try #require(Quantization.dequantize(bytes, type: type, count: x.count))
        return (bytes, y)
    }

    /// A small slack for float rounding in computing x·(1/d) and the products.
    static func slack(_ x: Float, _ step: Float) -> Float { 1e-6 * abs(x) + 1e-6 * abs(step) + 1e-30 }

    @Test func q8_0() throws {
        var rng = SeededRandom(seed: 1)
        let x = rng.weights(Self.count)
        let (b, y) = try Self.roundTrip(.q8_0, x)
        for i in 0..<x.count {
            let d = b.half(at: (i / 32) * 34)  // |error| <= d/2
            #expect(abs(x[i] - y[i]) <= d / 2 + Self.slack(x[i], d))
        }
    }

    @Test func q8_1AndQ8_K() throws {
        var rng = SeededRandom(seed: 2)
        let x = rng.weights(Self.count)
        let (b1, y1) = try Self.roundTrip(.q8_1, x)
        let (bk, yk) = try Self.roundTrip(.q8_K, x)
        for i in 0..<x.count {
            let d1 = b1.half(at: (i / 32) * 36), dk = bk.float32(at: (i / 256) * 292)
            #expect(abs(x[i] - y1[i]) <= d1 / 2 + Self.slack(x[i], d1))
            #expect(abs(x[i] - yk[i]) <= dk / 2 + Self.slack(x[i], dk))
        }
        // Q8_1's s = d·Σq and Q8_K's bsums = Σ of each 16-run.
        for block in 0..<(Self.count / 32) {
            let q = (0..<32).map { Int(Int8(bitPattern: b1[block * 36 + 4 + $0])) }.reduce(0, +)
            #expect(b1.half(at: block * 36 + 2) == float16ToFloat(floatToFloat16(b1.half(at: block * 36) * Float(q))))
        }
        for block in 0..<(Self.count / 256) {
            for k in 0..<16 {
                let q = (0..<16).map { Int(Int8(bitPattern: bk[block * 292 + 4 + 16 * k + $0])) }.reduce(0, +)
                let stored = Int(Int16(bitPattern: UInt16(bk[block * 292 + 260 + 2 * k]) |
                                                   UInt16(bk[block * 292 + 261 + 2 * k]) << 8))
                #expect(q == stored)
            }
        }
    }

    /// Symmetric 4/5-bit: the extreme maps to -levels exactly; range is [-2^(b-1), 2^(b-1) - 1], so elements
    /// of the opposite sign beyond (2^(b-1) - 0.5)|d| clamp: |error| <= |d|·(1/2 + max(0, v - (2^(b-1) - 1/2))).
    @Test(arguments: [(GGMLType.q4_0, 8), (.q5_0, 16)])
    func symmetric(type: GGMLType, half: Int) throws {
        var rng = SeededRandom(seed: 3)
        let x = rng.weights(Self.count)
        let (b, y) = try Self.roundTrip(type, x)
        for i in 0..<x.count {
            let d = b.half(at: (i / 32) * type.bytesPerBlock)
            let v = d == 0 ? 0 : x[i] / d
            let bound = abs(d) * (0.5 + max(0, v - (Float(half) - 0.5)))
            #expect(abs(x[i] - y[i]) <= bound + Self.slack(x[i], d), "\(type.name)[\(i)]")
        }
    }

    /// Offset 4/5-bit: d = (max-min)/levels, m = min, both rounded to half; every element within the
    /// representable interval [m, m + levels·d] is within d/2; outside it, within d/2 plus the overhang.
    @Test(arguments: [(GGMLType.q4_1, 15), (.q5_1, 31)])
    func offset(type: GGMLType, levels: Int) throws {
        var rng = SeededRandom(seed: 4)
        let x = rng.weights(Self.count)
        let (b, y) = try Self.roundTrip(type, x)
        for i in 0..<x.count {
            let base = (i / 32) * type.bytesPerBlock
            let d = b.half(at: base), m = b.half(at: base + 2)
            let overhang = max(0, m - x[i]) + max(0, x[i] - (m + Float(levels) * d))
            #expect(overhang <= 1e-3 * (abs(m) + Float(levels) * d))  // only half rounding of d and m
            #expect(abs(x[i] - y[i]) <= d / 2 + overhang + Self.slack(x[i], d), "\(type.name)[\(i)]")
        }
    }

    /// Q4_K / Q5_K: sub-block i (32 elements) has step d·sc_i and offset dmin·m_i chosen so every element is
    /// representable: |error| <= d·sc_i / 2.
    @Test(arguments: [(GGMLType.q4_K, 16), (.q5_K, 48)])
    func kQuantsWithMins(type: GGMLType, qsOffset: Int) throws {
        var rng = SeededRandom(seed: 5)
        let x = rng.weights(Self.count)
        let (b, y) = try Self.roundTrip(type, x)
        for i in 0..<x.count {
            let base = (i / 256) * type.bytesPerBlock
            let d = b.half(at: base)
            let (sc, _) = kScaleMin((i % 256) / 32, b[(base + 4)..<(base + 16)])
            let step = d * Float(sc)
            #expect(abs(x[i] - y[i]) <= step / 2 * 1.0001 + Self.slack(x[i], step), "\(type.name)[\(i)]")
        }
        // The bound is tight enough to matter: steps are within a few % of (range of sub-block)/levels.
        let rms = (zip(x, y).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / Double(x.count)).squareRoot()
        let signal = (x.map { Double($0) * Double($0) }.reduce(0, +) / Double(x.count)).squareRoot()
        #expect(rms / signal < (type == .q4_K ? 0.12 : 0.06))
    }

    /// Q6_K: sub-block i (16 elements) has step d·sc_i >= max|x|/31: |error| <= d·sc_i / 2.
    @Test func q6_K() throws {
        var rng = SeededRandom(seed: 6)
        let x = rng.weights(Self.count)
        let (b, y) = try Self.roundTrip(.q6_K, x)
        for i in 0..<x.count {
            let base = (i / 256) * 210
            let d = b.half(at: base + 208)
            let sc = Float(Int8(bitPattern: b[base + 192 + (i % 256) / 16]))
            #expect(abs(x[i] - y[i]) <= abs(d * sc) / 2 * 1.0001 + Self.slack(x[i], d * sc), "Q6_K[\(i)]")
        }
    }

    /// F16: relative error <= 2^-11 in the normal range; BF16: <= 2^-8.
    @Test func floatFormats() throws {
        var rng = SeededRandom(seed: 7)
        let x = rng.weights(Self.count)
        let (_, h) = try Self.roundTrip(.f16, x)
        let (_, b) = try Self.roundTrip(.bf16, x)
        let (_, f) = try Self.roundTrip(.f32, x)
        #expect(f == x)
        for i in 0..<x.count where abs(x[i]) > 6.2e-5 {
            #expect(abs(x[i] - h[i]) <= abs(x[i]) * 0x1p-11)
            #expect(abs(x[i] - b[i]) <= abs(x[i]) * 0x1p-8)
        }
    }

    @Test func zerosAndConstantsSurvive() throws {
        for type in [GGMLType.q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .q8_K, .q8_1] {
            let zeros = [Float](repeating: 0, count: 256)
            #expect(try Self.roundTrip(type, zeros).y == zeros, "\(type.name)")
            let constant = [Float](repeating: 0.75, count: 256)
            for v in try Self.roundTrip(type, constant).y { #expect(abs(v - 0.75) <= 0.75 / 30, "\(type.name)") }
        }
    }
}
