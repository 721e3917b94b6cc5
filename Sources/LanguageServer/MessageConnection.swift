import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON-RPC connection over two file descriptors.
///
/// Reading runs on a dedicated thread (blocking `read(2)`), decoded with `FrameDecoder`, and hands each
/// message to `onMessage` in arrival order on that thread. Writes are serialized by a lock so frames
/// never interleave. Requests this side sends are matched to responses by id.
public final class MessageConnection: @unchecked Sendable {
    private let inputFD: Int32
    private let outputFD: Int32
    private let log: ServerLog
    private var limit: Int
    /// Messages with a larger Content-Length are refused unread; adjustable while running.
    public var maxMessageBytes: Int {
        get { stateLock.withLock { limit } }
        set { stateLock.withLock { limit = max(1, newValue) } }
    }

    private let writeLock = NSLock()
    private var outputBroken = false

    private let stateLock = NSLock()
    private var nextOutgoingID = 1
    private var pending: [RequestID: CheckedContinuation<JSONValue, Error>] = [:]
    private var closed = false

    public init(inputFD: Int32, outputFD: Int32, maxMessageBytes: Int, log: ServerLog) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.limit = max(1, maxMessageBytes)
        self.log = log
    }

    /// Starts the reader thread. `onMessage` gets every well-formed message except responses to our own
    /// requests; `onClose` runs once, on the reader thread, at end of input.
    public func start(onMessage: @escaping @Sendable (IncomingMessage) -> Void,
                      onClose: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            readLoop(onMessage: onMessage)
            failPendingRequests()
            onClose()
        }
        thread.name = "tenor-lsp-reader"
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func readLoop(onMessage: @Sendable (IncomingMessage) -> Void) {
        var decoder = FrameDecoder(maxMessageBytes: maxMessageBytes)
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in read(inputFD, raw.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                log.error("read failed (errno \(errno)); closing")
                return
            }
            if count == 0 {
                if !decoder.isAtMessageBoundary { log.warning("input ended inside a message") }
                return
            }
            decoder.maxMessageBytes = maxMessageBytes
            for event in decoder.feed(Data(chunk[0..<count])) {
                handle(event, onMessage: onMessage)
            }
        }
    }

    private func handle(_ event: FrameDecoder.Event, onMessage: @Sendable (IncomingMessage) -> Void) {
        switch event {
        case .malformedHeader(let why):
            log.warning("malformed message header skipped: \(why)")
        case .oversized(let length, let prefix):
            let limit = maxMessageBytes
            let error = ResponseError.invalidRequest("Message of \(length) bytes exceeds the limit of \(limit) bytes")
            if let id = MessageClassifier.recoverID(from: prefix) {
                log.warning("refused message of \(length) bytes (request \(id)); limit is \(limit)")
                sendError(id: id, error)
            } else {
                log.warning("refused message of \(length) bytes without a recoverable id; limit is \(limit)")
            }
        case .message(let body):
            switch MessageClassifier.classify(body: body) {
            case .failure(let problem):
                log.warning("bad message (\(problem.error.message)): \(String(decoding: body.prefix(200), as: UTF8.self))")
                for id in problem.ids { sendError(id: id, problem.error) }
            case .success(.response(let id, let result)):
                resolveOutgoing(id: id, result: result)
            case .success(let message):
                onMessage(message)
            }
        }
    }

    // MARK: Writing

    public func send(_ message: JSONValue) {
        let frame = FrameDecoder.frame(message.serialized())
        writeLock.lock(); defer { writeLock.unlock() }
        guard !outputBroken else { return }
        frame.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var written = 0
            while written < raw.count {
                let n = write(outputFD, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    log.error("write failed (errno \(errno)); further output dropped")
                    outputBroken = true
                    return
                }
                written += n
            }
        }
    }

    public func sendResponse(id: RequestID, result: JSONValue) {
        send(["jsonrpc": "2.0", "id": id.json, "result": result])
    }

    public func sendError(id: RequestID, _ error: ResponseError) {
        send(["jsonrpc": "2.0", "id": id.json, "error": error.json])
    }

    public func sendNotification(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request to the peer and waits for its answer. Throws the peer's error, or
    /// `ResponseError.requestCancelled` if the connection closes first.
    public func sendRequest(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        let id: RequestID = stateLock.withLock {
            defer { nextOutgoingID += 1 }
            return .string("tenor-\(nextOutgoingID)")
        }
        return try await withCheckedThrowingContinuation { continuation in
            let isClosed: Bool = stateLock.withLock {
                if closed { return true }
                pending[id] = continuation
                return false
            }
            if isClosed {
                continuation.resume(throwing: ResponseError(code: ErrorCode.requestCancelled, message: "connection closed"))
                return
            }
            send(["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params])
        }
    }

    private func resolveOutgoing(id: RequestID, result: Result<JSONValue, ResponseError>) {
        let continuation = stateLock.withLock { pending.removeValue(forKey: id) }
        guard let continuation else {
            log.warning("response to unknown request \(id) ignored")
            return
        }
        switch result {
        case .success(let value): continuation.resume(returning: value)
        case .failure(let error): continuation.resume(throwing: error)
        }
    }

    private func failPendingRequests() {
        let waiting = stateLock.withLock {
            closed = true
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        for continuation in waiting {
            continuation.resume(throwing: ResponseError(code: ErrorCode.requestCancelled, message: "connection closed"))
        }
    }
}
