import Foundation
import Testing
@testable import Tokenizers

private let miniLMDirectory: URL = {
    let root = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
        ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/tenor/models").path
    return URL(fileURLWithPath: root).appendingPathComponent("all-minilm-l6-v2")
}()
private let miniLMInstalled = FileManager.default.fileExists(atPath: miniLMDirectory.appendingPathComponent("tokenizer.json").path)

/// A tiny tokenizer.json in the HF layout, so the algorithm is tested without the model.
private func tinyWordPieceTokenizer(maxInputCharsPerWord: Int = 100, normalizer: String? = nil) throws -> WordPieceTokenizer {
    let vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "aff", "able", "!", "a", "##a", ",", "hello", "cafe", "中"]
    let vocabJSON = vocab.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ",")
    let normalizerJSON = normalizer ?? #"{"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true}"#
    let json = """
    {"version": "1.0", "truncation": null, "padding": null,
     "added_tokens": [{"id": 4, "content": "[MASK]", "special": true, "normalized": false}],
     "normalizer": \(normalizerJSON),
     "pre_tokenizer": {"type": "BertPreTokenizer"},
     "post_processor": {"type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
        "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
     "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": \(maxInputCharsPerWord),
               "vocab": {\(vocabJSON)}}}
    """
    return try WordPieceTokenizer(json: Data(json.utf8))
}

@Test func wordPieceGreedyLongestMatchFirst() throws {
    let tokenizer = try tinyWordPieceTokenizer()
    #expect(tokenizer.tokens(tokenizer.encode("unaffable")) == ["[CLS]", "un", "##aff", "##able", "[SEP]"])
    #expect(tokenizer.tokens(tokenizer.tokenize("Hello, CAFÉ!")) == ["hello", ",", "cafe", "!"])
    // An unmatchable tail makes the whole word unknown, not just the tail.
    #expect(tokenizer.tokens(tokenizer.tokenize("unaffablex able")) == ["[UNK]", "able"])
    #expect(tokenizer.tokens(tokenizer.tokenize("aaa")) == ["a", "##a", "##a"])
    #expect(tokenizer.tokens(tokenizer.tokenize("a[MASK]a")) == ["a", "[MASK]", "a"])
    #expect(tokenizer.tokens(tokenizer.tokenize("a中a")) == ["a", "中", "a"])
}

@Test func wordPieceLongWordIsUnknown() throws {
    let tokenizer = try tinyWordPieceTokenizer(maxInputCharsPerWord: 4)
    #expect(tokenizer.tokens(tokenizer.tokenize("aaaa aaaaa")) == ["a", "##a", "##a", "##a", "[UNK]"])
}

@Test func wordPieceTruncationKeepsSpecialTokens() throws {
    var tokenizer = try tinyWordPieceTokenizer()
    tokenizer.maximumLength = 4
    #expect(tokenizer.tokens(tokenizer.encode("a a a a a")) == ["[CLS]", "a", "a", "[SEP]"])
}

@Test func wordPieceRejectsBadFiles() {
    #expect(throws: WordPieceError.self) { try WordPieceTokenizer(json: Data("{}".utf8)) }
    #expect(throws: WordPieceError.self) { try WordPieceTokenizer(json: Data("not json".utf8)) }
    #expect(throws: WordPieceError.self) {
        try WordPieceTokenizer(json: Data(#"{"model": {"type": "BPE", "vocab": {"[UNK]": 0}}}"#.utf8))
    }
    #expect(throws: WordPieceError.self) { // no [UNK] in the vocabulary
        try WordPieceTokenizer(json: Data(#"{"model": {"type": "WordPiece", "vocab": {"a": 0}}}"#.utf8))
    }
}

@Test func bertNormalizerSteps() {
    let normalizer = BertNormalizer()
    #expect(normalizer.normalize("Héllo\tWORLD\u{0}\u{200B}!") == "hello world!")
    #expect(normalizer.normalize("a中b") == "a 中 b")
    #expect(normalizer.normalize("İ") == "i")
    let cased = BertNormalizer(lowercase: false)
    #expect(cased.normalize("Héllo") == "Héllo")
    #expect(BertNormalizer(stripAccents: false, lowercase: true).normalize("É") == "é")
    #expect(WordPiecePreTokenizer.words("a$b c").map { String(String.UnicodeScalarView($0)) } == ["a", "$", "b", "c"])
}

private struct TokenCase: Decodable { let text: String; let ids: [Int32] }

/// Ids from HF tokenizers on ~1,100 strings (Scripts/reference/encoder_reference.py).
@Test(.enabled(if: miniLMInstalled)) func wordPieceMatchesHuggingFaceOnMiniLM() throws {
    var tokenizer = try WordPieceTokenizer(contentsOf: miniLMDirectory.appendingPathComponent("tokenizer.json"))
    tokenizer.maximumLength = 256
    let url = try #require(Bundle.module.url(forResource: "Fixtures/wordpiece/minilm_token_ids", withExtension: "json"))
    let cases = try JSONDecoder().decode([TokenCase].self, from: Data(contentsOf: url))
    #expect(cases.count >= 1000)
    var mismatches = 0
    for testCase in cases {
        let ids = tokenizer.encode(testCase.text)
        if ids != testCase.ids {
            mismatches += 1
            if mismatches <= 10 {
                Issue.record("\(testCase.text.debugDescription): got \(tokenizer.tokens(ids)), expected \(tokenizer.tokens(testCase.ids))")
            }
        }
    }
    #expect(mismatches == 0)
}
