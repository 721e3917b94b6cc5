import ModelFormats

/// Byte-level BPE tokenizer (GPT-2 family: SmolLM, Llama 3, Qwen 2), built from the
/// `tokenizer.ggml.*` metadata of a GGUF file. Its output matches llama.cpp's tokenizer
/// for the same file.
///
/// Encoding: the text is first cut at special tokens (control tokens only when
/// `parseSpecial` is set; user-defined tokens always), each remaining piece is split into
/// words by the pre-tokenizer, and each word's UTF-8 bytes are merged by BPE.
public final class BPETokenizer: GGUFTokenizer {
    public let vocabularySize: Int
    public let bosID: Int32?
    public let eosID: Int32?
    public let unknownID: Int32?
    public let paddingID: Int32?
    /// Tokens that end generation (end of sequence, end of turn).
    public let eogIDs: Set<Int32>
    /// Whether `encode(_, addSpecial: true, ...)` puts BOS first / EOS last.
    public let addsBOS: Bool
    public let addsEOS: Bool
    public let preTokenizer: PreTokenizer

    /// Vocabulary strings as stored (byte-level alphabet for normal tokens).
    private let tokens: [String]
    /// The bytes each token stands for when decoded.
    private let tokenBytes: [[UInt8]]
    private let isSpecial: [Bool]
    /// Token for a word's raw bytes, for vocabularies that look a word up whole before
    /// merging (llama.cpp's `ignore_merges`, set for the Llama 3 pre-tokenizers).
    private let wholeWordTokens: [[UInt8]: Int32]?
    private let merges: BPEMerges
    private let specialTokens: GGUFTokenizerSpecialTokens

    public convenience init(gguf: GGUFFile) throws {
        let model = gguf.string("tokenizer.ggml.model") ?? "(none)"
        guard model == "gpt2" else { throw BPETokenizerError.unsupportedModel(model) }
        let preName = gguf.string("tokenizer.ggml.pre") ?? "(none)"
        guard let preTokenizer = PreTokenizer(ggufName: preName) else {
            throw BPETokenizerError.unsupportedPreTokenizer(preName)
        }
        guard let tokens = gguf.stringArray("tokenizer.ggml.tokens") else {
            throw BPETokenizerError.missingKey("tokenizer.ggml.tokens")
        }
        guard let merges = gguf.stringArray("tokenizer.ggml.merges") else {
            throw BPETokenizerError.missingKey("tokenizer.ggml.merges")
        }
        let types = gguf.intArray("tokenizer.ggml.token_type")
        if let types, types.count != tokens.count {
            throw BPETokenizerError.invalidVocabulary("\(types.count) token types for \(tokens.count) tokens")
        }
        func tokenID(_ key: String) -> Int32? {
            guard let id = gguf.int(key), id >= 0, id < tokens.count else { return nil }
            return Int32(id)
        }
        // llama.cpp's Llama 3 family looks whole words up before merging (`ignore_merges`)
        // and adds BOS unless the file says otherwise; other BPE models add none by default.
        let ignoresMerges = ["llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral"].contains(preName)
        try self.init(
            tokens: tokens, tokenTypes: types, merges: merges, preTokenizer: preTokenizer,
            bosID: tokenID("tokenizer.ggml.bos_token_id"),
            eosID: tokenID("tokenizer.ggml.eos_token_id"),
            eotID: tokenID("tokenizer.ggml.eot_token_id"),
            eomID: tokenID("tokenizer.ggml.eom_token_id"),
            unknownID: tokenID("tokenizer.ggml.unknown_token_id"),
            paddingID: tokenID("tokenizer.ggml.padding_token_id"),
            addsBOS: gguf.bool("tokenizer.ggml.add_bos_token") ?? ignoresMerges,
            addsEOS: gguf.bool("tokenizer.ggml.add_eos_token") ?? false,
            ignoresMerges: ignoresMerges)
    }

    /// Builds a tokenizer from its parts. `tokenTypes` are `tokenizer.ggml.token_type`
    /// values (nil: all normal); `merges` are "left right" in the byte-level alphabet,
    /// highest priority first.
    public init(
        tokens: [String], tokenTypes: [Int]?, merges mergeLines: [String], preTokenizer: PreTokenizer,
        bosID: Int32?, eosID: Int32?, eotID: Int32? = nil, eomID: Int32? = nil,
        unknownID: Int32? = nil, paddingID: Int32? = nil,
        addsBOS: Bool, addsEOS: Bool, ignoresMerges: Bool = false
    ) throws {
        guard !tokens.isEmpty, tokens.count < Int(Int32.max) else {
            throw BPETokenizerError.invalidVocabulary("\(tokens.count) tokens")
        }
        if let tokenTypes, tokenTypes.count != tokens.count {
            throw BPETokenizerError.invalidVocabulary("\(tokenTypes.count) token types for \(tokens.count) tokens")
        }
        vocabularySize = tokens.count
        self.tokens = tokens
        self.preTokenizer = preTokenizer
        self.bosID = bosID
        self.eosID = eosID
        self.unknownID = unknownID
        self.paddingID = paddingID
        self.addsBOS = addsBOS && bosID != nil
        self.addsEOS = addsEOS && eosID != nil

        var tokenBytes: [[UInt8]] = []
        var isSpecial: [Bool] = []
        var idForBytes: [[UInt8]: Int32] = [:]
        tokenBytes.reserveCapacity(tokens.count)
        idForBytes.reserveCapacity(tokens.count)
        let types = GGUFTokenType.types(tokenTypes, count: tokens.count)
        for (index, text) in tokens.enumerated() {
            let id = Int32(index)
            let type = types[index]
            // BPE output is looked up among all tokens by spelling, as llama.cpp does.
            let spelled = BPEByteMapping.bytes(spelledBy: text)
            if let spelled { idForBytes[spelled] = id }
            switch type {
            case .control, .userDefined, .unknown:
                // Stored as plain text, not in the byte-level alphabet.
                tokenBytes.append(Array(text.utf8))
                isSpecial.append(type != .userDefined)
            case .unused, .undefined:
                // llama.cpp renders these as nothing.
                tokenBytes.append([])
                isSpecial.append(false)
            default:
                tokenBytes.append(spelled ?? Array(text.utf8))
                isSpecial.append(false)
            }
        }

        var byteTokens = [Int32](repeating: -1, count: 256)
        for byte in 0..<256 {
            byteTokens[byte] = idForBytes[[UInt8(byte)]] ?? -1
        }
        var merges: [UInt64: BPEMerges.Merge] = [:]
        merges.reserveCapacity(mergeLines.count)
        var line: [UInt8] = []  // one merge, both sides, in bytes
        for (rank, text) in mergeLines.enumerated() {
            // "left right" in the byte alphabet, which has no space: the first space
            // after the first scalar separates the sides.
            line.removeAll(keepingCapacity: true)
            var split = -1
            var spelled = true
            for scalar in text.unicodeScalars {
                if scalar == " " && split < 0 && !line.isEmpty {
                    split = line.count
                } else if let byte = BPEByteMapping.byte(for: scalar) {
                    line.append(byte)
                } else {
                    spelled = false
                    break
                }
            }
            guard spelled, split > 0, split < line.count,
                  let leftID = idForBytes[Array(line[..<split])],
                  let rightID = idForBytes[Array(line[split...])],
                  let resultID = idForBytes[line]
            else { continue }
            let key = BPEMerges.pairKey(leftID, rightID)
            if merges[key] == nil {
                merges[key] = .init(rank: Int32(rank), result: resultID)
            }
        }

        var eogIDs = Set([eosID, eotID, eomID].compactMap { $0 })
        let endOfGenerationTexts: Set<String> = [
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>",
            "<EOT>", "_<EOT>", "<|end_of_text|>", "<end_of_utterance>",
        ]
        for (index, text) in tokens.enumerated() where endOfGenerationTexts.contains(text) {
            eogIDs.insert(Int32(index))
        }

        self.tokenBytes = tokenBytes
        self.isSpecial = isSpecial
        self.specialTokens = GGUFTokenizerSpecialTokens(tokens: tokens, types: types)
        self.merges = BPEMerges(merges: merges, byteTokens: byteTokens)
        self.wholeWordTokens = ignoresMerges ? idForBytes : nil
        self.eogIDs = eogIDs
    }

    // MARK: Encoding

    /// The token ids of `text`. `addSpecial` adds BOS/EOS as the model asks;
    /// `parseSpecial` turns control-token text such as `<|im_start|>` into that token
    /// (otherwise it is tokenized as ordinary text).
    public func encode(_ text: String, addSpecial: Bool = false, parseSpecial: Bool = false) -> [Int32] {
        var output: [Int32] = []
        if addSpecial && addsBOS, let bosID { output.append(bosID) }
        let bytes = Array(text.utf8)
        for fragment in specialTokens.partition(bytes, parseSpecial: parseSpecial) {
            switch fragment {
            case let .special(id):
                output.append(id)
            case let .text(range):
                encodeText(bytes[range], into: &output)
            }
        }
        if addSpecial && addsEOS, let eosID { output.append(eosID) }
        return output
    }

    private func encodeText(_ bytes: ArraySlice<UInt8>, into output: inout [Int32]) {
        // Special-token cuts fall on scalar boundaries (the tokens are valid UTF-8), so
        // each fragment is valid UTF-8 on its own.
        var scalars: [Unicode.Scalar] = []
        var scalarOffsets: [Int] = []  // byte offset of each scalar, then the end
        scalars.reserveCapacity(bytes.count)
        scalarOffsets.reserveCapacity(bytes.count + 1)
        var offset = bytes.startIndex
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                scalars.append(scalar)
                scalarOffsets.append(offset)
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                // Unreachable for text that came from a String.
                scalars.append("\u{FFFD}")
                scalarOffsets.append(offset)
                offset += 1
            }
        }
        scalarOffsets.append(bytes.endIndex)

        let base = bytes.startIndex
        var scratch = BPEMerges.Scratch()
        bytes.withUnsafeBufferPointer { all in
            for word in preTokenizer.split(scalars) {
                let start = scalarOffsets[word.lowerBound] - base
                let end = scalarOffsets[word.upperBound] - base
                let wordBytes = UnsafeBufferPointer(rebasing: all[start..<end])
                if let wholeWordTokens, let id = wholeWordTokens[Array(wordBytes)] {
                    output.append(id)
                    continue
                }
                merges.encode(wordBytes, scratch: &scratch, into: &output)
            }
        }
    }

    // MARK: Decoding

    /// The text of `ids`. Invalid UTF-8 (a sequence cut in the middle) becomes U+FFFD;
    /// use `BPEStreamingDecoder` to decode token by token.
    public func decode(_ ids: [Int32], skipSpecial: Bool = false) -> String {
        var bytes: [UInt8] = []
        for id in ids { appendBytes(of: id, skipSpecial: skipSpecial, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes token `id` stands for; nothing for an id outside the vocabulary.
    public func bytes(of id: Int32, skipSpecial: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBytes(of: id, skipSpecial: skipSpecial, to: &bytes)
        return bytes
    }

    private func appendBytes(of id: Int32, skipSpecial: Bool, to bytes: inout [UInt8]) {
        guard id >= 0, Int(id) < vocabularySize else { return }
        if skipSpecial && isSpecial[Int(id)] { return }
        bytes += tokenBytes[Int(id)]
    }

    /// The vocabulary entry of `id` as stored in the model (normal tokens are spelled in
    /// the byte-level alphabet, e.g. "Ġthe"); empty for an id outside the vocabulary.
    public func tokenText(_ id: Int32) -> String {
        guard id >= 0, Int(id) < vocabularySize else { return "" }
        return tokens[Int(id)]
    }

    /// The id of the vocabulary entry spelled exactly `text`, if any.
    public func tokenID(_ text: String) -> Int32? {
        tokens.firstIndex(of: text).map { Int32($0) }
    }

    /// Whether `id` is a control or unknown token (rendered only when asked for).
    public func isSpecialToken(_ id: Int32) -> Bool {
        id >= 0 && Int(id) < vocabularySize && isSpecial[Int(id)]
    }
}
