import Foundation
import Testing
import Checks
@testable import LanguageServer

/// Input a broken or hostile client can send, beyond what LifecycleTests and FrameDecoderTests cover:
/// absurd lengths, input that ends mid-message, floods, requests about unknown documents, late
/// cancellations, a client that goes away mid-request, and documents too large to check whole.
@Suite struct HostileInputTests {
    // MARK: Framing

    @Test func absurdContentLengthIsNeverAllocated() {
        // Int.max fits an Int: over the limit, it is counted off unread, so the decoder holds at most
        // the 4 KiB id prefix however long the peer claims the body is.
        var decoder = FrameDecoder(maxMessageBytes: 64 << 20)
        let header = Data("Content-Length: \(Int.max)\r\n\r\n".utf8)
        #expect(decoder.feed(header + Data(repeating: 0x61, count: 100_000)).isEmpty)
        #expect(!decoder.isAtMessageBoundary)
        // A length that does not fit an Int is a malformed header, skipped.
        var overflow = FrameDecoder()
        let events = overflow.feed(Data("Content-Length: 99999999999999999999999999\r\n\r\n".utf8))
        #expect(events.contains { if case .malformedHeader = $0 { true } else { false } })
        let negative = overflow.feed(Data("Content-Length: -5\r\n\r\n".utf8))
        #expect(negative.contains { if case .malformedHeader = $0 { true } else { false } })
    }

    @Test func absurdContentLengthThenEndOfInputExitsCleanly() async throws {
        let client = FakeClient()
        try await client.initialize()
        client.sendRaw("Content-Length: \(Int.max)\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,")
        client.closeInput()
        // No shutdown was received: exit code 1, promptly, with the input-ended warning logged.
        #expect(try await client.exitCode() == 1)
        #expect(client.log.capturedLines.joined(separator: "\n").contains("input ended inside a message"))
    }

    @Test func truncatedBodyThenEndOfInputExitsCleanly() async throws {
        let client = FakeClient()
        try await client.initialize()
        client.sendRaw("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"")
        client.closeInput()
        #expect(try await client.exitCode() == 1)
    }

    @Test func invalidUTF8EverywhereInADocument() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize()
        // Text with stray continuation bytes, a truncated sequence, and an overlong encoding of "/".
        var body = Data(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///u.md","languageId":"markdown","version":1,"text":"bad "#.utf8)
        body.append(contentsOf: [0x80, 0xBF, 0x20, 0xE2, 0x82, 0x20, 0xC0, 0xAF, 0x20])
        body.append(Data(#"bad"}}}"#.utf8))
        client.sendRaw(FrameDecoder.frame(body))
        let published = try await client.notification("textDocument/publishDiagnostics")
        #expect(published["params"]?["diagnostics"]?.arrayValue?.count == 2)
        let text = try #require(client.server.documents.snapshot(uri: "file:///u.md")?.text)
        #expect(text.hasPrefix("bad \u{FFFD}"))
        #expect(try await client.shutdownAndExit() == 0)
    }

    // MARK: Floods and stale work

    @Test func floodOfChangesEndsConsistentWithTheFinalText() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good"), debounce: 100))
        try await client.initialize()
        let uri = "file:///flood.md"
        client.open(uri, "")
        var expected = ""
        var rng = SplitMix64(state: 42)
        let words = ["bad ", "fine ", "ok ", "\n", "bad\n", "😀 "]
        for version in 2...1001 {
            // Mostly appends, sometimes a deletion of everything, so the final text is not just a long log.
            if Int.random(in: 0..<50, using: &rng) == 0 {
                client.change(uri, version: version, [["text": ""]])
                expected = ""
            } else {
                let word = words[Int.random(in: 0..<words.count, using: &rng)]
                let lines = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = lines.count - 1
                let character = lines.last.map { $0.utf16.count } ?? 0
                client.change(uri, version: version, [FakeClient.edit(line, character, line, character, word)])
                expected += word
            }
        }
        let final = try await client.notification("textDocument/publishDiagnostics", timeout: 30) {
            $0["params"]?["version"]?.intValue == 1001
        }
        let count = expected.components(separatedBy: "bad").count - 1
        #expect(final["params"]?["diagnostics"]?.arrayValue?.count == count)
        #expect(client.server.documents.snapshot(uri: uri)?.text == expected)
        // Nothing stale arrives after the final version's result.
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(client.received("textDocument/publishDiagnostics").allSatisfy { ($0["params"]?["version"]?.intValue ?? 0) < 1001 })
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func requestsAboutUnopenedDocuments() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize()
        let uri: JSONValue = "file:///never-opened.md"
        let pull = try await client.request("textDocument/diagnostic", ["textDocument": ["uri": uri]])
        #expect(pull["result"]?["items"]?.arrayValue?.isEmpty == true)
        let range: JSONValue = ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 3]]
        let actions = try await client.request("textDocument/codeAction", [
            "textDocument": ["uri": uri], "range": range, "context": ["diagnostics": []],
        ])
        #expect(actions["error"] == nil)
        #expect(actions["result"]?.arrayValue?.isEmpty ?? (actions["result"]?.isNull == true))
        // A diagnostic the client invented, for a document the server never saw.
        let forged: JSONValue = ["range": range, "message": "x", "data": [
            "uri": uri, "version": 3, "rule": "test.word", "span": ["start": 0, "end": 3],
            "fixes": [["title": "t", "isPreferred": true, "replacements": [["span": ["start": 0, "end": 3], "newText": "y"]]]],
        ]]
        let forgedActions = try await client.request("textDocument/codeAction", [
            "textDocument": ["uri": uri], "range": range, "context": ["diagnostics": [forged]],
        ])
        #expect(forgedActions["error"] == nil || forgedActions["error"]?["code"]?.intValue == ErrorCode.contentModified)
        client.notify("textDocument/didClose", ["textDocument": ["uri": uri]])
        client.notify("textDocument/didSave", ["textDocument": ["uri": uri]])
        // Still serving.
        #expect(try await client.request("tenor/none")["error"]?["code"]?.intValue == ErrorCode.methodNotFound)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func cancellingFinishedOrUnknownRequestsIsHarmless() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize()
        client.open("file:///c.md", "bad")
        let id = client.send("textDocument/diagnostic", ["textDocument": ["uri": "file:///c.md"]])
        let answer = try await client.response(id: id)
        #expect(answer["result"]?["items"]?.arrayValue?.count == 1)
        client.notify("$/cancelRequest", ["id": .int(id)])
        client.notify("$/cancelRequest", ["id": 987_654])
        client.notify("$/cancelRequest", ["id": "no-such-request"])
        client.notify("$/cancelRequest", ["id": ["not": "an id"]])
        client.notify("$/cancelRequest", [:])
        #expect(try await client.request("tenor/none")["error"]?["code"]?.intValue == ErrorCode.methodNotFound)
        // Exactly one answer for the cancelled-after-the-fact request.
        #expect((try? await client.response(id: id, timeout: 0.2)) == nil)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func clientThatDiesMidRequestEndsTheServer() async throws {
        // A slow check is in flight when the client's input ends: the server must finish, not hang.
        let client = FakeClient(checks: fixedChecks(SlowProvider(delay: 0.3)))
        try await client.initialize()
        client.open("file:///slow.md", "text")
        _ = client.send("textDocument/diagnostic", ["textDocument": ["uri": "file:///slow.md"]])
        client.closeInput()
        #expect(try await client.exitCode() == 1)
    }

    // MARK: Large documents

    @Test func largeDocumentIsCheckedUpToTheLimitAndTheUserToldOnce() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize()
        // 100,000 lines, about 1.8 MB: over the 256 KiB check limit. Every 500th paragraph has a finding.
        let paragraphs = (0..<50_000).map {
            $0 % 500 == 0 ? "A bad line of prose, number \($0).\n\n" : "A fine line of prose, number \($0).\n\n"
        }
        let text = paragraphs.joined()
        let uri = "file:///large.md"
        client.open(uri, text)
        let published = try await client.notification("textDocument/publishDiagnostics", timeout: 60)
        let diagnostics = published["params"]?["diagnostics"]?.arrayValue ?? []
        let checked = DocumentSnapshot(uri: uri, languageId: "markdown", version: 1, text: text)
            .prefix(maximumUTF8Bytes: LanguageServer.maximumCheckedBytes).text
        #expect(checked.utf8.count > LanguageServer.maximumCheckedBytes - 100 && checked.hasSuffix("\n\n"))
        let expected = checked.components(separatedBy: "bad").count - 1
        #expect(expected > 10 && expected < 100)
        #expect(diagnostics.count == expected)
        // Ranges are positions in the whole document: the last finding is on its paragraph's line.
        #expect(diagnostics.last?["range"]?["start"]?["line"]?.intValue == (expected - 1) * 500 * 2)
        // One edit later the document is checked again, and the notice is not repeated.
        client.change(uri, version: 2, [FakeClient.edit(0, 0, 0, 0, "bad ")])
        _ = try await client.notification("textDocument/publishDiagnostics", timeout: 60) { $0["params"]?["version"]?.intValue == 2 }
        let shown = client.received("window/showMessage").filter { $0["params"]?["message"]?.stringValue?.contains("large.md") == true }
        #expect(shown.count == 1)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func tenMegabyteDocumentIsServed() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "bad", replacement: "good")))
        try await client.initialize()
        // One 10 MB paragraph-free block of long lines: the cut falls back to a line break.
        let line = String(repeating: "word ", count: 199) + "bad\n"
        let text = String(repeating: line, count: 10 * 1_000_000 / line.utf8.count)
        #expect(text.utf8.count > 9_900_000)
        let uri = "file:///ten-megabytes.md"
        client.open(uri, text)
        let first = try await client.notification("textDocument/publishDiagnostics", timeout: 60)
        let checkedLines = LanguageServer.maximumCheckedBytes / line.utf8.count
        #expect(first["params"]?["diagnostics"]?.arrayValue?.count == checkedLines)
        // An edit at the very end, far past the checked part, is applied and answered.
        let lastLine = text.utf8.count / line.utf8.count
        client.change(uri, version: 2, [FakeClient.edit(lastLine, 0, lastLine, 0, "The end.")])
        _ = try await client.notification("textDocument/publishDiagnostics", timeout: 60) { $0["params"]?["version"]?.intValue == 2 }
        #expect(client.server.documents.snapshot(uri: uri)?.text.hasSuffix("bad\nThe end.") == true)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func checkGateLimitsRunningChecksAndDropsCancelledWaiters() async throws {
        let gate = CheckGate(limit: 1)
        #expect(await gate.enter())
        let waiting = Task { await gate.enter() }
        let cancelled = Task { await gate.enter() }
        try await Task.sleep(nanoseconds: 50_000_000)
        cancelled.cancel()
        #expect(await cancelled.value == false)   // left the queue without a slot
        gate.leave()                              // hands the slot to the first waiter
        #expect(await waiting.value == true)
        gate.leave()
        #expect(await gate.enter())               // the slot is free again: nothing leaked
        gate.leave()
    }

    @Test func prefixNeverSplitsACharacterAndPrefersParagraphs() {
        let snapshot = DocumentSnapshot(uri: "u", languageId: "markdown", version: 1, text: "ab\n\ncd\nef😀gh")
        #expect(snapshot.prefix(maximumUTF8Bytes: 100).text == snapshot.text)
        #expect(snapshot.prefix(maximumUTF8Bytes: 9).text == "ab\n\n")
        let noBreaks = DocumentSnapshot(uri: "u", languageId: "markdown", version: 1, text: "ab😀cd")
        #expect(noBreaks.prefix(maximumUTF8Bytes: 4).text == "ab")
        #expect(noBreaks.prefix(maximumUTF8Bytes: 6).text == "ab😀")
        let lines = DocumentSnapshot(uri: "u", languageId: "markdown", version: 1, text: "ab\r\ncd\r\nef")
        #expect(lines.prefix(maximumUTF8Bytes: 9).text == "ab\r\ncd\r\n")
    }
}
