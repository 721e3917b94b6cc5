/// `tokenizer.ggml.token_type` values, as llama.cpp defines them.
enum GGUFTokenType: Int, Sendable {
    case undefined = 0
    case normal = 1
    case unknown = 2
    case control = 3
    case userDefined = 4
    case unused = 5
    case byte = 6

    /// The types of a vocabulary of `count` tokens; all normal when the file gives none.
    static func types(_ raw: [Int]?, count: Int) -> [GGUFTokenType] {
        guard let raw else { return [GGUFTokenType](repeating: .normal, count: count) }
        return raw.map { GGUFTokenType(rawValue: $0) ?? .undefined }
    }
}
