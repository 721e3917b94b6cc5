import Testing
import Tokenizers

/// Splits worked out by hand from each pre-tokenizer's regex.
@Suite struct BPEPreTokenizerTests {
    func words(_ pre: PreTokenizer, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return pre.split(scalars).map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
    }

    @Test func gpt2() {
        let pre = PreTokenizer.gpt2
        #expect(words(pre, "Hello world") == ["Hello", " world"])
        #expect(words(pre, "Hello  world") == ["Hello", " ", " world"])
        #expect(words(pre, "Hello   ") == ["Hello", "   "])
        #expect(words(pre, "a \n b") == ["a", " \n", " b"])
        #expect(words(pre, "I'm don't they're") == ["I", "'m", " don", "'t", " they", "'re"])
        #expect(words(pre, "DON'T") == ["DON", "'", "T"])
        #expect(words(pre, "abc123 45") == ["abc", "123", " 45"])
        #expect(words(pre, "x = (y+1);") == ["x", " =", " (", "y", "+", "1", ");"])
        #expect(words(pre, "\tindent") == ["\t", "indent"])
        #expect(words(pre, "café 日本") == ["café", " 日本"])
        #expect(words(pre, "e\u{301}") == ["e", "\u{301}"])  // a combining mark is not \p{L}
        #expect(words(pre, "👍🏽 ok") == ["👍🏽", " ok"])
        #expect(words(pre, "") == [])
        #expect(words(pre, " ") == [" "])
    }

    @Test func starCoderIsolatesDigits() {
        let pre = PreTokenizer(ggufName: "smollm")
        #expect(pre == .starCoder)
        #expect(words(.starCoder, "abc123 45") == ["abc", "1", "2", "3", " ", "4", "5"])
        #expect(words(.starCoder, "v2.0") == ["v", "2", ".", "0"])
        #expect(words(.starCoder, "a  1") == ["a", "  ", "1"])
        #expect(words(.starCoder, "²³") == ["²", "³"])
        #expect(words(.starCoder, "Hello  world") == ["Hello", " ", " world"])
    }

    @Test func llama3() {
        let pre = PreTokenizer.llama3
        #expect(words(pre, "Hello world") == ["Hello", " world"])
        #expect(words(pre, "DON'T") == ["DON", "'T"])
        #expect(words(pre, "12345") == ["123", "45"])
        #expect(words(pre, "a1234567b") == ["a", "123", "456", "7", "b"])
        #expect(words(pre, "Hello\n\nworld") == ["Hello", "\n\n", "world"])
        #expect(words(pre, "  x") == [" ", " x"])
        #expect(words(pre, "(x)") == ["(x", ")"])
        #expect(words(pre, "end.\n\nNext") == ["end", ".\n\n", "Next"])
        #expect(words(pre, "a  \n  b") == ["a", "  \n", " ", " b"])
        #expect(words(pre, "x ") == ["x", " "])
    }

    @Test func qwen2SplitsSingleDigits() {
        #expect(words(.qwen2, "12345") == ["1", "2", "3", "4", "5"])
        #expect(words(.qwen2, "DON'T stop") == ["DON", "'T", " stop"])
    }

    @Test func unknownNamesAreRejected() {
        #expect(PreTokenizer(ggufName: "deepseek-llm") == nil)
        #expect(PreTokenizer(ggufName: "llama-bpe") == .llama3)
        #expect(PreTokenizer(ggufName: "qwen2") == .qwen2)
        #expect(PreTokenizer(ggufName: "gpt-2") == .gpt2)
    }
}
