import Testing
import Tokenizers

/// A tiny byte-level vocabulary: every ASCII printable byte, "Ġ" for space, and a few merges.
func tinyTokenizer(preTokenizer: PreTokenizer = .gpt2, ignoresMerges: Bool = false) throws -> BPETokenizer {
    var tokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<user>"]
    var types = [3, 3, 3, 4]
    for byte in 0..<256 {
        // The GPT-2 alphabet: bytes that stand for themselves, then U+0100...
        tokens.append(String(byteSpelling(UInt8(byte))))
        types.append(1)
    }
    let merged = ["ab", "abc", "Ġa", "Ġab", "cc", "ccc"]
    tokens += merged
    types += [Int](repeating: 1, count: merged.count)
    return try BPETokenizer(
        tokens: tokens, tokenTypes: types,
        merges: ["a b", "ab c", "Ġ a", "Ġa b", "c c", "cc c"],
        preTokenizer: preTokenizer, bosID: 0, eosID: 2, addsBOS: true, addsEOS: false,
        ignoresMerges: ignoresMerges)
}

/// GPT-2's byte-to-scalar spelling, written independently of the tokenizer's table.
func byteSpelling(_ byte: UInt8) -> Character {
    let selfStanding = Array(33...126) + Array(161...172) + Array(174...255)
    if selfStanding.contains(Int(byte)) { return Character(Unicode.Scalar(byte)) }
    let others = (0...255).filter { !selfStanding.contains($0) }
    let index = others.firstIndex(of: Int(byte)) ?? 0
    return Character(Unicode.Scalar(UInt32(256 + index)) ?? " ")
}

@Suite struct BPETokenizerTests {
    @Test func mergesByRank() throws {
        let tokenizer = try tinyTokenizer()
        let id = { (text: String) in tokenizer.tokenID(text) ?? -1 }
        #expect(tokenizer.encode("abc") == [id("abc")])
        #expect(tokenizer.encode("abcc") == [id("abc"), id("c")])
        // "a b" (rank 0) wins over "Ġ a" (rank 2), and there is no "Ġ ab".
        #expect(tokenizer.encode(" abx") == [id("Ġ"), id("ab"), id("x")])
        #expect(tokenizer.encode(" ac") == [id("Ġa"), id("c")])
        // "ccc": "c c" merges leftmost first, then "cc c".
        #expect(tokenizer.encode("ccc") == [id("ccc")])
        // "cccc": the leftmost "c c" first, then the remaining "c c" (rank 4) beats "cc c" (rank 5).
        #expect(tokenizer.encode("cccc") == [id("cc"), id("cc")])
        #expect(tokenizer.encode("ba") == [id("b"), id("a")])
    }

    @Test func spaceAndControlBytes() throws {
        let tokenizer = try tinyTokenizer()
        #expect(tokenizer.encode(" ") == [tokenizer.tokenID("Ġ") ?? -1])
        #expect(tokenizer.encode("\n") == [tokenizer.tokenID("Ċ") ?? -1])
        #expect(tokenizer.encode("é").count == 2)  // two UTF-8 bytes, no merge
    }

    @Test func specialTokens() throws {
        let tokenizer = try tinyTokenizer()
        let plain = tokenizer.encode("<|im_start|>ab", parseSpecial: false)
        #expect(!plain.contains(1))
        #expect(tokenizer.encode("<|im_start|>ab", parseSpecial: true) == [1, tokenizer.tokenID("ab") ?? -1])
        #expect(tokenizer.encode("x<|im_end|><|im_start|>", parseSpecial: true).suffix(2) == [2, 1])
        // User-defined tokens are matched even without parseSpecial.
        #expect(tokenizer.encode("a<user>b").contains(3))
        #expect(tokenizer.encode("ab", addSpecial: true) == [0, tokenizer.tokenID("ab") ?? -1])
        #expect(tokenizer.eogIDs == [0, 2])
    }

    @Test func decodeRoundTrips() throws {
        let tokenizer = try tinyTokenizer()
        for text in ["abc", " abc cc", "héllo 👍🏽\n\t", "<|im_start|>x", ""] {
            #expect(tokenizer.decode(tokenizer.encode(text)) == text)
            #expect(tokenizer.decode(tokenizer.encode(text, parseSpecial: true)) == text)
        }
        #expect(tokenizer.decode(tokenizer.encode("<|im_start|>x", parseSpecial: true), skipSpecial: true) == "x")
        #expect(tokenizer.decode([-1, 99_999]) == "")
    }

    @Test func ignoreMergesLooksUpWholeWords() throws {
        let tokenizer = try tinyTokenizer(preTokenizer: .llama3, ignoresMerges: true)
        #expect(tokenizer.encode("ccc") == [tokenizer.tokenID("ccc") ?? -1])
    }

    @Test func streamingDecoderHoldsPartialUTF8() throws {
        let tokenizer = try tinyTokenizer()
        let ids = tokenizer.encode("a👍é")
        var decoder = BPEStreamingDecoder(tokenizer: tokenizer)
        var pieces: [String] = []
        for id in ids { pieces.append(decoder.append(id)) }
        pieces.append(decoder.finish())
        #expect(pieces.joined() == "a👍é")
        #expect(!pieces.contains { $0.contains("\u{FFFD}") })
        #expect(pieces[1] == "" && pieces[2] == "" && pieces[3] == "")  // 👍 is 4 bytes
    }

    @Test func longInputIsLinearEnough() throws {
        let tokenizer = try tinyTokenizer()
        let text = String(repeating: "c", count: 30_000)
        let ids = tokenizer.encode(text)
        #expect(ids.count == 15_000)  // all "cc"
        #expect(Set(ids) == [tokenizer.tokenID("cc") ?? -1])
    }
}
