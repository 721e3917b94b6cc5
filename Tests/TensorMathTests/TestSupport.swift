import Foundation
import TensorMath

/// Deterministic random numbers for generated test data (xorshift64*).
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 24) }

    /// Standard normal (Box–Muller).
    mutating func gaussian() -> Float {
        let u = max(uniform(), 1e-7), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// Weight-like data: Gaussian with a few large outliers and varying scale per 32-run, as real tensors have.
    mutating func weights(_ count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        var scale: Float = 1
        for i in 0..<count {
            if i % 32 == 0 { scale = 0.01 + uniform() * 0.2 }
            out[i] = gaussian() * scale * (uniform() < 0.01 ? 8 : 1)
        }
        return out
    }
}

enum Fixtures {
    static func data(_ name: String, _ ext: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    static func bytes(_ name: String, _ ext: String) throws -> [UInt8] { [UInt8](try data(name, ext)) }

    static func floats(_ name: String, _ ext: String) throws -> [Float] {
        let d = try data(name, ext)
        let bytes = [UInt8](d)
        return stride(from: 0, to: bytes.count - 3, by: 4).map { bytes.float32(at: $0) }
    }

    static func halves(_ name: String, _ ext: String) throws -> [UInt16] {
        let d = try data(name, ext)
        return stride(from: 0, to: d.count - 1, by: 2).map { UInt16(d[$0]) | UInt16(d[$0 + 1]) << 8 }
    }
}

/// Little-endian field readers for block bytes.
extension Array where Element == UInt8 {
    func half(at offset: Int) -> Float { float16ToFloat(UInt16(self[offset]) | UInt16(self[offset + 1]) << 8) }
    func float32(at offset: Int) -> Float {
        let b0 = UInt32(self[offset]), b1 = UInt32(self[offset + 1]) << 8
        let b2 = UInt32(self[offset + 2]) << 16, b3 = UInt32(self[offset + 3]) << 24
        return Float(bitPattern: b0 | b1 | b2 | b3)
    }
}

/// The 6-bit scale and min of sub-block i of a Q4_K / Q5_K block's 12 scale bytes (independent of the C code).
func kScaleMin(_ i: Int, _ s: ArraySlice<UInt8>) -> (scale: Int, min: Int) {
    let s = Array(s)
    if i < 4 { return (Int(s[i] & 63), Int(s[i + 4] & 63)) }
    return (Int(s[i + 4] & 15) | Int(s[i - 4] >> 6) << 4, Int(s[i + 4] >> 4) | Int(s[i] >> 6) << 4)
}

/// Σ a·b in Double.
func exactDot(_ a: [Float], _ b: [Float]) -> Double {
    zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}
