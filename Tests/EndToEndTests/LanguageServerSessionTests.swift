import Foundation
import Testing

private var initializeParams: [String: Any] { [
    "processId": NSNull(),
    "rootUri": NSNull(),
    "capabilities": [
        "workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true]],
        "textDocument": ["publishDiagnostics": ["versionSupport": true]],
    ] as [String: Any],
] }

private func errorCode(_ message: [String: Any]) -> Int? { (message["error"] as? [String: Any])?["code"] as? Int }

private func diagnostics(_ message: [String: Any]) -> [[String: Any]] {
    ((message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]) ?? []
}

private func version(_ message: [String: Any]) -> Int? { (message["params"] as? [String: Any])?["version"] as? Int }

private func change(_ uri: String, _ version: Int, line: Int, from: Int, to: Int, _ text: String) -> [String: Any] {
    ["textDocument": ["uri": uri, "version": version],
     "contentChanges": [["range": ["start": ["line": line, "character": from], "end": ["line": line, "character": to]],
                         "text": text]]]
}

@Suite(.serialized) struct LanguageServerSessionTests {
    @Test func wholeSession() async throws {
        let server = try ServerProcess()
        let initialized = try await server.request("initialize", initializeParams)
        let result = try #require(initialized["result"] as? [String: Any])
        #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "tenor")
        try server.notify("initialized")

        let uri = "file:///tmp/tenor-e2e.md"
        try server.notify("textDocument/didOpen", ["textDocument": [
            "uri": uri, "languageId": "markdown", "version": 1, "text": "# Notes\n\nThis is is fine.\n",
        ]])
        let first = try await server.notification("textDocument/publishDiagnostics")
        #expect(version(first) == 1)
        let repeated = try #require(diagnostics(first).first { $0["code"] as? String == "style.repeated-word" })

        // Edit line 2 ("This is is fine.") to "This is is is fine.": two repeats now.
        try server.notify("textDocument/didChange", change(uri, 2, line: 2, from: 7, to: 7, " is"))
        let second = try await server.notification("textDocument/publishDiagnostics") { version($0) == 2 }
        #expect(diagnostics(second).filter { $0["code"] as? String == "style.repeated-word" }.count == 2)

        let secondRepeat = try #require(diagnostics(second).first)
        let answer = try await server.request("textDocument/codeAction", [
            "textDocument": ["uri": uri], "range": secondRepeat["range"] ?? [:],
            "context": ["diagnostics": [secondRepeat]],
        ])
        let actions = try #require(answer["result"] as? [[String: Any]])
        let fix = try #require(actions.first { $0["kind"] as? String == "quickfix" })
        let documentChanges = (fix["edit"] as? [String: Any])?["documentChanges"] as? [[String: Any]]
        #expect((documentChanges?.first?["textDocument"] as? [String: Any])?["version"] as? Int == 2)
        _ = repeated

        _ = try await server.request("shutdown")
        try server.notify("exit")
        #expect(try await server.exitStatus() == 0)
        #expect(server.strayOutput.isEmpty, "stdout carries JSON-RPC only")
    }

    @Test func survivesHostileInput() async throws {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-e2e-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: logFile) }
        let server = try ServerProcess(arguments: ["--max-message-bytes", "4096", "--log-file", logFile.path])
        _ = try await server.request("initialize", initializeParams)
        try server.notify("initialized")

        // Malformed JSON with a recoverable id.
        let malformed = Data(#"{"jsonrpc":"2.0","id":77,"method":"x","params":{"a":}"#.utf8)
        server.sendRaw(Data("Content-Length: \(malformed.count)\r\n\r\n".utf8) + malformed)
        #expect(errorCode(try await server.response(id: 77)) == -32700)

        // Oversized: 1 MB body over a 4 KiB limit, refused unread but answered.
        var big = Data("{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"textDocument/hover\",\"params\":{\"pad\":\"".utf8)
        big.append(Data(repeating: UInt8(ascii: "x"), count: 1 << 20))
        big.append(Data("\"}}".utf8))
        server.sendRaw(Data("Content-Length: \(big.count)\r\n\r\n".utf8) + big)
        #expect(errorCode(try await server.response(id: 78)) == -32600)

        // Garbage header block.
        server.sendRaw(Data("Content-Length: many\r\n\r\n".utf8))

        // Edit to a document that was never opened.
        try server.notify("textDocument/didChange", change("file:///never.md", 2, line: 0, from: 0, to: 0, "x"))

        // Out-of-range edit on an open document.
        let uri = "file:///tmp/tenor-hostile.md"
        try server.notify("textDocument/didOpen", ["textDocument": [
            "uri": uri, "languageId": "markdown", "version": 1, "text": "Fine text.\n",
        ]])
        try server.notify("textDocument/didChange", change(uri, 2, line: 40, from: 3, to: 900, "It is is here."))

        // The server still answers, and diagnoses the clamped edit's result.
        let unknown = try await server.request("tenor/unknown")
        #expect(errorCode(unknown) == -32601)
        let published = try await server.notification("textDocument/publishDiagnostics") { version($0) == 2 }
        #expect(diagnostics(published).contains { $0["code"] as? String == "style.repeated-word" })

        _ = try await server.request("shutdown")
        try server.notify("exit")
        #expect(try await server.exitStatus() == 0)
        #expect(server.strayOutput.isEmpty)
        let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        #expect(log.contains("not open"))
        #expect(log.contains("clamped"))
        #expect(server.stderr.isEmpty, "with --log-file nothing goes to stderr: \(server.stderr)")
    }

    @Test func endOfInputWithoutShutdownExitsWithOne() async throws {
        let server = try ServerProcess()
        _ = try await server.request("initialize", initializeParams)
        server.closeInput()
        #expect(try await server.exitStatus() == 1)
    }
}
