import Foundation
import Testing
import Tokenizers

/// tokenizer.json files with ids that do not fit: each is refused with an error. Before the fix these
/// crashed (an array sized by the largest id, `Int32(_:)` traps); the same inputs are kept as
/// Fuzz/Regressions/FuzzWordPiece/*.bin for the fuzzer.
@Suite struct WordPieceHostileFileTests {
    static func file(vocab extra: String = "", rest: String = "") -> Data {
        Data(#"{"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "a": 3\#(extra)}}\#(rest)}"#.utf8)
    }

    @Test func aSaneFileLoads() throws {
        let tokenizer = try WordPieceTokenizer(json: Self.file())
        #expect(tokenizer.encode("a a") == [1, 3, 3, 2])
    }

    @Test(arguments: [
        ("a token id of 2^31 - 1 (a 32 GiB table)", file(vocab: #", "b": 2147483647"#)),
        ("a token id of Int.max (max + 1 overflows)", file(vocab: #", "b": 9223372036854775807"#)),
        ("a negative token id", file(vocab: #", "b": -1"#)),
        ("a padding id beyond Int32", file(rest: #", "padding": {"pad_id": 9223372036854775807}"#)),
        ("a special token id beyond Int32", file(rest: #", "post_processor": {"single": [{"SpecialToken": {"id": "[CLS]"}}], "special_tokens": {"[CLS]": {"ids": [4294967296]}}}"#)),
        ("a negative special token id", file(rest: #", "post_processor": {"single": [{"SpecialToken": {"id": "[CLS]"}}], "special_tokens": {"[CLS]": {"ids": [-7]}}}"#)),
    ])
    func hostileIDsAreRefused(what: String, json: Data) {
        #expect(throws: WordPieceError.self, "\(what)") { try WordPieceTokenizer(json: json) }
    }
}
