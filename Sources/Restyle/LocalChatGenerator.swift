import Foundation
import Models
import Tokenizers

/// Chat completions from an in-process Llama-family GGUF decoder (Qwen2.5-Coder-1.5B-Instruct by default;
/// any instruct GGUF with a chat template works the same way: nothing here depends on the model).
///
/// The chat is rendered with the model's own template. Two caches spare the prefill: the context keeps the
/// previous prompt and answer, so the next prompt evaluates only what follows their common prefix; and each
/// style's system turn and examples are saved in a `PrefixCache`, so switching styles does not prefill them
/// again, and in a `KVSnapshotFolder` on disk, so the first rewrite of a new process (every `tenor rewrite`,
/// a restarted server) restores them instead of prefilling some 500 tokens. The answer is decoded with
/// copy-draft speculative decoding from the text being rewritten, which a rewrite copies long runs of; the
/// output is exactly what plain decoding gives.
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
    private let prefixes = PrefixCache(capacityBytes: 192 << 20)
    private let prefixFolder: KVSnapshotFolder?
    private let modelPath: String
    /// Prefixes already read from or written to `prefixFolder` by this generator.
    private var filedPrefixes: Set<[Int]> = []
    /// Drafted tokens and those kept, over this generator's life (`tenor rewrite --explain` reports them).
    public private(set) var draftedTokens = 0
    public private(set) var acceptedDraftTokens = 0

    /// `$XDG_CACHE_HOME/tenor/rewrite-prefix` (or `~/.cache/...`).
    public static func defaultPrefixDirectory() -> URL { CacheDirectory.named("rewrite-prefix") }

    public init(path: String, threads: Int, contextLimit: Int = 4096,
                prefixDirectory: URL? = LocalChatGenerator.defaultPrefixDirectory()) throws {
        let session = try GenerationSession(path: path, contextLimit: contextLimit, threads: threads)
        self.session = session
        modelPath = path
        // Six built-in styles and a few of the user's.
        prefixFolder = prefixDirectory.map { KVSnapshotFolder(directory: $0, keep: 10) }
        template = ChatTemplate(gguf: session.model.gguf)
        stopTokens = session.stopTokens
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let prompt = tokens(template.render(request.messages, addGenerationPrompt: true))
        let context = session.context
        guard prompt.count + 1 < context.contextLimit else { throw RestyleError.tooLong(tokens: prompt.count) }
        // The system turn and examples, shared by every request of the style (a repair turn is not).
        let sharedCount = min(request.sharedMessages ?? request.messages.count - 1, request.messages.count - 1)
        let shared = tokens(template.render(Array(request.messages.prefix(max(0, sharedCount))), addGenerationPrompt: false)).count
        // The style's shared head, when the prompt has one and more after it.
        let head = shared > 0 && shared < prompt.count ? Array(prompt.prefix(shared)) : nil
        if let head, let folder = prefixFolder, !filedPrefixes.contains(head),
           (prefixes.longestPrefix(of: head)?.tokens.count ?? 0) < shared,
           let snapshot = folder.load(modelPath: modelPath, tokens: head) {
            prefixes.store(snapshot)
            filedPrefixes.insert(head)
        }
        var sampling = request.temperature > 0
            ? SamplingParameters(temperature: Float(request.temperature), topK: 40, topP: 0.95) : .greedy
        sampling.seed = request.seed
        let options = GenerationOptions(
            maxTokens: min(request.maxTokens, context.contextLimit - prompt.count - 1), sampling: sampling,
            stopTokens: stopTokens,
            draft: request.copySource.map { DraftOptions(source: session.tokenizer.encode($0).map(Int.init)) },
            reuseCachedPrefix: true, prefixCache: prefixes,
            cachePrefixLength: head?.count)
        let result = try Generator(context: context).generate(prompt: prompt, options: options,
                                                               isCancelled: { Task.isCancelled })
        if result.stopReason == .cancelled { throw CancellationError() }
        if let head, let folder = prefixFolder, !filedPrefixes.contains(head),
           let snapshot = prefixes.longestPrefix(of: head), snapshot.tokens == head {
            folder.store(snapshot, modelPath: modelPath)
            filedPrefixes.insert(head)
        }
        draftedTokens += result.draftedTokens
        acceptedDraftTokens += result.acceptedDraftTokens
        return session.tokenizer.decode(result.tokens.map(Int32.init), skipSpecial: true)
    }

    private func tokens(_ rendered: String) -> [Int] {
        session.tokenizer.encode(rendered, addSpecial: true, parseSpecial: true).map(Int.init)
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
