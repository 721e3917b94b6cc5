import Testing
@testable import Restyle

struct SelectionBlocksTests {
    @Test func unitsAreParagraphsItemsHeadingsAndQuotes() {
        let text = "## Setup notes\n\nThe tool is\nwrapped here.\n\n- first item\n  continues\n- second\n\n> quoted text\n> more\n"
        let blocks = SelectionBlocks(text)
        #expect(blocks.units.map(\.text) == ["Setup notes", "The tool is wrapped here.", "first item continues", "second",
                                             "quoted text more"])
        #expect(blocks.units.map(\.prefix) == ["## ", "", "- ", "- ", "> "])
    }

    @Test func nothingRewrittenIsByteForByteTheSource() {
        let text = "---\ntitle: x\n---\nSome text  \nafter a hard break\n\n```swift\nlet a = 1\n```\n\n| a | b |\n|---|---|\n<div>x</div>\n    indented code\n"
        let blocks = SelectionBlocks(text)
        #expect(blocks.assembled(blocks.units.map { _ in nil }) == text)
        #expect(blocks.units.map(\.text) == ["Some text", "after a hard break"])
    }

    @Test func rewritesKeepPrefixesBreaksAndWrapping() {
        let text = "1. do the thing  \n2. another thing\n\nA paragraph that was\nwrapped at a narrow width.\n"
        let blocks = SelectionBlocks(text)
        let out = blocks.assembled(["Do the thing.", "Do another thing.",
                                    "A paragraph that used to be wrapped at a rather narrow width, and still is."])
        #expect(out == "1. Do the thing.  \n2. Do another thing.\n\nA paragraph that used to be wrapped at a\nrather narrow width, and still is.\n")
    }

    @Test func sentencesSplitOutsideCodeAndAbbreviations() {
        #expect(SentenceSplitting.sentences("Run `a. B` first. Then e.g. Bob goes. Done!") == ["Run `a. B` first.", "Then e.g. Bob goes.", "Done!"])
    }
}
