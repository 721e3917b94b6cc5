/// Decoding single scalars from UTF-8 bytes that may be cut short (never traps).
enum UTF8Scalar {
    /// Length of the scalar starting with `lead` (1 for stray continuation bytes).
    static func length(lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// The scalar in `bytes[start..<start+length]`, or U+FFFD when malformed.
    static func decode(_ bytes: [UInt8], at start: Int, length: Int) -> Unicode.Scalar {
        guard start >= 0, start + length <= bytes.count, length >= 1 else { return "\u{FFFD}" }
        let lead = UInt32(bytes[start])
        var value: UInt32
        switch length {
        case 1: value = lead
        case 2: value = lead & 0x1F
        case 3: value = lead & 0x0F
        default: value = lead & 0x07
        }
        if length > 1 {
            for index in (start + 1)..<(start + length) {
                value = value << 6 | UInt32(bytes[index] & 0x3F)
            }
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
