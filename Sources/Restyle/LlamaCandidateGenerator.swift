import Foundation
import Models
import Tokenizers

/// Rewrite candidates from an in-process Llama-family GGUF decoder (SmolLM2-135M-Instruct by default;
/// any instruct GGUF with a chat template works the same way: nothing here depends on the model).
///
/// Per request: render the few-shot chat with the model's template, prefill it once (reusing the KV
/// cache of the longest prefix shared with the previous request: the system prompt and examples are the
/// same for every sentence of a style), then decode candidate 0 greedily and the rest as seeded samples,
/// each from the same prefilled cache. While decoding, every token that occurs in the masked source gets
/// a logit bonus (`copyBias`), so a small model stays close to the source instead of drifting.
/// A candidate ends at the end-of-turn token or at its first newline.
///
/// An actor: the context (KV cache, scratch) serves one request at a time. Its work runs on its own GCD
/// queue (`BlockingQueueExecutor`), not on Swift's cooperative threads: a sentence keeps a thread busy for
/// a second or more, and the cooperative pool has one thread per core, which the language server needs
/// for every other request meanwhile.
public actor LlamaCandidateGenerator: CandidateGenerator {
    private let executor = BlockingQueueExecutor(label: "tenor.restyle.decoder")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let session: GenerationSession
    private let template: ChatTemplate
    private let stopTokens: Set<Int>
    /// Tokens whose bytes hold a newline: the rewrite is one line.
    private let newlineTokens: Set<Int>
    /// The end-of-turn token appended when scoring a finished answer (ChatML `<|im_end|>`), if any.
    private let endOfTurn: Int?
    /// The tokens whose keys and values are in the cache, in order.
    private var cachedTokens: [Int] = []

    /// Logit bonus for tokens of the source. Measured on the dev sets (docs/RESTYLE.md).
    public var copyBias: Float
    public var sampling: SamplingParameters

    public init(path: String, threads: Int, contextLimit: Int = 2048, copyBias: Float = 1.0,
                sampling: SamplingParameters = SamplingParameters(temperature: 0.8, topK: 40, topP: 0.95)) throws {
        let session = try GenerationSession(path: path, contextLimit: contextLimit, threads: threads)
        self.session = session
        template = ChatTemplate(gguf: session.model.gguf)
        stopTokens = session.stopTokens
        var newlines = Set<Int>()
        for id in 0..<session.tokenizer.vocabularySize where session.tokenizer.bytes(of: Int32(id)).contains(0x0A) {
            newlines.insert(id)
        }
        newlineTokens = newlines
        endOfTurn = ["<|im_end|>", "<|eot_id|>", "<|end|>"].lazy
            .compactMap { session.tokenizer.tokenID($0) }.first { session.tokenizer.isSpecialToken($0) }
            .map(Int.init) ?? session.tokenizer.eosID.map(Int.init)
        self.copyBias = copyBias
        self.sampling = sampling
    }

    public func setCopyBias(_ bias: Float) { copyBias = bias }
    public func setSampling(_ parameters: SamplingParameters) { sampling = parameters }

    public func candidates(for request: GenerationRequest) async throws -> [GeneratedText] {
        let prompt = promptTokens(request.messages)
        let promptLogits = try prefill(prompt)
        let tokenizer = session.tokenizer
        let biased = Set(tokenizer.encode(request.source).map(Int.init))
        let vocabulary = promptLogits.count
        let context = session.context

        var results: [GeneratedText] = []
        var scratch = [Float](repeating: 0, count: vocabulary)
        for index in 0..<max(1, request.count) {
            var parameters = index == 0 ? SamplingParameters.greedy : sampling
            parameters.seed = request.seed &+ UInt64(index)
            var sampler = Sampler(parameters)
            context.rewind(to: prompt.count)
            cachedTokens = prompt
            var logits = promptLogits
            var generated: [Int] = []
            var logProbability = 0.0
            var scored = 0
            var text = ""
            var finished = false
            while generated.count < request.maxTokens {
                try Task.checkCancellation()
                for i in 0..<vocabulary { scratch[i] = logits[i] }
                for id in biased where id < vocabulary { scratch[id] += copyBias }
                let token = scratch.withUnsafeMutableBufferPointer { sampler.sample(logits: $0, history: generated) }
                // Fluency is the unbiased model's probability of the chosen token.
                logProbability += Self.logProbability(of: token, in: logits)
                scored += 1
                if stopTokens.contains(token) { finished = true; break }
                generated.append(token)
                if newlineTokens.contains(token) {
                    let decoded = tokenizer.decode(generated.map(Int32.init), skipSpecial: true)
                    let lead = decoded.prefix { $0.isWhitespace }
                    if let newline = decoded.dropFirst(lead.count).firstIndex(of: "\n") {
                        text = String(decoded[..<newline])
                        finished = true
                        break
                    }
                }
                guard context.position < context.contextLimit else { break }
                logits = Array(try context.evaluate([token]))
                cachedTokens.append(token)
            }
            // A run cut at the token limit is a fragment or drift, not a rewrite: it is returned empty.
            if !finished { text = "" } else if text.isEmpty { text = tokenizer.decode(generated.map(Int32.init), skipSpecial: true) }
            results.append(GeneratedText(text: text, meanLogLikelihood: scored > 0 ? logProbability / Double(scored) : nil))
        }
        return results
    }

    /// Mean log-probability per token of each text as the whole answer (end-of-turn token included),
    /// by one forward pass over prompt + text, reusing the prompt's cache.
    public func meanLogLikelihoods(of texts: [String], for request: GenerationRequest) async throws -> [Double?] {
        let prompt = promptTokens(request.messages)
        let promptLogits = try prefill(prompt)
        let context = session.context
        var results: [Double?] = []
        for text in texts {
            try Task.checkCancellation()
            var tokens = session.tokenizer.encode(text).map(Int.init)
            if let endOfTurn { tokens.append(endOfTurn) }
            guard !tokens.isEmpty, prompt.count + tokens.count <= context.contextLimit else { results.append(nil); continue }
            context.rewind(to: prompt.count)
            cachedTokens = prompt
            let vocabulary = promptLogits.count
            // Logits after every token but the last predict the next one.
            let all = tokens.count > 1 ? try context.evaluateAll(Array(tokens.dropLast())) : []
            cachedTokens += tokens.dropLast()
            var sum = Self.logProbability(of: tokens[0], in: promptLogits)
            for i in 1..<max(1, tokens.count) {
                sum += all.withUnsafeBufferPointer { buffer in
                    Self.logProbability(of: tokens[i], in: UnsafeBufferPointer(rebasing: buffer[(i - 1) * vocabulary ..< i * vocabulary]))
                }
            }
            results.append(sum / Double(tokens.count))
        }
        return results
    }

    /// The chat rendered with the model's template, ready for generation (BOS where the model wants one).
    private func promptTokens(_ messages: [ChatMessage]) -> [Int] {
        let rendered = template.render(messages, addGenerationPrompt: true)
        return session.tokenizer.encode(rendered, addSpecial: true, parseSpecial: true).map(Int.init)
    }

    /// Brings the cache to exactly `prompt` and returns the logits after its last token. Only the part
    /// after the prefix shared with the cache is evaluated.
    private func prefill(_ prompt: [Int]) throws -> [Float] {
        var shared = 0
        while shared < min(prompt.count, cachedTokens.count), prompt[shared] == cachedTokens[shared] { shared += 1 }
        // At least one token is evaluated, to get the logits after the prompt.
        shared = min(shared, prompt.count - 1)
        session.context.rewind(to: shared)
        cachedTokens = Array(prompt[..<shared])
        let logits = Array(try session.context.evaluate(Array(prompt[shared...])))
        cachedTokens = prompt
        return logits
    }

    static func logProbability<C: RandomAccessCollection>(of token: Int, in logits: C) -> Double
    where C.Element == Float, C.Index == Int {
        guard token >= logits.startIndex, token < logits.endIndex else { return -Double.infinity }
        var maximum = -Float.infinity
        for value in logits where value > maximum { maximum = value }
        var sum: Double = 0
        for value in logits { sum += Double(expf(value - maximum)) }
        return Double(logits[token] - maximum) - log(sum)
    }
}
