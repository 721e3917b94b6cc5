import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Tenor language server: lifecycle, dispatch, and the state shared by the feature files
/// (`Server+Documents`, `Server+Diagnostics`, `Server+CodeActions`, `Server+Configuration`).
///
/// Threading: messages arrive in order on the connection's reader thread. Lifecycle messages and
/// document synchronisation are applied right there, so every later message sees their effect.
/// Requests are handed to `RequestScheduler` (ordered per document, concurrent across documents,
/// cancellable); diagnostics run on their own debounced tasks.
public final class LanguageServer: @unchecked Sendable {
    public static let name = "tenor"
    /// The default `serverInfo.version`; `ServerOptions.version` overrides it.
    public static let version = "0.1.0"

    let connection: MessageConnection
    let log: ServerLog
    let options: ServerOptions
    let scheduler = RequestScheduler()
    let documents: DocumentStore
    let extensions = ServerExtensions()
    let shownMessages = ShownMessages()
    let checkGate = CheckGate(limit: ProcessInfo.processInfo.activeProcessorCount)

    enum Lifecycle: Sendable { case uninitialized, running, shutDown }

    /// The server's mutable state; only touched inside `withState`.
    struct State {
        var lifecycle = Lifecycle.uninitialized
        var client = ClientCapabilities()
        var encoding = PositionEncodingKind.utf16
        var workspaceRoot: URL?
        var exitCode: Int32?
        var trace = "off"
        var initializationOptions: JSONValue = .null
        var clientSettings: JSONValue = .null
        var settings = ServerSettings.initial
        /// Diagnostics computed for the current version of each open document.
        var diagnosticsCache: [String: CachedDiagnostics] = [:]
        var pendingChecks: [String: Task<Void, Never>] = [:]
        /// Progress tokens the user may cancel, and the request each belongs to.
        var cancellableProgress: [JSONValue: RequestID] = [:]
    }

    private let stateLock = NSLock()
    private var state = State()

    /// Runs `body` with exclusive access to the state. Never call `withState` (or anything that does)
    /// inside `body`: the lock is not recursive. Lock order: `documents` before `withState`.
    func withState<T>(_ body: (inout State) -> T) -> T {
        stateLock.lock(); defer { stateLock.unlock() }
        return body(&state)
    }

    var client: ClientCapabilities { withState { $0.client } }
    var encoding: PositionEncodingKind { withState { $0.encoding } }
    /// The workspace folder from `initialize` (`workspaceFolders[0]`, else `rootUri`/`rootPath`); nil when the
    /// client named none.
    public var workspaceRoot: URL? { withState { $0.workspaceRoot } }
    var settings: ServerSettings { withState { $0.settings } }

    private let finished = DispatchSemaphore(value: 0)

    let checkSetupFactory: CheckSetupFactory

    /// `checks` builds the diagnostics provider from the workspace root and the merged `tenor` settings;
    /// the default uses the Checks engine and `.tenor.toml`.
    public init(inputFD: Int32, outputFD: Int32, options: ServerOptions = ServerOptions(), log: ServerLog? = nil,
                checks: CheckSetupFactory? = nil) {
        self.options = options
        self.checkSetupFactory = checks ?? ChecksAdapter.defaultFactory
        self.log = log ?? ServerLog(path: options.logFile, level: options.logLevel)
        self.connection = MessageConnection(inputFD: inputFD, outputFD: outputFD,
                                            maxMessageBytes: options.maxMessageBytes, log: self.log)
        self.documents = DocumentStore(log: self.log)
        registerBuiltInCommands()
    }

    /// Serves stdin/stdout until `exit` or end of input. Returns the process exit code:
    /// 0 after `shutdown`, 1 otherwise (LSP: `exit` without `shutdown` is an error).
    public static func runStdio(options: ServerOptions = ServerOptions(), checks: CheckSetupFactory? = nil) -> Int32 {
        // A client that goes away must not kill the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(inputFD: STDIN_FILENO, outputFD: STDOUT_FILENO, options: options, checks: checks)
        return server.run()
    }

    /// Starts reading and blocks until `exit` or end of input.
    public func run() -> Int32 {
        start()
        return waitUntilFinished()
    }

    /// Starts reading without blocking (tests drive the server over pipes).
    public func start() {
        log.info("tenor \(options.version) language server starting (max message \(options.maxMessageBytes) bytes)")
        connection.start(
            onMessage: { [self] message in handle(message) },
            onClose: { [self] in
                log.info("input closed")
                finish()
            })
    }

    public func waitUntilFinished() -> Int32 {
        finished.wait()
        finished.signal()  // let any other waiter through too
        return withState { $0.exitCode ?? 1 }
    }

    /// The exit code once the server has finished (after `exit` or end of input), else nil.
    public var exitCodeIfFinished: Int32? { withState { $0.exitCode } }

    /// Ends the session (`exit` or end of input): 0 if `shutdown` came first, else 1.
    private func finish() {
        let first: Bool = withState {
            guard $0.exitCode == nil else { return false }
            $0.exitCode = $0.lifecycle == .shutDown ? 0 : 1
            return true
        }
        guard first else { return }
        scheduler.cancelAll()
        cancelPendingChecks()
        finished.signal()
    }

    // MARK: Dispatch

    func handle(_ message: IncomingMessage) {
        // After `exit` nothing more is served (an embedding process may outlive the session).
        guard exitCodeIfFinished == nil else { return }
        switch message {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
        case .response:
            break  // MessageConnection routes responses to our own requests.
        }
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue?) {
        let lifecycle = withState { $0.lifecycle }
        switch (lifecycle, method) {
        case (.uninitialized, "initialize"):
            respond(id: id, initialize(params: params))
            return
        case (.uninitialized, _):
            connection.sendError(id: id, .serverNotInitialized)
            return
        case (.running, "initialize"):
            connection.sendError(id: id, .invalidRequest("initialize was already received"))
            return
        case (.running, "shutdown"):
            withState { $0.lifecycle = .shutDown }
            cancelPendingChecks()
            log.info("shutdown requested")
            // Requests that arrived before shutdown still get their answers, then shutdown's;
            // ones still running after a few seconds are cancelled so shutdown cannot hang.
            Task { [self] in
                let watchdog = Task {
                    try await Task.sleep(nanoseconds: 3_000_000_000)
                    scheduler.cancelAll()
                }
                await scheduler.drain()
                watchdog.cancel()
                connection.sendResponse(id: id, result: .null)
            }
            return
        case (.shutDown, _):
            connection.sendError(id: id, .invalidRequest("server is shutting down"))
            return
        case (.running, _):
            break
        }
        guard let handler = requestHandler(for: method) else {
            connection.sendError(id: id, .methodNotFound(method))
            return
        }
        // Capture the document as it is now: positions in the request refer to this version.
        let uri = Self.documentURI(in: params)
        let snapshot = uri.flatMap { documents.snapshot(uri: $0) }
        let context = RequestContext(id: id, method: method, params: params, document: snapshot)
        var key = uri
        if method == "workspace/executeCommand", let name = params?["command"]?.stringValue,
           extensions.runsOffDocumentQueue(name) {
            key = nil
        }
        scheduler.submit(id: id, key: key, work: { try await handler(context) }, answer: { [self] result in
            respond(id: id, result)
        })
    }

    private func respond(id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        switch result {
        case .success(let value): connection.sendResponse(id: id, result: value)
        case .failure(let error): connection.sendError(id: id, error)
        }
    }

    private func handleNotification(method: String, params: JSONValue?) {
        if method == "exit" {
            log.info("exit")
            finish()
            return
        }
        let lifecycle = withState { $0.lifecycle }
        guard lifecycle == .running else {
            log.debug("notification \(method) ignored (server not running)")
            return
        }
        switch method {
        case "initialized": initialized()
        case "$/cancelRequest": cancelRequest(params: params)
        case "$/setTrace": setTrace(params: params)
        case "window/workDoneProgress/cancel": cancelProgress(params: params)
        case "textDocument/didOpen": didOpen(params: params)
        case "textDocument/didChange": didChange(params: params)
        case "textDocument/didSave": didSave(params: params)
        case "textDocument/didClose": didClose(params: params)
        case "workspace/didChangeConfiguration": didChangeConfiguration(params: params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params: params)
        default:
            if !method.hasPrefix("$/") { log.debug("notification \(method) ignored") }
        }
    }

    typealias RequestHandler = @Sendable (RequestContext) async throws -> JSONValue

    private func requestHandler(for method: String) -> RequestHandler? {
        switch method {
        case "textDocument/diagnostic": return { [self] in try await pullDiagnostics($0) }
        case "textDocument/codeAction": return { [self] in try await codeActions($0) }
        case "codeAction/resolve": return { [self] in try await resolveCodeAction($0) }
        case "workspace/executeCommand": return { [self] in try await executeCommand($0) }
        case "textDocument/codeLens": return { [self] in try await codeLenses($0) }
        default: return nil
        }
    }

    /// The document a request is about, used to order requests per document.
    static func documentURI(in params: JSONValue?) -> String? {
        params?.value(at: "textDocument", "uri")?.stringValue
            ?? params?.value(at: "data", "uri")?.stringValue
            ?? params?["arguments"]?[0]?["uri"]?.stringValue
    }

    // MARK: Lifecycle

    private func initialize(params: JSONValue?) -> Result<JSONValue, ResponseError> {
        let client = ClientCapabilities(json: params?["capabilities"])
        let encoding = PositionEncodingKind.negotiate(offered: client.positionEncodings)
        let root = Self.workspaceRoot(from: params)
        let initializationOptions = params?["initializationOptions"] ?? .null
        withState {
            $0.client = client
            $0.encoding = encoding
            $0.workspaceRoot = root
            $0.lifecycle = .running
            $0.initializationOptions = initializationOptions
            if let trace = params?["trace"]?.stringValue { $0.trace = trace }
        }
        let clientName = params?.value(at: "clientInfo", "name")?.stringValue ?? "unknown client"
        log.info("initialize from \(clientName); position encoding \(encoding.rawValue); root \(root?.path ?? "none")")
        reloadSettings(recheck: false)
        return .success([
            "capabilities": serverCapabilities(encoding: encoding),
            "serverInfo": ["name": .string(Self.name), "version": .string(options.version)],
        ])
    }

    private func serverCapabilities(encoding: PositionEncodingKind) -> JSONValue {
        let kinds = extensions.codeActionKinds
        var capabilities: [String: JSONValue] = [
            "positionEncoding": .string(encoding.rawValue),
            "textDocumentSync": [
                "openClose": true,
                "change": 2,  // incremental
                "save": ["includeText": false],
            ],
            "diagnosticProvider": [
                "identifier": "tenor",
                "interFileDependencies": false,
                "workspaceDiagnostics": false,
            ],
            "codeActionProvider": [
                "codeActionKinds": .array(kinds.map { .string($0) }),
                "resolveProvider": true,
            ],
            "executeCommandProvider": [
                "commands": .array(extensions.commandNames.map { .string($0) }),
            ],
        ]
        if !extensions.codeLensProviders.isEmpty {
            capabilities["codeLensProvider"] = ["resolveProvider": false]
        }
        return .object(capabilities)
    }

    static func workspaceRoot(from params: JSONValue?) -> URL? {
        let uri = params?["workspaceFolders"]?[0]?["uri"]?.stringValue ?? params?["rootUri"]?.stringValue
        if let uri, let url = URL(string: uri), url.isFileURL { return url }
        if let path = params?["rootPath"]?.stringValue { return URL(fileURLWithPath: path) }
        return nil
    }

    private func initialized() {
        log.debug("initialized")
        let client = self.client
        if client.configuration {
            Task { await pullClientSettings() }
        }
        Task { await registerDynamicCapabilities() }
    }

    private func cancelRequest(params: JSONValue?) {
        guard let raw = params?["id"], let id = RequestID(json: raw) else { return }
        if scheduler.cancel(id: id) { log.debug("cancel request \(id)") }
    }

    private func setTrace(params: JSONValue?) {
        guard let value = params?["value"]?.stringValue else { return }
        withState { $0.trace = value }
    }

    // MARK: Messages to the client

    /// `window/logMessage` (type: 1 error, 2 warning, 3 info, 4 log).
    public func logMessage(_ message: String, type: Int = 3) {
        connection.sendNotification("window/logMessage", ["type": .int(type), "message": .string(message)])
    }

    /// `window/showMessage`.
    public func showMessage(_ message: String, type: Int = 3) {
        connection.sendNotification("window/showMessage", ["type": .int(type), "message": .string(message)])
    }

    /// Sends a request to the client and waits for the answer.
    public func sendRequest(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        try await connection.sendRequest(method, params)
    }
}

/// What a request handler gets: the request and the document as it was when the request arrived.
public struct RequestContext: Sendable {
    public let id: RequestID
    public let method: String
    public let params: JSONValue?
    public let document: DocumentSnapshot?
}
