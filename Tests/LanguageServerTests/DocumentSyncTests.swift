import Foundation
import Testing
@testable import LanguageServer

/// Text with a surrogate pair (😀: 2 UTF-16 units, 4 UTF-8 bytes), CJK (3 bytes each), a combining
/// mark (e + U+0301), and CRLF line ends.
private let sample = "a😀b 世界\r\ne\u{301}x 👍🏽!\nlast"

@Suite struct DocumentSyncTests {
    private func store() -> DocumentStore { DocumentStore(log: ServerLog(capturing: .debug)) }

    @Test func positionsRoundTripInBothEncodings() throws {
        let snapshot = DocumentSnapshot(uri: "u", languageId: "markdown", version: 1, text: sample)
        // Offsets at every scalar boundary map to a position and back.
        var offset = 0
        for scalar in sample.unicodeScalars {
            for encoding in [PositionEncodingKind.utf16, .utf8] {
                let position = snapshot.position(ofUTF16Offset: offset, encoding: encoding)
                let back = try #require(snapshot.utf16Offset(of: position, encoding: encoding))
                if scalar != "\n" || !sample.utf16.dropFirst(offset - 1).starts(with: [0x0D]) {
                    #expect(back.offset == offset, "offset \(offset) \(encoding)")
                }
            }
            offset += UTF16.width(scalar)
        }
        // Concrete positions: "世" on line 0 is UTF-16 character 5, UTF-8 byte 7.
        let cjk = 1 + 2 + 1 + 1  // a, 😀, b, space
        #expect(snapshot.position(ofUTF16Offset: cjk, encoding: .utf16) == ["line": 0, "character": 5])
        #expect(snapshot.position(ofUTF16Offset: cjk, encoding: .utf8) == ["line": 0, "character": 7])
        // "x" on line 1 follows e + combining acute: UTF-16 character 2, UTF-8 byte 3.
        let x = sample.utf16.count - "x 👍🏽!\nlast".utf16.count
        #expect(snapshot.position(ofUTF16Offset: x, encoding: .utf16) == ["line": 1, "character": 2])
        #expect(snapshot.position(ofUTF16Offset: x, encoding: .utf8) == ["line": 1, "character": 3])
    }

    @Test func incrementalEditsUTF16() throws {
        let documents = store()
        _ = documents.open(uri: "u", languageId: "markdown", version: 1, text: sample)
        // Replace "世界" (UTF-16 characters 5..<7) with "world", then insert after the emoji.
        var result = documents.change(uri: "u", version: 2, changes: [FakeClient.edit(0, 5, 0, 7, "world")], encoding: .utf16)
        #expect(result?.text == "a😀b world\r\ne\u{301}x 👍🏽!\nlast")
        result = documents.change(uri: "u", version: 3, changes: [FakeClient.edit(0, 3, 0, 3, "+")], encoding: .utf16)
        #expect(result?.text.hasPrefix("a😀+b world") == true)
        // Several changes in one notification apply in order.
        result = documents.change(uri: "u", version: 4, changes: [
            FakeClient.edit(2, 0, 2, 4, "end"), FakeClient.edit(1, 0, 1, 2, "é"),
        ], encoding: .utf16)
        #expect(result?.text == "a😀+b world\r\néx 👍🏽!\nend")
        #expect(result?.version == 4)
    }

    @Test func incrementalEditsUTF8() throws {
        let documents = store()
        _ = documents.open(uri: "u", languageId: "markdown", version: 1, text: sample)
        // "世界" is UTF-8 bytes 7..<13 on line 0.
        var result = documents.change(uri: "u", version: 2, changes: [FakeClient.edit(0, 7, 0, 13, "world")], encoding: .utf8)
        #expect(result?.text == "a😀b world\r\ne\u{301}x 👍🏽!\nlast")
        // Delete the thumbs-up with its skin tone (two 4-byte scalars) on line 1: bytes 5..<13.
        result = documents.change(uri: "u", version: 3, changes: [FakeClient.edit(1, 5, 1, 13, "")], encoding: .utf8)
        #expect(result?.text == "a😀b world\r\ne\u{301}x !\nlast")
    }

    @Test func positionsInsideACharacterNeverSplitIt() throws {
        let documents = store()
        _ = documents.open(uri: "u", languageId: "plaintext", version: 1, text: "a😀b")
        // UTF-16 character 2 is inside the surrogate pair: the insertion lands before the emoji.
        let utf16 = documents.change(uri: "u", version: 2, changes: [FakeClient.edit(0, 2, 0, 2, "X")], encoding: .utf16)
        #expect(utf16?.text == "aX😀b")
        _ = documents.open(uri: "v", languageId: "plaintext", version: 1, text: "a😀b")
        // UTF-8 byte 3 is inside the emoji's 4 bytes: rounds down to its start.
        let utf8 = documents.change(uri: "v", version: 2, changes: [FakeClient.edit(0, 3, 0, 3, "X")], encoding: .utf8)
        #expect(utf8?.text == "aX😀b")
        #expect(utf8.map { String(decoding: Array($0.text.utf8), as: UTF8.self) == $0.text } == true)
    }

    @Test func outOfRangeAndMalformedEditsAreClampedOrSkipped() throws {
        let log = ServerLog(capturing: .debug)
        let documents = DocumentStore(log: log)
        _ = documents.open(uri: "u", languageId: "plaintext", version: 1, text: "one\ntwo")
        var result = documents.change(uri: "u", version: 2, changes: [FakeClient.edit(0, 99, 0, 120, "!")], encoding: .utf16)
        #expect(result?.text == "one!\ntwo")
        result = documents.change(uri: "u", version: 3, changes: [FakeClient.edit(50, 0, 60, 0, "?")], encoding: .utf8)
        #expect(result?.text == "one!\ntwo?")
        result = documents.change(uri: "u", version: 4, changes: [FakeClient.edit(1, 0, 0, 0, "")], encoding: .utf16)
        #expect(result?.text == "two?", "reversed range is swapped")
        result = documents.change(uri: "u", version: 5, changes: [["range": ["start": "x"], "text": "zzz"], ["text": 5]],
                                  encoding: .utf16)
        #expect(result?.text == "two?")
        #expect(result?.version == 5)
        result = documents.change(uri: "u", version: 6, changes: [FakeClient.edit(-3, -1, 0, 1, "T")], encoding: .utf16)
        #expect(result?.text == "Two?")
        #expect(documents.change(uri: "nope", version: 1, changes: [["text": "x"]], encoding: .utf16) == nil)
        #expect(log.capturedLines.contains { $0.contains("clamped") })
        #expect(log.capturedLines.contains { $0.contains("not open") })
    }

    @Test func fullSyncReplacesTheText() {
        let documents = store()
        _ = documents.open(uri: "u", languageId: "plaintext", version: 1, text: "old")
        #expect(documents.change(uri: "u", version: 2, changes: [["text": "new 😀"]], encoding: .utf16)?.text == "new 😀")
    }

    @Test func editsOverTheWireInUTF8() async throws {
        let client = FakeClient()
        try await client.initialize(capabilities: ["general": ["positionEncodings": ["utf-8"]]])
        client.open("file:///e.md", sample)
        client.change("file:///e.md", version: 2, [FakeClient.edit(0, 7, 0, 13, "world")])
        client.notify("textDocument/didSave", ["textDocument": ["uri": "file:///e.md"]])
        _ = try await client.request("tenor/sync")  // any request: the notifications before it are applied
        let snapshot = try #require(client.server.documents.snapshot(uri: "file:///e.md"))
        #expect(snapshot.text == "a😀b world\r\ne\u{301}x 👍🏽!\nlast")
        #expect(snapshot.version == 2)
        client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///e.md"]])
        _ = try await client.request("tenor/sync")
        #expect(client.server.documents.snapshot(uri: "file:///e.md") == nil)
        #expect(try await client.shutdownAndExit() == 0)
    }
}

extension JSONValue {
    static func == (lhs: JSONValue, rhs: [String: JSONValue]) -> Bool { lhs == .object(rhs) }
}
