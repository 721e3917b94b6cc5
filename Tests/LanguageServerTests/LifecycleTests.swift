import Foundation
import Testing
@testable import LanguageServer

@Suite struct LifecycleTests {
    @Test func requestsBeforeInitializeAreRefused() async throws {
        let client = FakeClient()
        let early = try await client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///x.md"]])
        #expect(early["error"]?["code"]?.intValue == ErrorCode.serverNotInitialized)
        // Notifications before initialize are dropped, not answered.
        client.open("file:///x.md", "text")
        let answer = try await client.initialize()
        #expect(answer.value(at: "result", "serverInfo", "name") == "tenor")
        #expect(answer.value(at: "result", "serverInfo", "version")?.stringValue == LanguageServer.version)
        #expect(try await client.shutdownAndExit() == 0)
    }

    @Test func initializeAdvertisesCapabilitiesAndNegotiatesEncoding() async throws {
        let client = FakeClient()
        let answer = try await client.initialize(capabilities: ["general": ["positionEncodings": ["utf-8", "utf-16"]]])
        let capabilities = try #require(answer.value(at: "result", "capabilities"))
        #expect(capabilities["positionEncoding"] == "utf-8")
        #expect(capabilities.value(at: "textDocumentSync", "change") == 2)
        #expect(capabilities.value(at: "textDocumentSync", "openClose") == true)
        #expect(capabilities.value(at: "codeActionProvider", "resolveProvider") == true)
        #expect(capabilities["diagnosticProvider"]?.objectValue != nil)
        try await client.finish()

        let plain = FakeClient()
        let defaultAnswer = try await plain.initialize(capabilities: [:])
        #expect(defaultAnswer.value(at: "result", "capabilities", "positionEncoding") == "utf-16")
        try await plain.finish()
    }

    @Test func errorCodes() async throws {
        let client = FakeClient()
        try await client.initialize()
        let second = try await client.request("initialize", ["capabilities": [:]])
        #expect(second["error"]?["code"]?.intValue == ErrorCode.invalidRequest)
        let unknown = try await client.request("tenor/noSuchMethod")
        #expect(unknown["error"]?["code"]?.intValue == ErrorCode.methodNotFound)
        // Unknown notifications are ignored; the server keeps answering.
        client.notify("tenor/noSuchNotification")
        client.notify("$/noSuchThing")
        client.notify("$/setTrace", ["value": "verbose"])
        let after = try await client.request("tenor/noSuchMethod")
        #expect(after["error"]?["code"]?.intValue == ErrorCode.methodNotFound)
        _ = try await client.request("shutdown", .null)
        let late = try await client.request("textDocument/codeAction", [:])
        #expect(late["error"]?["code"]?.intValue == ErrorCode.invalidRequest)
        client.notify("exit")
        #expect(try await client.exitCode() == 0)
        try await client.finish()
    }

    @Test func exitWithoutShutdownIsCodeOne() async throws {
        let client = FakeClient()
        try await client.initialize()
        client.notify("exit")
        #expect(try await client.exitCode() == 1)
        try await client.finish()
    }

    @Test func endOfInputEndsTheServer() async throws {
        let client = FakeClient()
        try await client.initialize()
        client.sendRaw("Content-Length: 50\r\n\r\n{\"jsonrpc\"")  // cut off mid-body
        #expect(try await client.finish() == 1)

        let clean = FakeClient()
        try await clean.initialize()
        _ = try await clean.request("shutdown", .null)
        #expect(try await clean.finish() == 0)
    }

    @Test func survivesBadInputAndKeepsAnswering() async throws {
        let client = FakeClient(options: ServerOptions(maxMessageBytes: 4096))
        try await client.initialize()
        // Not JSON, with a recoverable id: answered with -32700.
        client.sendRaw(FrameDecoder.frame(Data(#"{"jsonrpc":"2.0","id":900,"method":"x","params":{"#.utf8)))
        let parseError = try await client.response(id: 900)
        #expect(parseError["error"]?["code"]?.intValue == ErrorCode.parseError)
        // Not JSON, no id: logged only.
        client.sendRaw(FrameDecoder.frame(Data("\u{01}garbage".utf8)))
        // Garbage headers.
        client.sendRaw("Content-Length: lots\r\n\r\nnonsense\r\n\r\n")
        // Oversized: discarded unread, answered -32600 because the id is near the start.
        var big = Data(#"{"jsonrpc":"2.0","id":901,"method":"textDocument/didOpen","params":{"text":""#.utf8)
        big.append(Data(repeating: UInt8(ascii: "a"), count: 100_000))
        big.append(Data(#""}}"#.utf8))
        client.sendRaw(FrameDecoder.frame(big))
        let refused = try await client.response(id: 901)
        #expect(refused["error"]?["code"]?.intValue == ErrorCode.invalidRequest)
        // Batch.
        client.sendRaw(FrameDecoder.frame(Data(#"[{"jsonrpc":"2.0","id":902,"method":"shutdown"}]"#.utf8)))
        let batch = try await client.response(id: 902)
        #expect(batch["error"]?["code"]?.intValue == ErrorCode.invalidRequest)
        // Invalid UTF-8 inside a valid message is repaired.
        var bad = Data(#"{"jsonrpc":"2.0","id":903,"method":"tenor/none","params":{"a":""#.utf8)
        bad.append(contentsOf: [0xFF, 0xFE])
        bad.append(Data(#""}}"#.utf8))
        client.sendRaw(FrameDecoder.frame(bad))
        #expect(try await client.response(id: 903)["error"]?["code"]?.intValue == ErrorCode.methodNotFound)

        // Edits to unopened documents and out-of-range edits are logged, not fatal.
        client.change("file:///never-opened.md", version: 2, [FakeClient.edit(0, 0, 0, 0, "x")])
        client.open("file:///a.md", "short")
        client.change("file:///a.md", version: 2, [FakeClient.edit(40, 3, 99, 0, "!")])
        #expect(try await client.shutdownAndExit() == 0)
        let lines = client.log.capturedLines.joined(separator: "\n")
        #expect(lines.contains("not open"))
        #expect(lines.contains("clamped"))
        #expect(client.server.documents.snapshot(uri: "file:///a.md")?.text == "short!")
    }

    @Test func shutdownWaitsForEarlierRequests() async throws {
        let client = FakeClient(checks: fixedChecks(WordFinder(word: "x", replacement: "y")))
        try await client.initialize()
        client.open("file:///a.md", "x x x")
        let pull = client.send("textDocument/diagnostic", ["textDocument": ["uri": "file:///a.md"]])
        let shutdown = client.send("shutdown", .null)
        let pulled = try await client.response(id: pull)
        #expect(pulled.value(at: "result", "items")?.arrayValue?.count == 3)
        _ = try await client.response(id: shutdown)
        client.notify("exit")
        #expect(try await client.exitCode() == 0)
        try await client.finish()
    }
}
