import Foundation
import ModelFormats
import Testing
import Tokenizers

/// The installed SmolLM2 model, or nil when it is not installed (tests are then skipped).
let smolLM2Path: String? = {
    let directory = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
        ?? NSHomeDirectory() + "/.local/share/tenor/models"
    let path = directory + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Built once: parsing the 49,152-token vocabulary and 48,900 merges takes a moment.
let smolLM2: (gguf: GGUFFile, tokenizer: BPETokenizer)? = {
    guard let path = smolLM2Path,
          let gguf = try? GGUFFile(path: path),
          let tokenizer = try? BPETokenizer(gguf: gguf) else { return nil }
    return (gguf, tokenizer)
}()

struct BPEReferenceFixture: Decodable {
    struct Case: Decodable {
        let text: String
        let ids: [Int32]
        let special_ids: [Int32]?
    }
    let reference: String
    let cases: [Case]
}

struct BPEOtherPreFixture: Decodable {
    let indices: [Int]
    let ids: [String: [[Int32]]]
}

struct BPEChatFixture: Decodable {
    struct Message: Decodable {
        let role: String
        let content: String
    }
    struct Chat: Decodable {
        let messages: [Message]
        let add_generation_prompt: Bool
        let text: String
    }
    let chats: [Chat]
}

func loadBPEFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let directory = try #require(Bundle.module.resourceURL)
    let url = directory.appendingPathComponent("Fixtures/bpe/\(name).json")
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

@Suite(.enabled(if: smolLM2Path != nil, "SmolLM2 GGUF not installed"))
struct BPESmolLM2Tests {
    @Test func loadsTheVocabulary() throws {
        let tokenizer = try #require(smolLM2?.tokenizer)
        #expect(tokenizer.vocabularySize == 49152)
        #expect(tokenizer.preTokenizer == .starCoder)
        #expect(tokenizer.bosID == 1)
        #expect(tokenizer.eosID == 2)
        #expect(!tokenizer.addsBOS)
        #expect(tokenizer.eogIDs.isSuperset(of: [0, 2]))  // <|endoftext|>, <|im_end|>
        #expect(tokenizer.tokenText(1) == "<|im_start|>")
        #expect(tokenizer.isSpecialToken(1))
    }

    /// Identical ids to the reference tokenizer (llama.cpp; see the fixture) on every string, with and
    /// without special-token parsing, and lossless decoding.
    @Test func matchesReferenceTokenizer() throws {
        let tokenizer = try #require(smolLM2?.tokenizer)
        let fixture = try loadBPEFixture("smollm2_reference", as: BPEReferenceFixture.self)
        #expect(fixture.cases.count >= 1000)
        var mismatches = 0
        for reference in fixture.cases {
            let ids = tokenizer.encode(reference.text, addSpecial: false, parseSpecial: false)
            let specialIDs = tokenizer.encode(reference.text, addSpecial: false, parseSpecial: true)
            if ids != reference.ids || specialIDs != (reference.special_ids ?? reference.ids) {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("""
                        \(String(reflecting: reference.text))
                          expected \(reference.ids) / \(reference.special_ids.map { "\($0)" } ?? "same")
                          got      \(ids) / \(specialIDs)
                        """)
                }
            }
            #expect(tokenizer.decode(ids) == reference.text)
            #expect(tokenizer.decode(specialIDs) == reference.text)
        }
        #expect(mismatches == 0, "\(mismatches) of \(fixture.cases.count) strings differ from \(fixture.reference)")
    }

    /// SmolLM2's vocabulary under the Llama 3, Qwen 2 and GPT-2 pre-tokenizers, against
    /// llama.cpp given the same vocabulary with `tokenizer.ggml.pre` changed.
    @Test(arguments: [("llama-bpe", PreTokenizer.llama3, true), ("qwen2", .qwen2, false), ("gpt-2", .gpt2, false)])
    func otherPreTokenizersMatchReference(name: String, preTokenizer: PreTokenizer, ignoresMerges: Bool) throws {
        #expect(PreTokenizer(ggufName: name) == preTokenizer)
        let gguf = try #require(smolLM2?.gguf)
        let tokenizer = try BPETokenizer(
            tokens: try #require(gguf.stringArray("tokenizer.ggml.tokens")),
            tokenTypes: gguf.intArray("tokenizer.ggml.token_type"),
            merges: try #require(gguf.stringArray("tokenizer.ggml.merges")),
            preTokenizer: preTokenizer, bosID: 1, eosID: 2, addsBOS: false, addsEOS: false,
            ignoresMerges: ignoresMerges)
        let texts = try loadBPEFixture("smollm2_reference", as: BPEReferenceFixture.self).cases.map(\.text)
        let fixture = try loadBPEFixture("smollm2_other_pre_reference", as: BPEOtherPreFixture.self)
        let expected = try #require(fixture.ids[name])
        #expect(expected.count == fixture.indices.count && expected.count >= 400)
        var mismatches = 0
        for (index, ids) in zip(fixture.indices, expected) {
            let got = tokenizer.encode(texts[index], addSpecial: false, parseSpecial: false)
            if got != ids {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(String(reflecting: texts[index]))\n  expected \(ids)\n  got      \(got)")
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(expected.count) strings differ under \(name)")
    }

    @Test func chatTemplateMatchesJinja() throws {
        let gguf = try #require(smolLM2?.gguf)
        let template = ChatTemplate(gguf: gguf)
        #expect(template.format == .chatML)
        #expect(!template.isFallback)
        #expect(template.defaultSystemPrompt == "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        let fixture = try loadBPEFixture("smollm2_chat_reference", as: BPEChatFixture.self)
        #expect(!fixture.chats.isEmpty)
        for chat in fixture.chats {
            let messages = chat.messages.map { ChatMessage(role: $0.role, content: $0.content) }
            #expect(template.render(messages, addGenerationPrompt: chat.add_generation_prompt) == chat.text)
        }
    }

    @Test func chatPromptTokenizesControlTokens() throws {
        let (gguf, tokenizer) = try #require(smolLM2)
        let prompt = ChatTemplate(gguf: gguf).render([.user("Hi")], addGenerationPrompt: true)
        let ids = tokenizer.encode(prompt, addSpecial: true, parseSpecial: true)
        #expect(ids.first == 1)  // <|im_start|>, no BOS for this model
        #expect(ids.filter { $0 == 1 }.count == 3)
        #expect(ids.filter { $0 == 2 }.count == 2)
        #expect(tokenizer.decode(ids) == prompt)
    }
}
