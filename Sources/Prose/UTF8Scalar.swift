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
        if value == 0x1A { return "\u{FFFD}" }  // SourceText's stand-in for NUL, shown as cmark would show NUL
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

extension String {
    /// A string from UTF-16 units, transcoded here to UTF-8: several times faster than `String(decoding:as:)`
    /// with UTF16, whose generic path dominated profiles. Unpaired surrogates become U+FFFD.
    init(utf16Units units: ArraySlice<UInt16>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count + units.count / 2)
        var index = units.startIndex
        let end = units.endIndex
        while index < end {
            var value = UInt32(units[index])
            index += 1
            if value >= 0xD800, value < 0xE000 {
                if value < 0xDC00, index < end, units[index] >= 0xDC00, units[index] < 0xE000 {
                    value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                    index += 1
                } else {
                    value = 0xFFFD
                }
            }
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | value >> 6))
                bytes.append(UInt8(0x80 | value & 0x3F))
            } else if value < 0x10000 {
                bytes.append(UInt8(0xE0 | value >> 12))
                bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            } else {
                bytes.append(UInt8(0xF0 | value >> 18))
                bytes.append(UInt8(0x80 | (value >> 12) & 0x3F))
                bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
