/// GPT-2's reversible mapping between bytes and printable Unicode scalars. Byte-level BPE
/// vocabularies store tokens in this alphabet, so that every byte sequence (including
/// spaces, control bytes and partial UTF-8) is spelled with visible characters: a space
/// is "Ġ" (U+0120), a newline "Ċ" (U+010A).
///
/// Printable Latin-1 bytes ('!'...'~', '¡'...'¬', '®'...'ÿ') stand for themselves; the
/// remaining 68 bytes map, in byte order, to U+0100, U+0101, ...
enum BPEByteMapping {
    /// The scalar that spells `byte`.
    static let scalarForByte: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if standsForItself(byte) {
                table[byte] = Unicode.Scalar(UInt8(byte))
            } else {
                // 256...323: always valid scalars.
                table[byte] = Unicode.Scalar(next) ?? " "
                next += 1
            }
        }
        return table
    }()

    /// The byte a scalar spells, or nil if it is not in the alphabet.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 256 {
            return standsForItself(Int(value)) ? UInt8(value) : nil
        }
        guard value < 256 + 68 else { return nil }
        return byteForMappedScalar[Int(value - 256)]
    }

    /// The bytes a vocabulary string spells, or nil if it contains a scalar outside the alphabet.
    static func bytes(spelledBy text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard let byte = byte(for: scalar) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private static func standsForItself(_ byte: Int) -> Bool {
        (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
    }

    /// Inverse of the shifted part of `scalarForByte`: U+0100 + i spells this byte.
    private static let byteForMappedScalar: [UInt8] = (0..<256).filter { !standsForItself($0) }.map { UInt8($0) }
}
