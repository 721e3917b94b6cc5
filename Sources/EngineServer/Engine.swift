import Foundation
import Models
import OpenAIProtocol
import TensorMath
import Tokenizers

/// The one in-process decoder every client shares. Jobs run one at a time, in arrival order (a serial
/// GCD queue, off Swift's cooperative threads so the HTTP side stays responsive); a bounded number may
/// wait, the rest are refused at once. A cancelled job is skipped when its turn comes, or stops within
/// one token when it is running, so a client that disconnects frees its slot.
final class Engine: @unchecked Sendable {
    // @unchecked: `session` is used only on `queue`, `frontTokenizer` only on `frontQueue` (the tokenizer is a
    // class with caches); the counters are guarded by `lock`; the rest is immutable and Sendable.
    private let session: GenerationSession
    private let template: ChatTemplate
    private let stopTokens: Set<Int>
    private let queue = DispatchQueue(label: "tenor.serve.engine", qos: .userInitiated)
    /// A second tokenizer, so prompts are measured (and too-long ones refused) while the engine is busy.
    private let frontTokenizer: BPETokenizer
    private let frontQueue = DispatchQueue(label: "tenor.serve.tokenize", qos: .userInitiated)
    private let lock = NSLock()
    private var waiting = 0
    private var running = 0
    let maxQueued: Int
    let contextLimit: Int

    init(configuration: ServeConfiguration) throws {
        session = try GenerationSession(path: configuration.modelPath, contextLimit: configuration.contextSize,
                                        threads: configuration.threads ?? ThreadPool.defaultThreadCount())
        template = ChatTemplate(gguf: session.model.gguf)
        stopTokens = session.stopTokens
        frontTokenizer = try BPETokenizer(gguf: session.model.gguf)
        maxQueued = configuration.maxQueuedRequests
        contextLimit = session.context.contextLimit
    }

    /// Requests waiting for the engine and the one it is running.
    var load: (waiting: Int, running: Int) { lock.withLock { (waiting, running) } }

    /// Prompt tokens of a chat, rendered with the model's template and ready for the assistant's turn.
    func encodeChat(_ messages: [ChatCompletionMessage]) async -> [Int] {
        let text = template.render(messages.map { ChatMessage(role: $0.role, content: $0.content) },
                                   addGenerationPrompt: true)
        return await encode(text)
    }

    /// Prompt tokens of raw text (BOS where the model asks for it).
    func encode(_ text: String) async -> [Int] {
        await withCheckedContinuation { continuation in
            frontQueue.async { [self] in
                continuation.resume(returning: frontTokenizer.encode(text, addSpecial: true, parseSpecial: true).map(Int.init))
            }
        }
    }

    /// Queues a job; nil when the queue is full. The stream ends after `finished` or `failed`; when its
    /// consumer stops listening (the client went away), the job is cancelled.
    func submit(promptTokens: [Int], maxTokens: Int, sampling: SamplingParameters,
                stopStrings: [String]) -> (job: EngineJob, events: AsyncStream<EngineEvent>)? {
        let admitted = lock.withLock {
            guard waiting < maxQueued else { return false }
            waiting += 1
            return true
        }
        guard admitted else { return nil }
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .unbounded)
        let job = EngineJob(promptTokens: promptTokens, maxTokens: maxTokens, sampling: sampling,
                            stopStrings: stopStrings, continuation: continuation,
                            leftQueue: { [self] in lock.withLock { waiting -= 1 } })
        continuation.onTermination = { [weak job] _ in job?.cancel() }
        queue.async { [self] in
            guard let prompt = job.begin() else {
                job.continuation.finish()
                return
            }
            lock.withLock { running += 1 }
            defer { lock.withLock { running -= 1 } }
            run(job, prompt: prompt)
        }
        return (job, stream)
    }

    /// Runs on `queue`.
    private func run(_ job: EngineJob, prompt: [Int]) {
        defer { job.continuation.finish() }
        var decoder = BPEStreamingDecoder(tokenizer: session.tokenizer)
        var matcher = StopStringMatcher(stops: job.stopStrings)
        let options = GenerationOptions(maxTokens: job.maxTokens, sampling: job.sampling, stopTokens: stopTokens)
        do {
            let result = try Generator(context: session.context).generate(
                prompt: prompt, options: options,
                isCancelled: { job.isCancelled || matcher.isStopped }
            ) { token in
                let released = matcher.append(decoder.append(Int32(token)))
                if !released.isEmpty { job.continuation.yield(.delta(released)) }
            }
            let tail = matcher.append(decoder.finish()) + matcher.finish()
            if !tail.isEmpty { job.continuation.yield(.delta(tail)) }
            let natural = matcher.isStopped || result.stopReason == .stopToken
            job.continuation.yield(.finished(EngineOutcome(
                stoppedNaturally: natural, promptTokens: result.promptTokens.count,
                completionTokens: result.tokens.count, cancelled: job.isCancelled && !natural)))
        } catch {
            job.continuation.yield(.failed("generation failed: \(error)"))
        }
    }
}
