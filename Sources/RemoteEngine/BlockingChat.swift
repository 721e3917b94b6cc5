import Foundation
import OpenAIProtocol
import Tokenizers

extension RemoteEngine {
    /// `chat` for synchronous callers such as the generation paths that call `Generator.generate`: blocks
    /// the calling thread until the reply is complete. `isCancelled` is polled every 50 ms, as the local
    /// generator checks it every token, and cancels the request when it turns true (throws CancellationError).
    /// Call it from a GCD thread (as `runOffCooperativeThreads` gives), never from a Swift concurrency thread.
    public func chatBlocking(messages: [ChatMessage], maxTokens: Int, temperature: Double, stop: [String] = [],
                             seed: UInt64? = nil, isCancelled: @escaping @Sendable () -> Bool = { false },
                             onDelta: @escaping @Sendable (String) -> Void = { _ in }) throws -> RemoteChatReply {
        let box = ResultBox()
        let finished = DispatchSemaphore(value: 0)
        let task = Task {
            do {
                box.set(.success(try await chat(messages: messages, maxTokens: maxTokens, temperature: temperature,
                                                stop: stop, seed: seed, onDelta: onDelta)))
            } catch {
                box.set(.failure(error))
            }
            finished.signal()
        }
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if isCancelled() { task.cancel() }
        }
        guard let result = box.result else { throw CancellationError() }
        return try result.get()
    }
}

/// The result handed from the task to the blocked thread.
private final class ResultBox: @unchecked Sendable {
    // @unchecked: `value` is guarded by `lock`.
    private let lock = NSLock()
    private var value: Result<RemoteChatReply, any Error>?
    var result: Result<RemoteChatReply, any Error>? { lock.withLock { value } }
    func set(_ result: Result<RemoteChatReply, any Error>) { lock.withLock { value = result } }
}
