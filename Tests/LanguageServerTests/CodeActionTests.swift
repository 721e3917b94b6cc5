import Foundation
import Testing
import Checks
@testable import LanguageServer

/// Offers "Rewrite: formal" on a non-empty selection; the rewrite (upper-casing) is computed lazily,
/// with progress, as a model-backed rewrite would be.
struct FormalRewriteProvider: CodeActionProvider {
    var identifier: String { "test.rewrite" }
    var kinds: [String] { ["refactor.rewrite"] }

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        guard request.selection.length > 0 else { return [] }
        return [ProposedCodeAction(title: "Rewrite: formal", kind: "refactor.rewrite",
                                   payload: ["start": .int(request.selection.start), "end": .int(request.selection.end)])]
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws -> [TextReplacement] {
        guard let start = payload["start"]?.intValue, let end = payload["end"]?.intValue else {
            throw ResponseError.invalidParams("bad payload")
        }
        await progress.begin(title: "Rewriting")
        progress.report(message: "halfway", percentage: 50)
        let units = Array(document.text.utf16)[start..<end]
        let text = String(decoding: Array(units), as: UTF16.self).uppercased()
        return [TextReplacement(span: TextSpan(start: start, end: end), newText: text)]
    }
}

/// Never answers until cancelled (or 10 s pass).
struct StuckProvider: CodeActionProvider {
    var identifier: String { "test.stuck" }
    var kinds: [String] { ["refactor.stuck"] }

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        for _ in 0..<1000 {
            if Task.isCancelled { break }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return []
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws -> [TextReplacement] { [] }
}

/// A lazy action whose resolve shows cancellable progress and runs until cancelled.
struct EndlessRewriteProvider: CodeActionProvider {
    var identifier: String { "test.endless" }
    var kinds: [String] { ["refactor.rewrite"] }

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        [ProposedCodeAction(title: "Rewrite: forever", kind: "refactor.rewrite")]
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws -> [TextReplacement] {
        await progress.begin(title: "Rewriting", cancellable: true)
        for _ in 0..<1000 {
            try await Task.sleep(nanoseconds: 10_000_000)  // throws CancellationError when cancelled
        }
        return []
    }
}

private func codeActionParams(_ uri: String, _ range: JSONValue, diagnostics: JSONValue = [], only: JSONValue? = nil) -> JSONValue {
    var context: [String: JSONValue] = ["diagnostics": diagnostics]
    if let only { context["only"] = only }
    return ["textDocument": ["uri": .string(uri)], "range": range, "context": .object(context)]
}

private func range(_ l0: Int, _ c0: Int, _ l1: Int, _ c1: Int) -> JSONValue {
    ["start": ["line": .int(l0), "character": .int(c0)], "end": ["line": .int(l1), "character": .int(c1)]]
}

@Suite struct CodeActionTests {
    @Test func quickFixCarriesAVersionedEdit() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        try await client.initialize()
        client.open("file:///q.md", "世界 bad")
        let published = try await client.notification("textDocument/publishDiagnostics")
        let diagnostics = try #require(published.value(at: "params", "diagnostics"))
        let answer = try await client.request("textDocument/codeAction", codeActionParams("file:///q.md", range(0, 3, 0, 6), diagnostics: diagnostics))
        let action = try #require(answer["result"]?[0])
        #expect(action["kind"] == "quickfix")
        #expect(action["isPreferred"] == true)
        #expect(action["diagnostics"]?.arrayValue?.count == 1)
        let documentEdit = try #require(action.value(at: "edit", "documentChanges")?[0])
        #expect(documentEdit["textDocument"] == ["uri": "file:///q.md", "version": 1])
        #expect(documentEdit["edits"]?[0] == ["range": range(0, 3, 0, 6), "newText": "good"])

        // A client that drops `data` still gets the fix (matched by code and range in the cache).
        var withoutData = try #require(diagnostics[0]?.objectValue)
        withoutData.removeValue(forKey: "data")
        let matched = try await client.request("textDocument/codeAction",
            codeActionParams("file:///q.md", range(0, 3, 0, 6), diagnostics: [.object(withoutData)]))
        #expect(matched["result"]?[0]?["title"] == "Replace with good")

        // `only` filtering: asking for refactors returns no quick fixes.
        let refactors = try await client.request("textDocument/codeAction",
            codeActionParams("file:///q.md", range(0, 3, 0, 6), diagnostics: diagnostics, only: ["refactor"]))
        #expect(refactors["result"] == [])

        // A diagnostic from an older version offers nothing (its spans no longer fit).
        client.change("file:///q.md", version: 2, [FakeClient.edit(0, 0, 0, 0, "x")])
        let stale = try await client.request("textDocument/codeAction", codeActionParams("file:///q.md", range(0, 4, 0, 7), diagnostics: diagnostics))
        #expect(stale["result"] == [])
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func selectionProviderResolveAndExecute() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(FormalRewriteProvider())
        }
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        let initialized = try await client.initialize()
        #expect(initialized.value(at: "result", "capabilities", "codeActionProvider", "codeActionKinds") == ["quickfix", "refactor.rewrite"])
        client.open("file:///r.md", "hi 😀 there")
        // Empty selection: nothing offered.
        let none = try await client.request("textDocument/codeAction", codeActionParams("file:///r.md", range(0, 6, 0, 6)))
        #expect(none["result"] == [])
        let offered = try await client.request("textDocument/codeAction", codeActionParams("file:///r.md", range(0, 6, 0, 11)))
        let action = try #require(offered["result"]?[0])
        #expect(action["title"] == "Rewrite: formal")
        #expect(action["kind"] == "refactor.rewrite")
        #expect(action["edit"] == nil)
        #expect(action["command"] == nil, "the client resolves edits itself")

        let resolved = try await client.request("codeAction/resolve", action)
        let edit = try #require(resolved.value(at: "result", "edit", "documentChanges")?[0])
        #expect(edit["edits"]?[0] == ["range": range(0, 6, 0, 11), "newText": "THERE"])
        #expect(edit.value(at: "textDocument", "version") == 1)

        // Resolving after the document changed is refused (ContentModified).
        client.change("file:///r.md", version: 2, [FakeClient.edit(0, 0, 0, 0, "oh ")])
        let refused = try await client.request("codeAction/resolve", action)
        #expect(refused["error"]?["code"]?.intValue == ErrorCode.contentModified)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func clientsWithoutResolveGetACommandThatAppliesTheEdit() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "", lazyKind: "test.lazy"))) { server in
            server.registerFixResolver(lazyKind: "test.lazy") { request in
                [TextReplacement(span: request.span, newText: "better")]
            }
        }
        client.onServerRequest { method, _ in method == "workspace/applyEdit" ? ["applied": true] : .null }
        try await client.initialize(capabilities: [
            "workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true]],
            "window": ["workDoneProgress": true],
        ])
        client.open("file:///l.md", "a bad day")
        let published = try await client.notification("textDocument/publishDiagnostics")
        let diagnostics = try #require(published.value(at: "params", "diagnostics"))
        let answer = try await client.request("textDocument/codeAction", codeActionParams("file:///l.md", range(0, 2, 0, 5), diagnostics: diagnostics))
        let action = try #require(answer["result"]?[0])
        let command = try #require(action["command"])
        #expect(command["command"] == "tenor.resolveAndApply")
        let executed = try await client.request("workspace/executeCommand", ["command": command["command"] ?? .null,
                                                                             "arguments": command["arguments"] ?? []])
        #expect(executed["result"] == ["applied": true])
        let applyEdit = try #require(client.serverRequests.first { $0["method"] == "workspace/applyEdit" })
        let documentEdit = try #require(applyEdit.value(at: "params", "edit", "documentChanges")?[0])
        #expect(documentEdit["textDocument"] == ["uri": "file:///l.md", "version": 1])
        #expect(documentEdit["edits"]?[0] == ["range": range(0, 2, 0, 5), "newText": "better"])
        let unknown = try await client.request("workspace/executeCommand", ["command": "tenor.nope"])
        #expect(unknown["error"]?["code"]?.intValue == ErrorCode.invalidParams)
        try await client.finish()
    }

    @Test func progressIsReportedForLongResolves() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(FormalRewriteProvider())
        }
        try await client.initialize()
        client.open("file:///p.md", "some words")
        let offered = try await client.request("textDocument/codeAction", codeActionParams("file:///p.md", range(0, 0, 0, 4)))
        let action = try #require(offered["result"]?[0])
        _ = try await client.request("codeAction/resolve", action)
        let create = try #require(client.serverRequests.first { $0["method"] == "window/workDoneProgress/create" })
        let token = try #require(create.value(at: "params", "token"))
        let begin = try await client.notification("$/progress") { $0.value(at: "params", "value", "kind") == "begin" }
        #expect(begin.value(at: "params", "token") == token)
        #expect(begin.value(at: "params", "value", "title") == "Rewriting")
        _ = try await client.notification("$/progress") { $0.value(at: "params", "value", "percentage") == 50 }
        _ = try await client.notification("$/progress") { $0.value(at: "params", "value", "kind") == "end" }
        try await client.finish()
    }
}

@Suite struct SchedulingTests {
    @Test func cancelledRequestAnswersRequestCancelled() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(StuckProvider())
        }
        try await client.initialize()
        client.open("file:///c.md", "text")
        let id = client.send("textDocument/codeAction", codeActionParams("file:///c.md", range(0, 0, 0, 1)))
        try await Task.sleep(nanoseconds: 50_000_000)
        client.notify("$/cancelRequest", ["id": .int(id)])
        let answer = try await client.response(id: id, timeout: 5)
        #expect(answer["error"]?["code"]?.intValue == ErrorCode.requestCancelled)
        // Cancelling an unknown or finished request is harmless.
        client.notify("$/cancelRequest", ["id": .int(id)])
        client.notify("$/cancelRequest", ["id": "never-sent"])
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func otherDocumentsAreServedWhileOneIsBusy() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(StuckProvider())
        }
        try await client.initialize()
        client.open("file:///busy.md", "text")
        client.open("file:///free.md", "text")
        let stuck = client.send("textDocument/codeAction", codeActionParams("file:///busy.md", range(0, 0, 0, 1)))
        // The same document queues behind the stuck request; another document does not.
        let queued = client.send("textDocument/codeAction", codeActionParams("file:///busy.md", range(0, 0, 0, 1), only: ["quickfix"]))
        let free = try await client.request("textDocument/codeAction",
                                            codeActionParams("file:///free.md", range(0, 0, 0, 1), only: ["quickfix"]), timeout: 3)
        #expect(free["result"] == [])
        try await Task.sleep(nanoseconds: 50_000_000)
        let queuedEarly = try? await client.response(id: queued, timeout: 0.05)
        #expect(queuedEarly == nil, "the second request on the busy document waits for the first")
        client.notify("$/cancelRequest", ["id": .int(stuck)])
        #expect(try await client.response(id: stuck)["error"]?["code"]?.intValue == ErrorCode.requestCancelled)
        #expect(try await client.response(id: queued)["result"] == [])
        try await client.finish()
    }

    @Test func shutdownCancelsRequestsThatDoNotFinish() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(StuckProvider())
        }
        try await client.initialize()
        client.open("file:///s.md", "text")
        let stuck = client.send("textDocument/codeAction", codeActionParams("file:///s.md", range(0, 0, 0, 1)))
        let shutdown = client.send("shutdown", .null)
        #expect(try await client.response(id: stuck, timeout: 8)["error"]?["code"]?.intValue == ErrorCode.requestCancelled)
        #expect(try await client.response(id: shutdown, timeout: 8)["result"] == .null)
        client.notify("exit")
        #expect(try await client.exitCode() == 0)
        try await client.finish()
    }

    @Test func userCancelsThroughTheProgressUI() async throws {
        let client = FakeClient(checks: fixedChecks(NoFindings())) { server in
            server.registerCodeActionProvider(EndlessRewriteProvider())
        }
        try await client.initialize()
        client.open("file:///e.md", "text")
        let offered = try await client.request("textDocument/codeAction", codeActionParams("file:///e.md", range(0, 0, 0, 1)))
        let action = try #require(offered["result"]?[0])
        let id = client.send("codeAction/resolve", action)
        let begin = try await client.notification("$/progress") { $0.value(at: "params", "value", "kind") == "begin" }
        #expect(begin.value(at: "params", "value", "cancellable") == true)
        client.notify("window/workDoneProgress/cancel", ["token": begin.value(at: "params", "token") ?? .null])
        #expect(try await client.response(id: id, timeout: 5)["error"]?["code"]?.intValue == ErrorCode.requestCancelled)
        _ = try await client.notification("$/progress") { $0.value(at: "params", "value", "kind") == "end" }
        try await client.finish()
    }
}
