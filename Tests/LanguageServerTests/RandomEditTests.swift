import Foundation
import Testing
@testable import LanguageServer

/// Random incremental edits checked against an independent model that works on Unicode scalars.
@Suite struct RandomEditTests {
    static let pieces: [String] = ["a", "b", " ", "😀", "👍🏽", "世", "界", "e\u{301}", "\n", "\r\n", "é", "x", "ß", "𝄞"]

    /// (scalar index of each line start, scalars) — lines end at \n, \r\n or \r.
    static func lineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1; starts.append(i + 1) }
            else if scalars[i] == "\n" || scalars[i] == "\r" { starts.append(i + 1) }
            i += 1
        }
        return starts
    }

    static func width(_ s: Unicode.Scalar, _ encoding: PositionEncodingKind) -> Int {
        encoding == .utf8 ? String(s).utf8.count : String(s).utf16.count
    }

    /// The LSP position of scalar index `index` (on a scalar boundary).
    static func position(of index: Int, in scalars: [Unicode.Scalar], _ encoding: PositionEncodingKind) -> (Int, Int) {
        let starts = lineStarts(scalars)
        let line = starts.lastIndex { $0 <= index } ?? 0
        let character = scalars[starts[line]..<index].reduce(0) { $0 + width($1, encoding) }
        return (line, character)
    }

    @Test(arguments: [PositionEncodingKind.utf16, .utf8])
    func randomEditsMatchTheScalarModel(encoding: PositionEncodingKind) {
        var rng = SplitMix64(state: encoding == .utf8 ? 11 : 29)
        let store = DocumentStore(log: ServerLog(capturing: .debug))
        var model: [Unicode.Scalar] = Array("start\n".unicodeScalars)
        _ = store.open(uri: "u", languageId: "markdown", version: 0, text: String(String.UnicodeScalarView(model)))
        for version in 1...400 {
            // A range on scalar boundaries that does not split a "\r\n" (LSP positions cannot point between them).
            func boundary() -> Int {
                var i = Int.random(in: 0...model.count, using: &rng)
                if i > 0, i < model.count, model[i - 1] == "\r", model[i] == "\n" { i -= 1 }
                return i
            }
            let a = boundary(), b = boundary()
            let (lower, upper) = (min(a, b), max(a, b))
            let inserted = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng) ?? "" }.joined()
            let start = Self.position(of: lower, in: model, encoding)
            let end = Self.position(of: upper, in: model, encoding)
            let change = FakeClient.edit(start.0, start.1, end.0, end.1, inserted)
            let result = store.change(uri: "u", version: version, changes: [change], encoding: encoding)
            model.replaceSubrange(lower..<upper, with: Array(inserted.unicodeScalars))
            let expected = String(String.UnicodeScalarView(model))
            guard result?.text == expected else {
                Issue.record("version \(version): \(change.serializedString) gave \(result?.text.debugDescription ?? "nil"), expected \(expected.debugDescription)")
                return
            }
            // Conversions agree with the model at a random boundary too.
            let probe = boundary()
            let utf16Offset = String(String.UnicodeScalarView(model[..<probe])).utf16.count
            let (line, character) = Self.position(of: probe, in: model, encoding)
            #expect(result?.position(ofUTF16Offset: utf16Offset, encoding: encoding) == ["line": .int(line), "character": .int(character)])
        }
    }
}
