import Foundation
import ModelFormats
import TensorMath
import Tokenizers

/// A model, its tokenizer and a context, loaded from one GGUF file: what `tenor generate` and
/// `tenor bench` need. Errors name the file.
public final class GenerationSession {
    public let path: String
    public let model: LlamaModel
    public let tokenizer: BPETokenizer
    public let context: LlamaContext

    /// Wraps any load error with the file's path, so a damaged or hostile file gives one clear message.
    public struct LoadError: Error, CustomStringConvertible {
        public let path: String
        public let problem: String
        public var description: String { problem.hasPrefix(path) ? problem : "\(path): \(problem)" }
    }

    /// - Parameter activations: see `LlamaContext` (`.automatic` by default).
    public init(path: String, contextLimit: Int, threads: Int, activations: WeightMatrix.Activations = .automatic) throws {
        self.path = path
        do {
            let gguf = try GGUFFile(path: path)
            model = try LlamaModel(gguf: gguf)
            tokenizer = try BPETokenizer(gguf: gguf)
        } catch {
            throw LoadError(path: path, problem: String(describing: error))
        }
        guard tokenizer.vocabularySize <= model.config.vocabularySize else {
            throw LoadError(path: path, problem: "the tokenizer has \(tokenizer.vocabularySize) tokens but "
                            + "token_embd.weight only \(model.config.vocabularySize) rows")
        }
        do {
            context = try LlamaContext(model: model, contextLimit: contextLimit, threads: threads, activations: activations)
        } catch {
            throw LoadError(path: path, problem: String(describing: error))
        }
    }

    /// Tokens that end generation: eos, the end-of-generation ids, and the chat turn terminators.
    public var stopTokens: Set<Int> {
        var stops = Set(tokenizer.eogIDs.map(Int.init))
        if let eos = tokenizer.eosID { stops.insert(Int(eos)) }
        for text in ["<|im_end|>", "<|eot_id|>", "<|end_of_text|>", "<|endoftext|>"] {
            if let id = tokenizer.tokenID(text), tokenizer.isSpecialToken(id) { stops.insert(Int(id)) }
        }
        return stops
    }

    /// Prompt tokens for raw text: BOS only when the model's metadata asks for it; special-token text
    /// (`<|im_start|>`) is parsed as such.
    public func encodeRaw(_ text: String) -> [Int] {
        tokenizer.encode(text, addSpecial: true, parseSpecial: true).map(Int.init)
    }
}
