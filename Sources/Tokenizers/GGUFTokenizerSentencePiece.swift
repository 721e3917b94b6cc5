import ModelFormats

/// SentencePiece-style tokenizer (`tokenizer.ggml.model = llama`: Llama 1/2, Mistral,
/// TinyLlama), matching llama.cpp's.
///
/// Spaces are written "▁" (U+2581) and, with `add_space_prefix`, the text gets a leading
/// space. Starting from single characters, the adjacent pair whose concatenation is the
/// vocabulary entry with the highest score (the leftmost on a tie) is merged, until no
/// pair forms an entry. A piece that is not in the vocabulary falls back to byte tokens
/// `<0xXX>`.
public final class SentencePieceTokenizer: GGUFTokenizer {
    public let vocabularySize: Int
    public let bosID: Int32?
    public let eosID: Int32?
    public let eogIDs: Set<Int32>
    public let addsBOS: Bool
    public let addsEOS: Bool
    public let addsSpacePrefix: Bool

    private let tokens: [String]
    private let scores: [Float]
    private let tokenBytes: [[UInt8]]
    private let isSpecial: [Bool]
    /// Every vocabulary entry by its UTF-8 text, as llama.cpp looks pieces up.
    private let idForText: [[UInt8]: Int32]
    /// `<0xXX>` for each byte; -1 where the vocabulary has none.
    private let byteTokens: [Int32]
    private let specialTokens: GGUFTokenizerSpecialTokens

    public convenience init(gguf: GGUFFile) throws {
        let model = gguf.string("tokenizer.ggml.model") ?? "(none)"
        guard model == "llama" else { throw BPETokenizerError.unsupportedModel(model) }
        guard let tokens = gguf.stringArray("tokenizer.ggml.tokens") else {
            throw BPETokenizerError.missingKey("tokenizer.ggml.tokens")
        }
        func tokenID(_ key: String) -> Int32? {
            guard let id = gguf.int(key), id >= 0, id < tokens.count else { return nil }
            return Int32(id)
        }
        try self.init(
            tokens: tokens, scores: gguf.floatArray("tokenizer.ggml.scores"),
            tokenTypes: gguf.intArray("tokenizer.ggml.token_type"),
            bosID: tokenID("tokenizer.ggml.bos_token_id") ?? 1,
            eosID: tokenID("tokenizer.ggml.eos_token_id") ?? 2,
            eotID: tokenID("tokenizer.ggml.eot_token_id"),
            addsBOS: gguf.bool("tokenizer.ggml.add_bos_token") ?? true,
            addsEOS: gguf.bool("tokenizer.ggml.add_eos_token") ?? false,
            addsSpacePrefix: gguf.bool("tokenizer.ggml.add_space_prefix") ?? true)
    }

    /// `scores` nil: all zero; `tokenTypes` nil: all normal. The defaults for BOS/EOS
    /// (1 and 2) and for adding BOS and a space prefix are llama.cpp's for this model.
    public init(
        tokens: [String], scores: [Float]?, tokenTypes: [Int]?,
        bosID: Int32?, eosID: Int32?, eotID: Int32? = nil,
        addsBOS: Bool, addsEOS: Bool, addsSpacePrefix: Bool
    ) throws {
        guard !tokens.isEmpty, tokens.count < Int(Int32.max) else {
            throw BPETokenizerError.invalidVocabulary("\(tokens.count) tokens")
        }
        if let scores, scores.count != tokens.count {
            throw BPETokenizerError.invalidVocabulary("\(scores.count) scores for \(tokens.count) tokens")
        }
        if let tokenTypes, tokenTypes.count != tokens.count {
            throw BPETokenizerError.invalidVocabulary("\(tokenTypes.count) token types for \(tokens.count) tokens")
        }
        let bosID = bosID.flatMap { $0 < tokens.count ? $0 : nil }
        let eosID = eosID.flatMap { $0 < tokens.count ? $0 : nil }
        vocabularySize = tokens.count
        self.tokens = tokens
        self.scores = scores ?? [Float](repeating: 0, count: tokens.count)
        self.bosID = bosID
        self.eosID = eosID
        self.addsBOS = addsBOS && bosID != nil
        self.addsEOS = addsEOS && eosID != nil
        self.addsSpacePrefix = addsSpacePrefix

        let types = GGUFTokenType.types(tokenTypes, count: tokens.count)
        var idForText: [[UInt8]: Int32] = [:]
        var tokenBytes: [[UInt8]] = []
        var isSpecial: [Bool] = []
        var byteTokens = [Int32](repeating: -1, count: 256)
        for (index, text) in tokens.enumerated() {
            let raw = Array(text.utf8)
            idForText[raw] = Int32(index)
            switch types[index] {
            case .control, .unknown:
                tokenBytes.append(raw)
                isSpecial.append(true)
            case .userDefined:
                tokenBytes.append(raw)
                isSpecial.append(false)
            case .byte:
                if let byte = Self.byteValue(text) {
                    tokenBytes.append([byte])
                    byteTokens[Int(byte)] = Int32(index)
                } else {
                    tokenBytes.append([])
                }
                isSpecial.append(false)
            case .normal:
                tokenBytes.append(Self.unescapingSpaces(raw))
                isSpecial.append(false)
            case .unused, .undefined:
                tokenBytes.append([])
                isSpecial.append(false)
            }
        }
        self.idForText = idForText
        self.tokenBytes = tokenBytes
        self.isSpecial = isSpecial
        self.byteTokens = byteTokens
        self.specialTokens = GGUFTokenizerSpecialTokens(tokens: tokens, types: types)

        var eogIDs = Set([eosID, eotID].compactMap { $0 })
        for (index, text) in tokens.enumerated() where ["</s>", "<|eot_id|>", "<|im_end|>", "<end_of_turn>", "<|endoftext|>"].contains(text) {
            if types[index] == .control { eogIDs.insert(Int32(index)) }
        }
        self.eogIDs = eogIDs
    }

    /// "<0x0A>" → 10.
    private static func byteValue(_ text: String) -> UInt8? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 6, utf8[0] == 0x3C, utf8[1] == 0x30, utf8[2] == 0x78, utf8[5] == 0x3E else { return nil }
        return UInt8(String(decoding: utf8[3...4], as: UTF8.self), radix: 16)
    }

    private static let escapedSpace: [UInt8] = [0xE2, 0x96, 0x81]  // "▁"

    private static func unescapingSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x96, bytes[index + 2] == 0x81 {
                out.append(0x20)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    // MARK: Encoding

    public func encode(_ text: String, addSpecial: Bool = false, parseSpecial: Bool = false) -> [Int32] {
        var output: [Int32] = []
        if addSpecial && addsBOS, let bosID { output.append(bosID) }
        let bytes = Array(text.utf8)
        // A space is prefixed to text at the start and after each special token.
        var afterSpecial = true
        var scratch = Scratch()
        for fragment in specialTokens.partition(bytes, parseSpecial: parseSpecial) {
            switch fragment {
            case let .special(id):
                output.append(id)
                afterSpecial = true
            case let .text(range):
                var escaped: [UInt8] = addsSpacePrefix && afterSpecial ? Self.escapedSpace : []
                for byte in bytes[range] {
                    if byte == 0x20 { escaped += Self.escapedSpace } else { escaped.append(byte) }
                }
                encodePiece(escaped, scratch: &scratch, into: &output)
                afterSpecial = false
            }
        }
        if addSpecial && addsEOS, let eosID { output.append(eosID) }
        return output
    }

    private struct Symbol {
        var start: Int
        var length: Int
        var previous: Int
        var next: Int
    }

    private struct Candidate: BPEHeapElement {
        let score: Float
        let left: Int
        let right: Int
        let length: Int

        func precedes(_ other: Candidate) -> Bool {
            score > other.score || (score == other.score && left < other.left)
        }
    }

    private struct Scratch {
        var symbols: [Symbol] = []
        var heap = BPEHeap<Candidate>()
    }

    private func encodePiece(_ text: [UInt8], scratch: inout Scratch, into output: inout [Int32]) {
        guard !text.isEmpty else { return }
        // One symbol per UTF-8 character, by the length its lead byte announces.
        scratch.symbols.removeAll(keepingCapacity: true)
        scratch.heap.removeAll()
        var offset = 0
        while offset < text.count {
            let lead = text[offset]
            let announced = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let length = min(announced, text.count - offset)
            let index = scratch.symbols.count
            scratch.symbols.append(Symbol(start: offset, length: length, previous: index - 1,
                                          next: offset + length < text.count ? index + 1 : -1))
            offset += length
        }

        func consider(_ left: Int, _ scratch: inout Scratch) {
            guard left >= 0 else { return }
            let right = scratch.symbols[left].next
            guard right >= 0 else { return }
            let start = scratch.symbols[left].start
            let length = scratch.symbols[left].length + scratch.symbols[right].length
            guard let id = idForText[Array(text[start..<start + length])] else { return }
            scratch.heap.push(Candidate(score: scores[Int(id)], left: left, right: right, length: length))
        }
        for left in 0..<(scratch.symbols.count - 1) { consider(left, &scratch) }

        while let candidate = scratch.heap.pop() {
            let left = candidate.left, right = candidate.right
            // Skip candidates an earlier merge has changed.
            guard scratch.symbols[left].length > 0, scratch.symbols[right].length > 0,
                  scratch.symbols[left].next == right,
                  scratch.symbols[left].length + scratch.symbols[right].length == candidate.length
            else { continue }
            scratch.symbols[left].length = candidate.length
            scratch.symbols[right].length = 0
            let afterRight = scratch.symbols[right].next
            scratch.symbols[left].next = afterRight
            if afterRight >= 0 { scratch.symbols[afterRight].previous = left }
            consider(scratch.symbols[left].previous, &scratch)
            consider(left, &scratch)
        }

        var index = 0
        while index >= 0 {
            let symbol = scratch.symbols[index]
            let piece = Array(text[symbol.start..<symbol.start + symbol.length])
            if let id = idForText[piece] {
                output.append(id)
            } else {
                // Merged pieces are always entries, so this is a single character that is
                // not: spell it in bytes.
                for byte in piece where byteTokens[Int(byte)] >= 0 {
                    output.append(byteTokens[Int(byte)])
                }
            }
            index = symbol.next
        }
    }

    // MARK: Decoding

    /// The text of `ids`. The space that encoding prefixed is removed from the first
    /// text token (after any leading special tokens), so that decoding inverts encoding.
    public func decode(_ ids: [Int32], skipSpecial: Bool = false) -> String {
        var bytes: [UInt8] = []
        var stripSpace = addsSpacePrefix
        for id in ids {
            var piece = self.bytes(of: id, skipSpecial: skipSpecial)
            if isSpecialToken(id) { bytes += piece; continue }
            if stripSpace, piece.first == 0x20 { piece.removeFirst() }
            stripSpace = false
            bytes += piece
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func bytes(of id: Int32, skipSpecial: Bool = false) -> [UInt8] {
        guard id >= 0, Int(id) < vocabularySize else { return [] }
        if skipSpecial && isSpecial[Int(id)] { return [] }
        return tokenBytes[Int(id)]
    }

    public func tokenText(_ id: Int32) -> String {
        guard id >= 0, Int(id) < vocabularySize else { return "" }
        return tokens[Int(id)]
    }

    public func isSpecialToken(_ id: Int32) -> Bool {
        id >= 0 && Int(id) < vocabularySize && isSpecial[Int(id)]
    }
}
