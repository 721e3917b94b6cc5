import Foundation

/// A `KVSnapshot` as a file, so that a prompt prefix prefilled by one process serves the next (a CLI
/// command that plans one picture would otherwise prefill the same examples every time).
///
///     "TKVSNAP1" (8 bytes), layers, kvDim, token count (UInt32 LE each), the tokens (UInt32 LE each),
///     then keys and values as float32 LE, [layer][position][kvDim] each.
extension KVSnapshot {
    static let fileMagic = Array("TKVSNAP1".utf8)

    /// The snapshot's bytes in the layout above.
    public func fileBytes() -> [UInt8] {
        var out = Self.fileMagic
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        append(UInt32(layers))
        append(UInt32(kvDim))
        append(UInt32(tokens.count))
        for token in tokens { append(UInt32(truncatingIfNeeded: token)) }
        keys.withUnsafeBytes { out += $0 }
        values.withUnsafeBytes { out += $0 }
        return out
    }

    /// Reads bytes written by `fileBytes`; nil when they are not such a snapshot (wrong magic, sizes that
    /// do not add up). Whether it fits a context is checked by `LlamaContext.restore`.
    public init?(fileBytes data: Data) {
        let headerSize = Self.fileMagic.count + 12
        guard data.count >= headerSize, Array(data.prefix(Self.fileMagic.count)) == Self.fileMagic else { return nil }
        func word(_ offset: Int) -> Int {
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(data[data.startIndex + offset + k]) << (8 * k) }
            return Int(value)
        }
        let layers = word(8), kvDim = word(12), count = word(16)
        guard layers > 0, layers <= 1024, kvDim > 0, kvDim <= 65536, count <= 1 << 20 else { return nil }
        let floats = layers * count * kvDim
        guard data.count == headerSize + 4 * count + 8 * floats else { return nil }
        let tokens = (0..<count).map { word(headerSize + 4 * $0) }
        let start = data.startIndex + headerSize + 4 * count
        var keys = [Float](repeating: 0, count: floats), values = keys
        keys.withUnsafeMutableBytes { _ = data[start..<start + 4 * floats].copyBytes(to: $0) }
        values.withUnsafeMutableBytes { _ = data[(start + 4 * floats)..<(start + 8 * floats)].copyBytes(to: $0) }
        self.init(tokens: tokens, keys: keys, values: values, kvDim: kvDim, layers: layers)
    }
}
