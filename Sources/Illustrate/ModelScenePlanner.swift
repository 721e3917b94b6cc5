import Foundation
import Models
import Tokenizers

/// The decoder's planner: the rewrite model (Qwen2.5-Coder-1.5B-Instruct) writes the plan as JSON under
/// `PlanGrammar`, so every answer parses. At each step only tokens whose bytes the grammar accepts are
/// candidates, and the most likely of them is taken (greedy: the same description gives the same plan,
/// whatever the seed); where the grammar allows one byte only (keys, punctuation, the rest of an enum
/// value), those bytes are appended without asking the model and evaluated in one batch with the chosen
/// token.
///
/// The system turn and examples are prefilled once per planner and restored for every plan, so a plan
/// costs the description's prefill and the answer's steps. Their keys and values are also kept in a file
/// (`prefixDirectory`, keyed by the model file and the prefix's tokens), so that the next process (one
/// `tenor illustrate` command) restores them instead of prefilling some 600 tokens again. One plan at a
/// time (a lock guards the context).
public final class ModelScenePlanner: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Statistics of the last plan (for `--plan` and benchmarks).
    public struct Statistics: Sendable {
        public var promptTokens = 0
        public var reusedTokens = 0
        public var sampledTokens = 0
        public var forcedTokens = 0
        public var seconds = 0.0
    }

    let session: GenerationSession
    let template: ChatTemplate
    let lock = NSLock()
    /// Token bytes, and tokens by their first byte (ASCII only: the grammar is ASCII).
    let tokenBytes: [[UInt8]]
    let tokensByFirstByte: [[Int32]]
    let sharedPrefix: [Int]
    var prefixSnapshot: KVSnapshot?
    /// Where the prefilled prefix is kept between processes (nil: not kept).
    let prefixFolder: KVSnapshotFolder?
    let modelPath: String
    public private(set) var lastStatistics = Statistics()

    /// Longest description (in tokens) the model is asked about; longer ones are the rule planner's.
    public static let maximumDescriptionTokens = 256
    /// Steps the model may take on one plan (a plan of four subjects needs about 60).
    public static let maximumSampledTokens = 160

    /// The default folder for prefilled prefixes: `$XDG_CACHE_HOME/tenor/plan-prefix` (or `~/.cache/...`).
    public static func defaultPrefixDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        CacheDirectory.named("plan-prefix", environment: environment)
    }

    public init(path: String, threads: Int, prefixDirectory: URL? = ModelScenePlanner.defaultPrefixDirectory()) throws {
        session = try GenerationSession(path: path, contextLimit: 1024, threads: threads)
        template = ChatTemplate(gguf: session.model.gguf)
        let tokenizer = session.tokenizer
        var bytes: [[UInt8]] = []
        var buckets = [[Int32]](repeating: [], count: 128)
        let count = min(tokenizer.vocabularySize, session.model.config.vocabularySize)
        bytes.reserveCapacity(count)
        for id in 0..<count {
            let token = Int32(id)
            let text = tokenizer.isSpecialToken(token) ? [] : tokenizer.bytes(of: token)
            bytes.append(text)
            if let first = text.first, first < 128 { buckets[Int(first)].append(token) }
        }
        tokenBytes = bytes
        tokensByFirstByte = buckets
        sharedPrefix = tokenizer.encode(template.render(ScenePlanPrompt.examples, addGenerationPrompt: false),
                                        addSpecial: true, parseSpecial: true).map(Int.init)
        modelPath = path
        prefixFolder = prefixDirectory.map { KVSnapshotFolder(directory: $0, keep: 3) }
    }

    public func plan(_ description: String) throws -> ScenePlan {
        try lock.withLock { try planLocked(description) }
    }

    private func planLocked(_ description: String) throws -> ScenePlan {
        let started = DispatchTime.now().uptimeNanoseconds
        var statistics = Statistics()
        let tokenizer = session.tokenizer, context = session.context
        // The description as the grammar sees it: words only, so odd characters cannot reach the prompt's structure.
        let words = RuleScenePlanner.words(of: String(description.prefix(RuleScenePlanner.maximumCharacters)))
        let cleaned = words.joined(separator: " ")
        guard !cleaned.isEmpty else { throw Failure(description: "the description has no words") }
        guard tokenizer.encode(cleaned).count <= Self.maximumDescriptionTokens else {
            throw Failure(description: "the description is longer than \(Self.maximumDescriptionTokens) tokens")
        }
        let prompt = tokenizer.encode(template.render(ScenePlanPrompt.examples + [.user(cleaned)], addGenerationPrompt: true),
                                      addSpecial: true, parseSpecial: true).map(Int.init)
        statistics.promptTokens = prompt.count
        if prefixSnapshot == nil { prefixSnapshot = prefixFolder?.load(modelPath: modelPath, tokens: sharedPrefix) }
        if let snapshot = prefixSnapshot, prompt.starts(with: snapshot.tokens), snapshot.tokens.count < prompt.count {
            try context.restore(snapshot)
            statistics.reusedTokens = snapshot.tokens.count
        } else {
            context.reset()
            if prompt.starts(with: sharedPrefix), sharedPrefix.count < prompt.count {
                try context.evaluate(sharedPrefix)
                let snapshot = context.snapshot()
                prefixSnapshot = snapshot
                prefixFolder?.store(snapshot, modelPath: modelPath)
            }
        }

        var grammar = PlanGrammar(description: cleaned)
        var answer: [UInt8] = []
        // Forced bytes are tokenized on their own, which can cut where the examples' tokens do not ("[" then
        // "{" where the examples have "[{"): before a choice between list punctuation the last forced token
        // is left for the model, which then picks the spelling it knows ("[{\"", "]").
        func takeForced() -> [Int] {
            let forced = grammar.forcedBytes()
            guard !forced.isEmpty else { return [] }
            var tokens = tokenizer.encode(String(decoding: forced, as: UTF8.self)).map(Int.init)
            var taken = forced
            var probe = grammar
            if probe.feed(forced), probe.isAtListChoice, let last = tokens.last, forced.count > tokenBytes[last].count,
               forced.suffix(tokenBytes[last].count).elementsEqual(tokenBytes[last]) {
                tokens.removeLast()
                taken = Array(forced.dropLast(tokenBytes[last].count))
            }
            guard grammar.feed(taken) else { return [] }
            answer += taken
            return tokens
        }
        var pending = Array(prompt[context.position...]) + takeForced()
        statistics.forcedTokens += pending.count - (prompt.count - context.position)
        while !grammar.isComplete {
            guard statistics.sampledTokens < Self.maximumSampledTokens else {
                throw Failure(description: "no complete plan within \(Self.maximumSampledTokens) tokens")
            }
            guard context.position + pending.count < context.contextLimit else { throw Failure(description: "the plan does not fit the context") }
            let logits = try context.evaluate(pending)
            guard let token = bestAllowedToken(logits, grammar: grammar) else {
                throw Failure(description: "no token continues the plan")  // cannot happen: the grammar always has a way on
            }
            statistics.sampledTokens += 1
            _ = grammar.feed(tokenBytes[token])
            answer += tokenBytes[token]
            let forced = takeForced()
            statistics.forcedTokens += forced.count
            pending = [token] + forced
        }
        statistics.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        lastStatistics = statistics
        var plan = try ScenePlan.decode(json: String(decoding: answer, as: UTF8.self))
        for i in plan.subjects.indices { plan.subjects[i].name = EnglishNouns.singularPhrase(plan.subjects[i].name) }
        try plan.validate()
        return plan
    }

    /// The allowed token with the largest logit (the lowest id among equals).
    func bestAllowedToken(_ logits: UnsafeBufferPointer<Float>, grammar: PlanGrammar) -> Int? {
        var best: Int?
        var bestLogit = -Float.infinity
        for byte in grammar.allowedBytes() {
            for id32 in tokensByFirstByte[Int(byte)] {
                let id = Int(id32)
                let value = logits[id]
                guard value > bestLogit || (value == bestLogit && best.map { id < $0 } == true) else { continue }
                if grammar.accepts(tokenBytes[id]) {
                    best = id
                    bestLogit = value
                }
            }
        }
        return best
    }
}
