import Foundation
import Checks
@testable import LanguageServer
#if canImport(Glibc)
import Glibc
#endif

/// An in-process LSP client talking to a `LanguageServer` over two pipes.
final class FakeClient: @unchecked Sendable {
    let server: LanguageServer
    let log: ServerLog
    private let toServer: Int32
    private let fromServer: Int32
    private let serverInput: Int32
    private let serverOutput: Int32

    private let lock = NSLock()
    private var inbox: [JSONValue] = []
    private var nextID = 1
    private var inputClosed = false
    /// Answers requests the server sends (workspace/applyEdit, workspace/configuration, …).
    private var requestHandler: @Sendable (String, JSONValue?) -> JSONValue = { _, _ in .null }
    private var serverRequestLog: [JSONValue] = []

    init(options: ServerOptions = ServerOptions(), checks: CheckSetupFactory? = nil,
         configure: (LanguageServer) -> Void = { _ in }) {
        var a: [Int32] = [0, 0]
        var b: [Int32] = [0, 0]
        _ = pipe(&a)
        _ = pipe(&b)
        serverInput = a[0]; toServer = a[1]
        fromServer = b[0]; serverOutput = b[1]
        log = ServerLog(capturing: .debug)
        server = LanguageServer(inputFD: serverInput, outputFD: serverOutput, options: options, log: log, checks: checks)
        configure(server)
        server.start()
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    /// Ends the session: closes our end of the server's input (the server sees end of stream).
    /// Ends the session by closing the server's input; returns the exit code.
    /// The server's own ends stay open: a late write must never land on a reused descriptor.
    @discardableResult
    func finish() async throws -> Int32 {
        closeInput()
        return try await exitCode()
    }

    /// Waits (without blocking a thread) until the server has finished.
    func exitCode(timeout: Double = 10) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let code = server.exitCodeIfFinished { return code }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        throw Timeout(description: "server did not finish")
    }

    func onServerRequest(_ handler: @escaping @Sendable (String, JSONValue?) -> JSONValue) {
        lock.withLock { requestHandler = handler }
    }

    var serverRequests: [JSONValue] { lock.withLock { serverRequestLog } }

    private func readLoop() {
        var decoder = FrameDecoder()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fromServer, $0.baseAddress, 65536) }
            if n <= 0 { break }
            for event in decoder.feed(Data(buffer[0..<n])) {
                guard case .message(let body) = event, let json = try? JSONValue.parse(body) else { continue }
                if let method = json["method"]?.stringValue, let id = json["id"] {
                    let handler = lock.withLock { serverRequestLog.append(json); return requestHandler }
                    let result = handler(method, json["params"])
                    sendJSON(["jsonrpc": "2.0", "id": id, "result": result])
                } else {
                    lock.withLock { inbox.append(json) }
                }
            }
        }
    }

    // MARK: Sending

    func sendRaw(_ bytes: Data) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = write(toServer, base + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    func sendRaw(_ text: String) { sendRaw(Data(text.utf8)) }

    func sendJSON(_ json: JSONValue) { sendRaw(FrameDecoder.frame(json.serialized())) }

    func notify(_ method: String, _ params: JSONValue = [:]) {
        sendJSON(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and returns its id without waiting.
    @discardableResult
    func send(_ method: String, _ params: JSONValue = [:]) -> Int {
        let id = lock.withLock { defer { nextID += 1 }; return nextID }
        sendJSON(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return id
    }

    /// Sends a request and waits for the whole response message.
    func request(_ method: String, _ params: JSONValue = [:], timeout: Double = 10) async throws -> JSONValue {
        let id = send(method, params)
        return try await response(id: id, timeout: timeout)
    }

    func response(id: Int, timeout: Double = 10) async throws -> JSONValue {
        try await waitFor(timeout: timeout) { $0["id"]?.intValue == id && $0["method"] == nil }
    }

    // MARK: Receiving

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Waits for a message matching `predicate` and removes it from the inbox.
    func waitFor(timeout: Double = 10, _ predicate: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found: JSONValue? = lock.withLock {
                guard let index = inbox.firstIndex(where: predicate) else { return nil }
                return inbox.remove(at: index)
            }
            if let found { return found }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        throw Timeout(description: "no matching message; inbox: \(lock.withLock { inbox.map(\.serializedString) })")
    }

    func notification(_ method: String, timeout: Double = 10, where predicate: (JSONValue) -> Bool = { _ in true })
        async throws -> JSONValue
    {
        try await waitFor(timeout: timeout) { $0["method"]?.stringValue == method && predicate($0) }
    }

    /// Notifications with `method` received so far (left in the inbox).
    func received(_ method: String) -> [JSONValue] {
        lock.withLock { inbox.filter { $0["method"]?.stringValue == method } }
    }

    // MARK: Session helpers

    static let fullCapabilities: JSONValue = [
        "general": ["positionEncodings": ["utf-16"]],
        "window": ["workDoneProgress": true],
        "workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true]],
        "textDocument": [
            "publishDiagnostics": ["versionSupport": true],
            "codeAction": ["resolveSupport": ["properties": ["edit"]], "codeActionLiteralSupport": [:]],
        ],
    ]

    @discardableResult
    func initialize(capabilities: JSONValue = FakeClient.fullCapabilities, initializationOptions: JSONValue? = nil)
        async throws -> JSONValue
    {
        var params: [String: JSONValue] = ["processId": .null, "rootUri": .null, "capabilities": capabilities]
        if let initializationOptions { params["initializationOptions"] = initializationOptions }
        let answer = try await request("initialize", .object(params))
        notify("initialized")
        return answer
    }

    func open(_ uri: String, _ text: String, version: Int = 1, languageId: String = "markdown") {
        notify("textDocument/didOpen", ["textDocument": [
            "uri": .string(uri), "languageId": .string(languageId), "version": .int(version), "text": .string(text),
        ]])
    }

    func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)],
                                          "contentChanges": .array(changes)])
    }

    static func edit(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int, _ text: String) -> JSONValue {
        ["range": ["start": ["line": .int(startLine), "character": .int(startCharacter)],
                   "end": ["line": .int(endLine), "character": .int(endCharacter)]],
         "text": .string(text)]
    }

    /// shutdown + exit; returns the server's exit code.
    func shutdownAndExit() async throws -> Int32 {
        _ = try await request("shutdown", .null)
        notify("exit")
        let code = try await exitCode()
        closeInput()
        return code
    }

    func closeInput() {
        let first = lock.withLock { defer { inputClosed = true }; return !inputClosed }
        if first { close(toServer) }
    }
}

/// A settings factory with a fixed provider; `server.debounce-ms` from the settings wins.
func fixedChecks(_ provider: any DiagnosticsProvider, debounce: Int = 0) -> CheckSetupFactory {
    { _, settings in
        CheckSetup(provider: provider, debounceMilliseconds: settings.value(at: "server", "debounce-ms")?.intValue ?? debounce)
    }
}

/// Reports every occurrence of a word, with a fix replacing it (or a lazy fix).
struct WordFinder: DiagnosticsProvider {
    var word: String
    var replacement: String
    var lazyKind: String? = nil

    func findings(in document: DocumentSnapshot) -> [Finding] {
        let utf16 = Array(document.text.utf16)
        let needle = Array(word.utf16)
        var findings: [Finding] = []
        var i = 0
        while i + needle.count <= utf16.count {
            if Array(utf16[i..<i + needle.count]) == needle {
                let span = TextSpan(start: i, end: i + needle.count)
                let fix = lazyKind == nil
                    ? Fix(title: "Replace with \(replacement)",
                          replacements: [TextReplacement(span: span, newText: replacement)], isPreferred: true)
                    : Fix(title: "Rewrite", replacements: [], lazyKind: lazyKind)
                findings.append(Finding(rule: "test.word", message: "found \(word)", severity: .warning, span: span,
                                        fixes: [fix], documentation: "docs/rules.md#test-word"))
                i += needle.count
            } else {
                i += 1
            }
        }
        return findings
    }
}
