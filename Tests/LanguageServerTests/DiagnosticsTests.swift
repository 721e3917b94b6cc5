import Foundation
import Testing
import Checks
@testable import LanguageServer

/// A provider that takes its time and records which versions it checked.
final class SlowProvider: DiagnosticsProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var checked: [Int] = []
    let delay: Double
    let inner = WordFinder(word: "bad", replacement: "good")

    init(delay: Double) { self.delay = delay }

    var checkedVersions: [Int] { lock.withLock { checked } }

    func findings(in document: DocumentSnapshot) -> [Finding] {
        lock.withLock { checked.append(document.version) }
        Thread.sleep(forTimeInterval: delay)
        return inner.findings(in: document)
    }
}

@Suite struct DiagnosticsTests {
    @Test func publishesWithVersionAndLSPFields() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize(initializationOptions: ["docsBaseURL": "https://example.org/tenor/"])
        client.open("file:///d.md", "😀 a bad word")
        let published = try await client.notification("textDocument/publishDiagnostics")
        #expect(published.value(at: "params", "version") == 1)
        let diagnostic = try #require(published.value(at: "params", "diagnostics")?[0])
        #expect(diagnostic["source"] == "tenor")
        #expect(diagnostic["code"] == "test.word")
        #expect(diagnostic["severity"] == 2)
        #expect(diagnostic["range"] == ["start": ["line": 0, "character": 5], "end": ["line": 0, "character": 8]])
        #expect(diagnostic.value(at: "codeDescription", "href") == "https://example.org/tenor/docs/rules.md#test-word")
        #expect(diagnostic.value(at: "data", "version") == 1)
        #expect(diagnostic.value(at: "data", "fixes")?[0]?["title"] == "Replace with good")

        client.change("file:///d.md", version: 2, [FakeClient.edit(0, 5, 0, 8, "fine")])
        let cleared = try await client.notification("textDocument/publishDiagnostics")
        #expect(cleared.value(at: "params", "version") == 2)
        #expect(cleared.value(at: "params", "diagnostics") == [])
        // Closing clears the document's diagnostics.
        client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///d.md"]])
        let closed = try await client.notification("textDocument/publishDiagnostics")
        #expect(closed.value(at: "params", "diagnostics") == [])
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func rangesFollowTheNegotiatedEncoding() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize(capabilities: ["general": ["positionEncodings": ["utf-8", "utf-16"]]])
        client.open("file:///u8.md", "😀 世界\na bad word")
        let published = try await client.notification("textDocument/publishDiagnostics")
        let first = published.value(at: "params", "diagnostics")?[0]
        #expect(first?["range"] == ["start": ["line": 1, "character": 2], "end": ["line": 1, "character": 5]])
        client.change("file:///u8.md", version: 2, [FakeClient.edit(1, 0, 1, 0, "é")])  // 2 bytes
        let moved = try await client.notification("textDocument/publishDiagnostics")
        #expect(moved.value(at: "params", "diagnostics")?[0]?["range"] == ["start": ["line": 1, "character": 4], "end": ["line": 1, "character": 7]])
        client.change("file:///u8.md", version: 3, [FakeClient.edit(0, 0, 0, 4, "")])  // delete the emoji (4 bytes)
        _ = try await client.notification("textDocument/publishDiagnostics")
        #expect(client.server.documents.snapshot(uri: "file:///u8.md")?.text == " 世界\néa bad word")
        try await client.finish()
    }

    @Test func debounceCoalescesFastEdits() async throws {
        let provider = SlowProvider(delay: 0)
        let client = FakeClient(checks: fixedChecks(provider, debounce: 300))
        try await client.initialize()
        client.open("file:///d.md", "bad")
        // Opening checks at once; the edits after it are coalesced.
        let opened = try await client.notification("textDocument/publishDiagnostics")
        #expect(opened.value(at: "params", "version") == 1)
        for version in 2...6 { client.change("file:///d.md", version: version, [FakeClient.edit(0, 0, 0, 0, "x")]) }
        let published = try await client.notification("textDocument/publishDiagnostics")
        #expect(published.value(at: "params", "version") == 6)
        #expect(provider.checkedVersions == [1, 6])
        try await client.finish()
    }

    @Test func staleResultsAreNeverPublished() async throws {
        // The check of version 1 takes 300 ms; version 2 arrives meanwhile. Only version 2 may be published.
        let provider = SlowProvider(delay: 0.3)
        let client = FakeClient(checks: fixedChecks(provider, debounce: 0))
        try await client.initialize()
        client.open("file:///s.md", "bad bad")
        // Wait until the check of version 1 is under way, then change the document.
        let deadline = Date().addingTimeInterval(10)
        while !provider.checkedVersions.contains(1), Date() < deadline { try await Task.sleep(nanoseconds: 2_000_000) }
        client.change("file:///s.md", version: 2, [FakeClient.edit(0, 0, 0, 3, "good")])
        let published = try await client.notification("textDocument/publishDiagnostics")
        #expect(published.value(at: "params", "version") == 2)
        #expect(published.value(at: "params", "diagnostics")?.arrayValue?.count == 1)
        try await Task.sleep(nanoseconds: 400_000_000)
        #expect(client.received("textDocument/publishDiagnostics").isEmpty)
        try await client.finish()
    }

    @Test func pullDiagnosticsWithResultIds() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        var capabilities = FakeClient.fullCapabilities
        capabilities = capabilities.merging(["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        try await client.initialize(capabilities: capabilities)
        client.open("file:///p.md", "bad")
        let first = try await client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///p.md"]])
        #expect(first.value(at: "result", "kind") == "full")
        #expect(first.value(at: "result", "items")?.arrayValue?.count == 1)
        let resultID = try #require(first.value(at: "result", "resultId")?.stringValue)
        let again = try await client.request("textDocument/diagnostic",
                                             ["textDocument": ["uri": "file:///p.md"], "previousResultId": .string(resultID)])
        #expect(again.value(at: "result", "kind") == "unchanged")
        #expect(again.value(at: "result", "resultId")?.stringValue == resultID)
        client.change("file:///p.md", version: 2, [FakeClient.edit(0, 3, 0, 3, " bad")])
        let changed = try await client.request("textDocument/diagnostic",
                                               ["textDocument": ["uri": "file:///p.md"], "previousResultId": .string(resultID)])
        #expect(changed.value(at: "result", "kind") == "full")
        #expect(changed.value(at: "result", "items")?.arrayValue?.count == 2)
        // Pull clients get no pushed diagnostics.
        #expect(client.received("textDocument/publishDiagnostics").isEmpty)
        try await client.finish()
    }

    @Test func documentationLinks() {
        let base = URL(string: "https://example.org/repo/blob/main/")
        #expect(DiagnosticEncoding.documentationURL("docs/rules.md#a", base: base) == "https://example.org/repo/blob/main/docs/rules.md#a")
        #expect(DiagnosticEncoding.documentationURL("https://x.org/y", base: nil) == "https://x.org/y")
        #expect(DiagnosticEncoding.documentationURL("docs/rules.md", base: nil) == nil)
        #expect(DiagnosticEncoding.documentationURL(nil, base: base) == nil)
        let file = URL(fileURLWithPath: "/opt/tenor/", isDirectory: true)
        #expect(DiagnosticEncoding.documentationURL("docs/rules.md#a", base: file) == "file:///opt/tenor/docs/rules.md#a")
    }

    @Test func realChecksEngineFindsRepeatedWords() async throws {
        let client = FakeClient()  // default setup: Checks' engine
        try await client.initialize()
        client.open("file:///r.md", "# Title\n\nThis is is a test.\n")
        let published = try await client.notification("textDocument/publishDiagnostics", timeout: 5)
        let diagnostics = published.value(at: "params", "diagnostics")?.arrayValue ?? []
        #expect(diagnostics.contains { $0["code"]?.stringValue?.hasPrefix("style.") == true }, "\(diagnostics)")
        try await client.finish()
    }
}
