import Testing
@testable import Restyle

struct MarkdownUnitsTests {
    @Test func splitsSentencesAndKeepsStructure() {
        let text = "# Title here\n\n- First item. Second one!\n  > Quoted line.\n\n```\ncode. Not prose.\n```\n1. Done e.g. now. Next"
        let units = MarkdownUnits(text)
        let sentences = units.pieces.compactMap { if case let .sentence(s, _) = $0 { s } else { nil } }
        #expect(sentences == ["Title here", "First item.", "Second one!", "Quoted line.", "Done e.g. now.", "Next"])
        let rebuilt = units.pieces.map { piece -> String in
            switch piece {
            case let .verbatim(s): s
            case let .sentence(s, line): units.lines[line].restore(s, expecting: ProtectedText.placeholders(in: s)) ?? "?"
            }
        }.joined()
        #expect(rebuilt == text)
    }

    @Test func hardLineBreakStays() {
        let units = MarkdownUnits("One line.  \nTwo `x`.")
        let verbatim = units.pieces.compactMap { if case let .verbatim(s) = $0 { s } else { nil } }
        #expect(verbatim.contains("  "))
        #expect(units.sentenceCount == 2)
    }

    @Test func urgencyWordJoinsItsOrder() {
        let sentences = MarkdownUnits("Move the bike. Now! Then rest. Today.").pieces.compactMap {
            if case let .sentence(s, _) = $0 { s } else { nil }
        }
        #expect(sentences == ["Move the bike. Now!", "Then rest. Today."])
    }
}
