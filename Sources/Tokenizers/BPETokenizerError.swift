/// Why a tokenizer (BPE or SentencePiece) could not be built from a model file.
public enum BPETokenizerError: Error, CustomStringConvertible, Equatable {
    case unsupportedModel(String)
    case unsupportedPreTokenizer(String)
    case missingKey(String)
    case invalidVocabulary(String)

    public var description: String {
        switch self {
        case let .unsupportedModel(name):
            return "tokenizer model '\(name)' is not supported (only 'gpt2', byte-level BPE, and 'llama', SentencePiece)"
        case let .unsupportedPreTokenizer(name):
            return "pre-tokenizer '\(name)' is not supported (supported: smollm, starcoder, gpt-2, llama-bpe/llama3, qwen2 and their aliases)"
        case let .missingKey(key):
            return "the model file has no valid '\(key)'"
        case let .invalidVocabulary(problem):
            return "invalid tokenizer vocabulary: \(problem)"
        }
    }
}
