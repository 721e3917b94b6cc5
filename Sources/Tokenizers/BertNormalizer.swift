import Foundation

/// BERT's text normalizer, as `tokenizer.json` configures it ("type": "BertNormalizer").
///
/// Steps, in HF tokenizers' order: clean text (drop NUL, U+FFFD and control, format and
/// private-use characters, and map every white space to ' '), put spaces around CJK ideographs,
/// strip accents (NFD, then drop non-spacing marks Mn), lower-case (per scalar, full mapping).
/// All work is on Unicode scalars, as the reference works on Rust `char`s.
public struct BertNormalizer: Sendable, Equatable {
    public var cleanText: Bool
    public var handleChineseChars: Bool
    public var stripAccents: Bool
    public var lowercase: Bool

    /// `stripAccents: nil` means "follow `lowercase`", as in BERT's uncased models.
    public init(cleanText: Bool = true, handleChineseChars: Bool = true, stripAccents: Bool? = nil, lowercase: Bool = true) {
        self.cleanText = cleanText
        self.handleChineseChars = handleChineseChars
        self.stripAccents = stripAccents ?? lowercase
        self.lowercase = lowercase
    }

    public func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if cleanText {
                if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
                if Self.isWhitespace(scalar) { scalars.append(" "); continue }
            }
            if handleChineseChars && Self.isChineseCharacter(scalar) {
                scalars.append(" "); scalars.append(scalar); scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        var result = String(scalars)
        if stripAccents {
            var stripped = String.UnicodeScalarView()
            for scalar in result.decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                stripped.append(scalar)
            }
            result = String(stripped)
        }
        if lowercase {
            var lowered = String.UnicodeScalarView()
            for scalar in result.unicodeScalars {
                if scalar.isASCII {
                    lowered.append(scalar.properties.isUppercase ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
                } else {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            result = String(lowered)
        }
        return result
    }

    /// White space as BERT counts it: tab, newline, carriage return, and Unicode White_Space.
    @inlinable
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.isWhitespace
        }
    }

    /// Control as BERT counts it: general categories Cc, Cf, Co (and Cs), except the three
    /// white-space controls, which `isWhitespace` turns into spaces instead. Unassigned code
    /// points (Cn) are kept, as HF tokenizers keeps them (they become [UNK]).
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }

    /// The CJK Unified Ideographs blocks (and compatibility blocks) that BERT splits one per token.
    /// Hangul, Hiragana and Katakana are not in these ranges, as in the original BERT.
    @inlinable
    public static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
