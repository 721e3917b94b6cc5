import Foundation
import Testing
import Checks
@testable import LanguageServer

/// The parts editors without `codeAction/resolve` (Eglot 1.9) and with it (Neovim 0.7) take through
/// selection actions, command-only actions, lenses and long commands.

private func actionParams(_ uri: String, _ l0: Int, _ c0: Int, _ l1: Int, _ c1: Int, only: JSONValue? = nil) -> JSONValue {
    var context: [String: JSONValue] = ["diagnostics": []]
    if let only { context["only"] = only }
    return ["textDocument": ["uri": .string(uri)],
            "range": ["start": ["line": .int(l0), "character": .int(c0)], "end": ["line": .int(l1), "character": .int(c1)]],
            "context": .object(context)]
}

/// Eglot 1.9's capabilities as far as they matter here: applyEdit and documentChanges, no resolveSupport.
private let eglotLikeCapabilities: JSONValue = [
    "workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true]],
    "textDocument": ["codeAction": ["codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix", "refactor"]]]]],
]

/// Offers "Render" as a command-only action on any selection.
struct CommandActionProvider: CodeActionProvider {
    var identifier: String { "test.render" }
    var kinds: [String] { ["refactor"] }

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        [ProposedCodeAction(title: "Render", kind: "refactor",
                            command: CommandReference(title: "Render", command: "test.render",
                                                      arguments: [["uri": .string(request.document.uri)]]))]
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws -> [TextReplacement] { [] }
}

/// A lens on the first word.
struct FirstWordLens: CodeLensProvider {
    func codeLenses(in document: DocumentSnapshot) async -> [ProposedCodeLens] {
        let end = document.text.utf16.firstIndex(of: 0x20).map { document.text.utf16.distance(from: document.text.utf16.startIndex, to: $0) }
        return [ProposedCodeLens(span: TextSpan(start: 0, end: end ?? document.text.utf16.count),
                                 command: CommandReference(title: "Render", command: "test.render",
                                                           arguments: [["uri": .string(document.uri)]]))]
    }
}

/// Holds until released, so a test can change the document while it "renders".
final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var open = false
    func release() { lock.withLock { open = true } }
    func wait() async throws {
        for _ in 0..<500 {
            if lock.withLock({ open }) { return }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw CancellationError()
    }
}

@Suite struct EditorFeatureTests {
    @Test func selectionActionsGetTheCommandFormWithoutResolveSupport() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(FormalRewriteProvider())
        }
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        try await client.initialize(capabilities: eglotLikeCapabilities)
        client.open("file:///w.md", "say hi there")
        let offered = try await client.request("textDocument/codeAction", actionParams("file:///w.md", 0, 4, 0, 12))
        let action = try #require(offered["result"]?[0])
        #expect(action["title"] == "Rewrite: formal")
        let command = try #require(action["command"])
        #expect(command["command"] == "tenor.resolveAndApply")
        #expect(command["title"] == "Rewrite: formal")
        #expect(command["arguments"]?[0] == action["data"])

        // Eglot runs the command as given (its arguments round-tripped through its JSON reader).
        let executed = try await client.request("workspace/executeCommand",
                                                ["command": command["command"] ?? .null, "arguments": command["arguments"] ?? []])
        #expect(executed["result"] == ["applied": true])
        let applyEdit = try #require(client.serverRequests.last { $0["method"] == "workspace/applyEdit" })
        let documentEdit = try #require(applyEdit.value(at: "params", "edit", "documentChanges")?[0])
        #expect(documentEdit["textDocument"] == ["uri": "file:///w.md", "version": 1])
        #expect(documentEdit["edits"]?[0]?["newText"] == "HI THERE")
        try await client.finish()
    }

    @Test func theCommandFormRefusesAChangedDocument() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(FormalRewriteProvider())
        }
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        try await client.initialize(capabilities: eglotLikeCapabilities)
        client.open("file:///m.md", "say hi there")
        let offered = try await client.request("textDocument/codeAction", actionParams("file:///m.md", 0, 4, 0, 12))
        let command = try #require(offered["result"]?[0]?["command"])
        client.change("file:///m.md", version: 2, [FakeClient.edit(0, 0, 0, 0, "so ")])
        let refused = try await client.request("workspace/executeCommand",
                                               ["command": command["command"] ?? .null, "arguments": command["arguments"] ?? []])
        #expect(refused["error"]?["code"]?.intValue == ErrorCode.contentModified)
        #expect(!client.serverRequests.contains { $0["method"] == "workspace/applyEdit" }, "no edit is sent for a changed document")
        try await client.finish()
    }

    @Test func commandOnlyActionsComeBackUnchangedFromResolve() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(CommandActionProvider())
        }
        try await client.initialize()  // with resolveSupport, like Neovim 0.7, which resolves every action without an edit
        client.open("file:///c.md", "picture")
        let offered = try await client.request("textDocument/codeAction", actionParams("file:///c.md", 0, 0, 0, 0))
        let action = try #require(offered["result"]?[0])
        #expect(action["data"] == nil)
        #expect(action.value(at: "command", "command") == "test.render")
        #expect(action.value(at: "command", "arguments") == [["uri": "file:///c.md"]])
        let resolved = try await client.request("codeAction/resolve", action)
        #expect(resolved["result"] == action)
        // An action with neither data, edit nor command is still an error.
        let bare = try await client.request("codeAction/resolve", ["title": "x"])
        #expect(bare["error"]?["code"]?.intValue == ErrorCode.invalidParams)
        try await client.finish()
    }

    @Test func codeLensesAreAdvertisedAndListed() async throws {
        let plain = FakeClient(checks: fixedChecks(NoFindings()))
        let without = try await plain.initialize()
        #expect(without.value(at: "result", "capabilities", "codeLensProvider") == nil)
        try await plain.finish()

        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeLensProvider(FirstWordLens())
            server.registerCommand("test.render") { _ in .null }
        }
        let initialized = try await client.initialize()
        #expect(initialized.value(at: "result", "capabilities", "codeLensProvider") == ["resolveProvider": false])
        client.open("file:///l.md", "😀ab cd")
        let lenses = try await client.request("textDocument/codeLens", ["textDocument": ["uri": "file:///l.md"]])
        let lens = try #require(lenses["result"]?[0])
        #expect(lens["range"] == ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 4]])
        #expect(lens.value(at: "command", "title") == "Render")
        #expect(lens.value(at: "command", "command") == "test.render")
        try await client.finish()
    }

    @Test func longCommandsRunBesideTheDocumentsQueueAndApplyOnlyToTheirVersion() async throws {
        let gate = Gate()
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(CommandActionProvider())
            server.registerCommand("test.render", offDocumentQueue: true) { invocation in
                let server = invocation.server
                guard let uri = invocation.arguments.first?["uri"]?.stringValue, let document = server.document(uri: uri) else {
                    throw ResponseError.invalidParams("no document")
                }
                try await gate.wait()
                let applied = try await server.applyEdit(label: "render", document: document, replacements: [
                    TextReplacement(span: TextSpan(start: 0, end: 0), newText: "![x](x.png)\n"),
                ])
                return ["applied": .bool(applied)]
            }
        }
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        try await client.initialize()
        client.open("file:///r.md", "picture")
        let running = client.send("workspace/executeCommand", ["command": "test.render", "arguments": [["uri": "file:///r.md"]]])
        // The same document's code actions are answered while the command waits.
        let actions = try await client.request("textDocument/codeAction", actionParams("file:///r.md", 0, 0, 0, 0), timeout: 3)
        #expect(actions["result"]?.arrayValue?.count == 1)
        // The document changes meanwhile: the edit computed for version 1 is not applied.
        client.change("file:///r.md", version: 2, [FakeClient.edit(0, 0, 0, 0, "a ")])
        _ = try await client.request("textDocument/codeAction", actionParams("file:///r.md", 0, 0, 0, 0))
        gate.release()
        let answer = try await client.response(id: running, timeout: 5)
        #expect(answer["error"]?["code"]?.intValue == ErrorCode.contentModified)
        #expect(!client.serverRequests.contains { $0["method"] == "workspace/applyEdit" })

        // Unchanged document: applied, with the version named.
        let second = try await client.request("workspace/executeCommand", ["command": "test.render", "arguments": [["uri": "file:///r.md"]]])
        #expect(second["result"] == ["applied": true])
        let applyEdit = try #require(client.serverRequests.last { $0["method"] == "workspace/applyEdit" })
        #expect(applyEdit.value(at: "params", "edit", "documentChanges")?[0]?["textDocument"] == ["uri": "file:///r.md", "version": 2])
        try await client.finish()
    }
}
