import Foundation
import Models
import Tokenizers

/// Chat completions from an in-process Llama-family GGUF decoder (Qwen2.5-Coder-1.5B-Instruct by default;
/// any instruct GGUF with a chat template works the same way: nothing here depends on the model).
///
/// The chat is rendered with the model's own template. Its KV cache is kept between requests and only the
/// part of a prompt after the prefix shared with the previous one is evaluated: the system turn and the
/// style's examples are the same for every unit of a style, so each rewrite prefills little more than its
/// own text.
///
/// An actor: the context (KV cache, scratch) serves one request at a time. Its work runs on its own GCD
/// queue (`BlockingQueueExecutor`), not on Swift's cooperative threads: a paragraph keeps a thread busy for
/// seconds, and the cooperative pool has one thread per core, which the language server needs meanwhile.
public actor LocalChatGenerator: ChatGenerator {
    private let executor = BlockingQueueExecutor(label: "tenor.restyle.decoder")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let session: GenerationSession
    private let template: ChatTemplate
    private let stopTokens: Set<Int>
    /// The tokens whose keys and values are in the cache, in order.
    private var cachedTokens: [Int] = []

    public init(path: String, threads: Int, contextLimit: Int = 4096) throws {
        let session = try GenerationSession(path: path, contextLimit: contextLimit, threads: threads)
        self.session = session
        template = ChatTemplate(gguf: session.model.gguf)
        stopTokens = session.stopTokens
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let rendered = template.render(request.messages, addGenerationPrompt: true)
        let prompt = session.tokenizer.encode(rendered, addSpecial: true, parseSpecial: true).map(Int.init)
        let context = session.context
        guard prompt.count + 1 < context.contextLimit else { throw RestyleError.tooLong(tokens: prompt.count) }
        var logits = try prefill(prompt)
        var sampling = request.temperature > 0
            ? SamplingParameters(temperature: Float(request.temperature), topK: 40, topP: 0.95) : .greedy
        sampling.seed = request.seed
        var sampler = Sampler(sampling)
        var generated: [Int] = []
        let budget = min(request.maxTokens, context.contextLimit - prompt.count - 1)
        while generated.count < budget {
            try Task.checkCancellation()
            let token = logits.withUnsafeMutableBufferPointer { sampler.sample(logits: $0, history: generated) }
            if stopTokens.contains(token) { break }
            generated.append(token)
            logits = Array(try context.evaluate([token]))
            cachedTokens.append(token)
        }
        return session.tokenizer.decode(generated.map(Int32.init), skipSpecial: true)
    }

    /// Brings the cache to exactly `prompt` and returns the logits after its last token. Only the part
    /// after the prefix shared with the cache is evaluated (at least one token, for the logits).
    private func prefill(_ prompt: [Int]) throws -> [Float] {
        var shared = 0
        while shared < min(prompt.count, cachedTokens.count), prompt[shared] == cachedTokens[shared] { shared += 1 }
        shared = min(shared, prompt.count - 1)
        session.context.rewind(to: shared)
        cachedTokens = Array(prompt[..<shared])
        let logits = Array(try session.context.evaluate(Array(prompt[shared...])))
        cachedTokens = prompt
        return logits
    }
}

public enum RestyleError: Error, CustomStringConvertible, Equatable {
    case tooLong(tokens: Int)

    public var description: String {
        switch self {
        case let .tooLong(tokens): "the passage is too long for the model's context (\(tokens) tokens); select less"
        }
    }
}
