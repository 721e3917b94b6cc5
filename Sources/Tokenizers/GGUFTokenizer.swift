import ModelFormats

/// A tokenizer read from a GGUF file's `tokenizer.ggml.*` metadata, whatever its model.
public protocol GGUFTokenizer: AnyObject, Sendable {
    var vocabularySize: Int { get }
    var bosID: Int32? { get }
    var eosID: Int32? { get }
    /// Tokens that end generation (end of sequence, end of turn).
    var eogIDs: Set<Int32> { get }
    /// The token ids of `text`. `addSpecial` adds BOS/EOS as the model asks;
    /// `parseSpecial` turns control-token text such as `<|im_start|>` into that token.
    func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [Int32]
    /// The text of `ids`; invalid UTF-8 becomes U+FFFD.
    func decode(_ ids: [Int32], skipSpecial: Bool) -> String
    /// The bytes token `id` stands for (possibly part of a UTF-8 sequence).
    func bytes(of id: Int32, skipSpecial: Bool) -> [UInt8]
    /// The vocabulary entry of `id` as stored in the model.
    func tokenText(_ id: Int32) -> String
    /// Whether `id` is a control or unknown token.
    func isSpecialToken(_ id: Int32) -> Bool
}

/// The tokenizer `tokenizer.ggml.model` names: "gpt2" (byte-level BPE) or "llama" (SentencePiece).
public func makeGGUFTokenizer(_ gguf: GGUFFile) throws -> any GGUFTokenizer {
    switch gguf.string("tokenizer.ggml.model") {
    case "llama":
        return try SentencePieceTokenizer(gguf: gguf)
    default:
        return try BPETokenizer(gguf: gguf)
    }
}
