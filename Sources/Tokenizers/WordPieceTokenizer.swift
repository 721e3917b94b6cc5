import Foundation

/// BERT's WordPiece tokenizer, configured from a Hugging Face `tokenizer.json`.
///
/// `encode` follows HF tokenizers for a single sequence with padding disabled:
/// 1. split the raw text on added (special) tokens such as `[MASK]`, which map straight to their ids;
/// 2. normalize the rest (`BertNormalizer`), split it into words (`WordPiecePreTokenizer`);
/// 3. each word: greedy longest-match-first over the vocabulary, continuation pieces prefixed `##`;
///    a word longer than `maxInputCharactersPerWord`, or one with an unmatchable tail, is `[UNK]`;
/// 4. truncate to `maximumLength` minus the special tokens, then wrap as `[CLS] … [SEP]`.
/// Padding is the batcher's business, not one sentence's, so the json's padding setting is ignored.
public struct WordPieceTokenizer: Sendable {
    public let normalizer: BertNormalizer?
    public let unknownID: Int32
    public let continuingPrefix: String
    public let maxInputCharactersPerWord: Int
    /// Ids put before and after the sequence (the post-processor's single template).
    public let prefixIDs: [Int32]
    public let suffixIDs: [Int32]
    /// Length of the whole encoding, specials included; `nil` for no truncation.
    public var maximumLength: Int?
    /// The padding id the json names (0 for BERT), for batchers.
    public let paddingID: Int32

    /// Vocabulary keyed by UTF-8 bytes: Swift `String` equality is canonical equivalence, which
    /// would match a decomposed Hangul word against a precomposed vocabulary entry, unlike the reference.
    private let vocabulary: [[UInt8]: Int32]
    private let continuingPrefixBytes: [UInt8]
    private let addedTokens: [(content: [Unicode.Scalar], id: Int32)]
    public let tokensByID: [String]

    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw WordPieceError.cannotRead("\(url.path): \(error.localizedDescription)")
        }
        try self.init(json: data)
    }

    public init(json: Data) throws {
        let file: TokenizerFile
        do { file = try JSONDecoder().decode(TokenizerFile.self, from: json) } catch {
            throw WordPieceError.invalidFile("tokenizer.json does not parse: \(error)")
        }
        let model = file.model
        guard model.type == nil || model.type == "WordPiece" else {
            throw WordPieceError.invalidFile("model type \(model.type ?? "") is not WordPiece")
        }
        var vocabulary: [[UInt8]: Int32] = [:]
        // Ids index an array: a hostile id (2^31, or Int.max where `max + 1` overflows) must not size it.
        // Real vocabularies number their tokens 0..<count; a few gaps are tolerated.
        let idLimit = min(Int(Int32.max), model.vocab.count * 2 + 1024)
        if let id = model.vocab.values.first(where: { $0 < 0 || $0 >= idLimit }) {
            throw WordPieceError.invalidFile("token id \(id) out of range for \(model.vocab.count) tokens")
        }
        var tokensByID = [String](repeating: "", count: (model.vocab.values.max() ?? -1) + 1)
        for (token, id) in model.vocab {
            vocabulary[Array(token.utf8)] = Int32(id)
            tokensByID[id] = token
        }
        let unknownToken = model.unk_token ?? "[UNK]"
        guard let unknownID = vocabulary[Array(unknownToken.utf8)] else {
            throw WordPieceError.invalidFile("unknown token \(unknownToken) is not in the vocabulary")
        }
        self.vocabulary = vocabulary
        self.tokensByID = tokensByID
        self.unknownID = unknownID
        continuingPrefix = model.continuing_subword_prefix ?? "##"
        continuingPrefixBytes = Array(continuingPrefix.utf8)
        maxInputCharactersPerWord = model.max_input_chars_per_word ?? 100

        if let config = file.normalizer {
            guard config.type == "BertNormalizer" else { throw WordPieceError.invalidFile("normalizer \(config.type) is not supported") }
            normalizer = BertNormalizer(cleanText: config.clean_text ?? true, handleChineseChars: config.handle_chinese_chars ?? true,
                                        stripAccents: config.strip_accents, lowercase: config.lowercase ?? true)
        } else {
            normalizer = nil
        }
        if let preTokenizer = file.pre_tokenizer, preTokenizer.type != "BertPreTokenizer" {
            throw WordPieceError.invalidFile("pre-tokenizer \(preTokenizer.type) is not supported")
        }
        addedTokens = (file.added_tokens ?? [])
            .filter { !$0.content.isEmpty && $0.id >= 0 && $0.id <= Int(Int32.max) }
            .map { (Array($0.content.unicodeScalars), Int32($0.id)) }

        // Post-processing: the single-sequence template, or BERT's [CLS] … [SEP] by default.
        func id(of token: String) throws -> Int32 {
            if let special = file.post_processor?.special_tokens?[token]?.ids.first {
                guard let id = Int32(exactly: special), id >= 0 else { throw WordPieceError.invalidFile("special token \(token) has id \(special)") }
                return id
            }
            guard let id = vocabulary[Array(token.utf8)] else { throw WordPieceError.invalidFile("special token \(token) is not in the vocabulary") }
            return id
        }
        var prefix: [Int32] = [], suffix: [Int32] = []
        if let template = file.post_processor?.single {
            var seenSequence = false
            for piece in template {
                if piece.Sequence != nil { seenSequence = true; continue }
                guard let special = piece.SpecialToken else { continue }
                if seenSequence { suffix.append(try id(of: special.id)) } else { prefix.append(try id(of: special.id)) }
            }
        } else {
            prefix = [try id(of: "[CLS]")]
            suffix = [try id(of: "[SEP]")]
        }
        prefixIDs = prefix
        suffixIDs = suffix
        maximumLength = file.truncation?.max_length
        guard let paddingID = Int32(exactly: file.padding?.pad_id ?? 0) else { throw WordPieceError.invalidFile("padding id \(file.padding?.pad_id ?? 0) out of range") }
        self.paddingID = paddingID
    }

    /// Token ids for one sequence, with the special tokens, truncated to `maximumLength`.
    public func encode(_ text: String) -> [Int32] {
        var ids = tokenize(text)
        if let maximumLength {
            let room = max(0, maximumLength - prefixIDs.count - suffixIDs.count)
            if ids.count > room { ids.removeLast(ids.count - room) }
        }
        return prefixIDs + ids + suffixIDs
    }

    /// Token ids of `text` alone: no special tokens, no truncation.
    public func tokenize(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        for segment in splitOnAddedTokens(text) {
            switch segment {
            case .added(let id):
                ids.append(id)
            case .text(let raw):
                let normalized = normalizer?.normalize(raw) ?? raw
                for word in WordPiecePreTokenizer.words(normalized) { appendPieces(of: word, to: &ids) }
            }
        }
        return ids
    }

    /// The token strings for ids (for debugging and tests).
    public func tokens(_ ids: [Int32]) -> [String] {
        ids.map { Int($0) < tokensByID.count && $0 >= 0 ? tokensByID[Int($0)] : "<\($0)>" }
    }

    private enum Segment { case text(String), added(Int32) }

    /// Leftmost-longest matches of the added tokens in the raw text, as HF does for tokens
    /// with `normalized: false` (all of BERT's specials).
    private func splitOnAddedTokens(_ text: String) -> [Segment] {
        guard !addedTokens.isEmpty else { return [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var pending = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            var best: (length: Int, id: Int32)?
            for token in addedTokens where token.content.count > (best?.length ?? 0) && index + token.content.count <= scalars.count {
                if scalars[index..<index + token.content.count].elementsEqual(token.content) { best = (token.content.count, token.id) }
            }
            if let best {
                if !pending.isEmpty { segments.append(.text(String(pending))); pending = String.UnicodeScalarView() }
                segments.append(.added(best.id))
                index += best.length
            } else {
                pending.append(scalars[index])
                index += 1
            }
        }
        if !pending.isEmpty { segments.append(.text(String(pending))) }
        return segments
    }

    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        if word.count > maxInputCharactersPerWord { ids.append(unknownID); return }
        // UTF-8 bytes of the word, and where each scalar starts in them.
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for scalar in word {
            bytes.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
            offsets.append(bytes.count)
        }
        var pieces: [Int32] = []
        var start = 0
        var key: [UInt8] = []
        while start < word.count {
            var end = word.count
            var match: Int32?
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(contentsOf: continuingPrefixBytes) }
                key.append(contentsOf: bytes[offsets[start]..<offsets[end]])
                if let id = vocabulary[key] { match = id; break }
                end -= 1
            }
            guard let match else { ids.append(unknownID); return }
            pieces.append(match)
            start = end
        }
        ids.append(contentsOf: pieces)
    }
}

public enum WordPieceError: Error, CustomStringConvertible {
    case cannotRead(String)
    case invalidFile(String)

    public var description: String {
        switch self {
        case .cannotRead(let why): return "tokenizer: cannot read \(why)"
        case .invalidFile(let why): return "tokenizer: \(why)"
        }
    }
}

/// The parts of `tokenizer.json` a WordPiece tokenizer reads (field names as in the file).
private struct TokenizerFile: Decodable {
    struct AddedToken: Decodable { let id: Int; let content: String }
    struct Normalizer: Decodable {
        let type: String
        let clean_text: Bool?
        let handle_chinese_chars: Bool?
        let strip_accents: Bool?
        let lowercase: Bool?
    }
    struct PreTokenizer: Decodable { let type: String }
    struct PostProcessor: Decodable {
        struct Piece: Decodable {
            struct Special: Decodable { let id: String }
            struct Sequence: Decodable { let id: String }
            let SpecialToken: Special?
            let Sequence: Sequence?
        }
        struct SpecialTokenIDs: Decodable { let ids: [Int] }
        let single: [Piece]?
        let special_tokens: [String: SpecialTokenIDs]?
    }
    struct Truncation: Decodable { let max_length: Int }
    struct Padding: Decodable { let pad_id: Int? }
    struct Model: Decodable {
        let type: String?
        let unk_token: String?
        let continuing_subword_prefix: String?
        let max_input_chars_per_word: Int?
        let vocab: [String: Int]
    }
    let added_tokens: [AddedToken]?
    let normalizer: Normalizer?
    let pre_tokenizer: PreTokenizer?
    let post_processor: PostProcessor?
    let truncation: Truncation?
    let padding: Padding?
    let model: Model
}
