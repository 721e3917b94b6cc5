import Foundation
import Testing

/// `tenor.illustrate` in the real binary: the refusals, each an LSP error plus a `window/showMessage`,
/// never a crash and never a file outside the workspace. (Rendering itself needs the style model and is
/// exercised by the editor scenarios, `make e2e`.)
@Suite(.serialized) struct IllustrateCommandTests {
    private func start(root: URL?) async throws -> ServerProcess {
        let server = try ServerProcess()
        var params: [String: Any] = [
            "processId": NSNull(),
            "capabilities": ["workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true]]] as [String: Any],
        ]
        params["rootUri"] = root.map { $0.absoluteString } ?? NSNull()
        let initialized = try await server.request("initialize", params)
        let capabilities = (initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        let commands = (capabilities?["executeCommandProvider"] as? [String: Any])?["commands"] as? [String]
        #expect(commands?.contains("tenor.illustrate") == true)
        #expect(capabilities?["codeLensProvider"] != nil)
        try server.notify("initialized")
        return server
    }

    private func open(_ server: ServerProcess, _ uri: String, _ text: String) throws {
        try server.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "markdown", "version": 1, "text": text]])
    }

    private func illustrate(_ server: ServerProcess, _ uri: String, line: Int) async throws -> (code: Int?, message: String, shown: String?) {
        let answer = try await server.request("workspace/executeCommand", [
            "command": "tenor.illustrate", "arguments": [["uri": uri, "position": ["line": line, "character": 0]]],
        ])
        let error = answer["error"] as? [String: Any]
        var shown: String?
        if error?["code"] as? Int != -32602 {
            let note = try await server.notification("window/showMessage")
            shown = (note["params"] as? [String: Any])?["message"] as? String
        }
        return (error?["code"] as? Int, error?["message"] as? String ?? "", shown)
    }

    @Test func refusalsAreErrorsNotCrashes() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-illustrate-\(UUID().uuidString)")
        let workspace = base.appendingPathComponent("workspace")
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let uri = workspace.appendingPathComponent("notes.md").absoluteString
        let text = """
            # Notes

            <!-- illustrate: a boat | file: ../../outside/boat.png -->

            <!-- illustrate: a boat | size: huge -->

            <!-- illustrate: a boat | file: photo.png -->

            <!-- illustrate: a boat | colour: red -->

            Plain text here.
            """

        // No workspace folder: a clear error.
        let rootless = try await start(root: nil)
        try open(rootless, uri, text)
        let noRoot = try await illustrate(rootless, uri, line: 2)
        #expect(noRoot.code == -32803)
        #expect(noRoot.message.contains("no workspace folder"))
        #expect(noRoot.shown?.contains("no workspace folder") == true)
        _ = try await rootless.request("shutdown")
        try rootless.notify("exit")
        #expect(try await rootless.exitStatus() == 0)

        let server = try await start(root: workspace)
        try open(server, uri, text)
        let escape = try await illustrate(server, uri, line: 2)
        #expect(escape.code == -32803 && escape.message.contains(".."))
        let badSize = try await illustrate(server, uri, line: 4)
        #expect(badSize.code == -32803 && badSize.message.contains("size"))
        // A file Tenor did not write is never replaced.
        let photos = workspace.appendingPathComponent("assets/illustrations")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        try Data("my photo".utf8).write(to: photos.appendingPathComponent("photo.png"))
        let foreign = try await illustrate(server, uri, line: 6)
        #expect(foreign.code == -32803 && foreign.message.contains("not written by Tenor"))
        #expect(try String(contentsOf: photos.appendingPathComponent("photo.png"), encoding: .utf8) == "my photo")
        let unknown = try await illustrate(server, uri, line: 8)
        #expect(unknown.code == -32803 && unknown.message.contains("colour"))
        let nothing = try await illustrate(server, uri, line: 10)
        #expect(nothing.code == -32602)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)

        // The lens and the code action are offered on the directives only.
        let lenses = try await server.request("textDocument/codeLens", ["textDocument": ["uri": uri]])
        #expect((lenses["result"] as? [[String: Any]])?.count == 4)
        let actions = try await server.request("textDocument/codeAction", [
            "textDocument": ["uri": uri], "range": ["start": ["line": 2, "character": 3], "end": ["line": 2, "character": 3]],
            "context": ["diagnostics": []],
        ])
        let titles = (actions["result"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles == ["Render illustration"])
        _ = try await server.request("shutdown")
        try server.notify("exit")
        #expect(try await server.exitStatus() == 0)
        #expect(server.strayOutput.isEmpty)
    }
}
