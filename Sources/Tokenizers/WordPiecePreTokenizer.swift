/// BERT's pre-tokenizer ("type": "BertPreTokenizer"): split on white space (dropped) and make
/// every punctuation character a word of its own.
public enum WordPiecePreTokenizer {
    /// Words of `text`, each a run of scalars.
    public static func words(_ text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if BertNormalizer.isWhitespace(scalar) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
            } else if isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// BERT's punctuation: every ASCII symbol or punctuation mark (so `$`, `+`, `^`, `` ` ``, `|`, `~`
    /// count, though Unicode calls them symbols), plus Unicode categories P* (Pc Pd Ps Pe Pi Pf Po).
    @inlinable
    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default:
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }
    }
}
