import Foundation
import ModelFormats
import Testing
import Tokenizers

/// The SentencePiece ("llama") tokenizer against llama.cpp, on a small vocabulary trained
/// by Scripts/reference/bpe_reference.py (byte fallback, control and user-defined tokens).
@Suite struct BPESentencePieceTests {
    func fixtureTokenizer() throws -> any GGUFTokenizer {
        let directory = try #require(Bundle.module.resourceURL)
        let gguf = try GGUFFile(path: directory.appendingPathComponent("Fixtures/bpe/spm_vocab.gguf").path)
        return try makeGGUFTokenizer(gguf)
    }

    @Test func loadsFromGGUF() throws {
        let tokenizer = try fixtureTokenizer()
        let spm = try #require(tokenizer as? SentencePieceTokenizer)
        #expect(spm.vocabularySize == 1500)
        #expect(spm.addsBOS)
        #expect(spm.addsSpacePrefix)
        #expect(spm.bosID == 1 && spm.eosID == 2)
        #expect(spm.eogIDs.contains(2))
    }

    @Test func wrongModelIsNamed() throws {
        let directory = try #require(Bundle.module.resourceURL)
        let gguf = try GGUFFile(path: directory.appendingPathComponent("Fixtures/bpe/spm_vocab.gguf").path)
        #expect(throws: BPETokenizerError.unsupportedModel("llama")) { try BPETokenizer(gguf: gguf) }
        if let smol = smolLM2?.gguf {
            #expect(throws: BPETokenizerError.unsupportedModel("gpt2")) { try SentencePieceTokenizer(gguf: smol) }
        }
    }

    @Test func matchesLlamaCpp() throws {
        let tokenizer = try fixtureTokenizer()
        let fixture = try loadBPEFixture("spm_reference", as: BPEReferenceFixture.self)
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
            #expect(tokenizer.decode(ids, skipSpecial: false) == reference.text)
        }
        #expect(mismatches == 0, "\(mismatches) of \(fixture.cases.count) strings differ from \(fixture.reference)")
    }

    @Test func addsBOSAndStreams() throws {
        let tokenizer = try fixtureTokenizer()
        let ids = tokenizer.encode("the people 日本 👍", addSpecial: true, parseSpecial: false)
        #expect(ids.first == 1)
        var decoder = BPEStreamingDecoder(tokenizer: tokenizer)
        let text = ids.map { decoder.append($0) }.joined() + decoder.finish()
        #expect(text == " the people 日本 👍")  // the prefix space stays in a stream
        #expect(tokenizer.decode(ids, skipSpecial: true) == "the people 日本 👍")
    }
}
