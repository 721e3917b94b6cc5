/// The three character classes the pre-tokenizer regexes use: \p{L}, \p{N} and \s.
struct PreTokenizerScalarClass: Equatable {
    var isLetter = false
    var isNumber = false
    var isWhitespace = false
    /// False only for positions outside the text being split (the regexes' "end").
    var exists = false

    /// Not \s, \p{L} or \p{N}: what `[^\s\p{L}\p{N}]` matches.
    var isOther: Bool { exists && !isLetter && !isNumber && !isWhitespace }

    static let outside = PreTokenizerScalarClass()

    init() {}

    init(_ scalar: Unicode.Scalar) {
        exists = true
        let value = scalar.value
        if value < 128 {
            // ASCII fast path.
            let byte = UInt8(value)
            isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            isNumber = byte >= 0x30 && byte <= 0x39
            isWhitespace = (byte >= 0x09 && byte <= 0x0D) || byte == 0x20
            return
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            isLetter = true
        case .decimalNumber, .letterNumber, .otherNumber:
            isNumber = true
        default:
            break
        }
        isWhitespace = Self.isWhitespace(value)
    }

    /// \s as the reference tokenizers define it: the Unicode White_Space property.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
