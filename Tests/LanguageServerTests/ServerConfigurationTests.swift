import Foundation
import Testing
import Checks
@testable import LanguageServer

/// Records the settings each reload was built from.
final class SettingsRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [JSONValue] = []
    var all: [JSONValue] { lock.withLock { seen } }

    var factory: CheckSetupFactory {
        { [self] root, settings in
            lock.withLock { seen.append(settings) }
            // Rules switched off in the settings silence the word finder.
            let off = settings.value(at: "rules", "test.word") == "off"
            return CheckSetup(provider: off ? NoFindings() : WordFinder(word: "bad", replacement: "good") as any DiagnosticsProvider,
                              debounceMilliseconds: 0)
        }
    }
}

@Suite struct ServerConfigurationTests {
    @Test func pullsWorkspaceConfigurationAfterInitialized() async throws {
        let recorder = SettingsRecorder()
        let client = FakeClient(checks: recorder.factory)
        client.onServerRequest { method, params in
            guard method == "workspace/configuration" else { return .null }
            #expect(params?["items"]?[0]?["section"] == "tenor")
            return [["rules": ["test.word": "off"]]]
        }
        try await client.initialize(capabilities: ["workspace": ["configuration": true]],
                                    initializationOptions: ["server": ["debounce-ms": 0]])
        client.open("file:///c.md", "bad")
        // Eventually the pulled settings apply: the last publish has no diagnostics.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !recorder.all.contains(where: { $0.value(at: "rules", "test.word") == "off" }) {
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let merged = try #require(recorder.all.last)
        #expect(merged.value(at: "server", "debounce-ms") == 0, "initializationOptions are kept")
        #expect(merged.value(at: "rules", "test.word") == "off")
        _ = try await client.notification("textDocument/publishDiagnostics") { $0.value(at: "params", "diagnostics") == [] }
        try await client.finish()
    }

    @Test func didChangeConfigurationAppliesWithoutRestart() async throws {
        let recorder = SettingsRecorder()
        let client = FakeClient(checks: recorder.factory)
        try await client.initialize(capabilities: [:])
        client.open("file:///c.md", "bad")
        let first = try await client.notification("textDocument/publishDiagnostics")
        #expect(first.value(at: "params", "diagnostics")?.arrayValue?.count == 1)
        client.notify("workspace/didChangeConfiguration", ["settings": ["tenor": ["rules": ["test.word": "off"]]]])
        let second = try await client.notification("textDocument/publishDiagnostics")
        #expect(second.value(at: "params", "diagnostics") == [])
        try await client.finish()
    }

    @Test func tenorTomlIsReadAndWatched() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let toml = root.appendingPathComponent(".tenor.toml")
        try "[rules]\n\"style.repeated-word\" = \"error\"\n".write(to: toml, atomically: true, encoding: .utf8)

        let client = FakeClient()  // the real Checks engine and Configuration
        let answer = try await client.request("initialize", [
            "rootUri": .string(root.absoluteString),
            "capabilities": ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]],
        ])
        #expect(answer["result"] != nil)
        client.notify("initialized")
        client.open("file:///w.md", "This is is repeated.\n")
        let first = try await client.notification("textDocument/publishDiagnostics", timeout: 5)
        #expect(first.value(at: "params", "diagnostics")?[0]?["severity"] == 1)

        try "[rules]\n\"style.repeated-word\" = \"off\"\n".write(to: toml, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(toml.absoluteString), "type": 2]]])
        _ = try await client.notification("textDocument/publishDiagnostics", timeout: 5) {
            $0.value(at: "params", "diagnostics") == []
        }
        let registration = try #require(client.serverRequests.first { $0["method"] == "client/registerCapability" })
        #expect(registration.value(at: "params", "registrations")?[0]?["method"] == "workspace/didChangeWatchedFiles")

        // A broken file is reported to the user, and the server goes on.
        try "[rules\n".write(to: toml, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(toml.absoluteString), "type": 2]]])
        let warning = try await client.notification("window/logMessage", timeout: 5)
        #expect(warning.value(at: "params", "type") == 2)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func settingsMergeDeeply() {
        let a: JSONValue = ["rules": ["x": "off", "y": "on"], "server": ["debounce-ms": 10]]
        let b: JSONValue = ["rules": ["y": "error"]]
        #expect(a.merging(b) == ["rules": ["x": "off", "y": "error"], "server": ["debounce-ms": 10]])
        #expect(LanguageServer.tenorSection(["tenor": ["a": 1]]) == ["a": 1])
        #expect(LanguageServer.tenorSection(["a": 1]) == ["a": 1])
        #expect(LanguageServer.tenorSection(.null) == [:])
    }
}
