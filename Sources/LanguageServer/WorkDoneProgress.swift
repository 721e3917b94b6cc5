import Foundation

/// Work-done progress for long jobs (rewrites, illustrations), shown by the client as a progress bar.
///
/// Nothing is sent until `begin`: quick jobs stay silent. The token is the one the client put in the
/// request (`workDoneToken`), or, when there is none and the client supports it, one the server
/// creates with `window/workDoneProgress/create`. Without client support every call is a no-op.
/// A `cancellable` progress lets the user cancel the request from the progress UI
/// (`window/workDoneProgress/cancel`), which cancels the request's task.
public final class WorkDoneProgress: @unchecked Sendable {
    private enum State { case idle, active(JSONValue), ended }

    private let lock = NSLock()
    private var state = State.idle
    private let clientToken: JSONValue?
    private let requestID: RequestID?
    private let server: LanguageServer?
    private static let counter = Counter()

    /// Progress that reports nothing.
    public static let silent = WorkDoneProgress(clientToken: nil, requestID: nil, server: nil)

    init(clientToken: JSONValue?, requestID: RequestID?, server: LanguageServer?) {
        self.clientToken = clientToken
        self.requestID = requestID
        self.server = server
    }

    public func begin(title: String, message: String? = nil, percentage: Int? = nil, cancellable: Bool = false) async {
        guard let server, lock.withLock({ if case .idle = state { return true } else { return false } }) else { return }
        var token = clientToken
        if token == nil, server.client.workDoneProgress {
            let created = JSONValue.string("tenor-progress-\(Self.counter.next())")
            do {
                _ = try await server.sendRequest("window/workDoneProgress/create", ["token": created])
                token = created
            } catch {
                server.log.debug("client refused progress token: \(error)")
            }
        }
        guard let token else { lock.withLock { state = .ended }; return }
        lock.withLock { state = .active(token) }
        let cancellable = cancellable && requestID != nil
        if cancellable, let requestID { server.withState { $0.cancellableProgress[token] = requestID } }
        var value: [String: JSONValue] = ["kind": "begin", "title": .string(title), "cancellable": .bool(cancellable)]
        if let message { value["message"] = .string(message) }
        if let percentage { value["percentage"] = .int(percentage) }
        server.connection.sendNotification("$/progress", ["token": token, "value": .object(value)])
    }

    public func report(message: String? = nil, percentage: Int? = nil) {
        guard let server, let token = activeToken else { return }
        var value: [String: JSONValue] = ["kind": "report"]
        if let message { value["message"] = .string(message) }
        if let percentage { value["percentage"] = .int(max(0, min(100, percentage))) }
        server.connection.sendNotification("$/progress", ["token": token, "value": .object(value)])
    }

    public func end(message: String? = nil) {
        guard let server, let token = activeToken else { return }
        lock.withLock { state = .ended }
        server.withState { $0.cancellableProgress[token] = nil }
        var value: [String: JSONValue] = ["kind": "end"]
        if let message { value["message"] = .string(message) }
        server.connection.sendNotification("$/progress", ["token": token, "value": .object(value)])
    }

    private var activeToken: JSONValue? {
        lock.withLock { if case .active(let token) = state { return token } else { return nil } }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

extension LanguageServer {
    /// A progress reporter for a request (uses its `workDoneToken` when the client sent one).
    public func progress(for context: RequestContext) -> WorkDoneProgress {
        WorkDoneProgress(clientToken: context.params?["workDoneToken"], requestID: context.id, server: self)
    }

    /// `window/workDoneProgress/cancel`: the user cancelled a cancellable progress.
    func cancelProgress(params: JSONValue?) {
        guard let token = params?["token"] else { return }
        guard let id = withState({ $0.cancellableProgress[token] }) else { return }
        log.debug("progress \(token.serializedString) cancelled by the user; cancelling request \(id)")
        scheduler.cancel(id: id)
    }
}
