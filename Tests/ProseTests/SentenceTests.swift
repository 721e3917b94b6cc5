import Testing
@testable import Prose

private func sentences(_ text: String) -> [String] {
    ProseDocument(text: text, format: .plainText).sentences.map(\.text)
}

@Test func splitsOnTerminators() {
    #expect(sentences("One. Two! Three? Four") == ["One.", "Two!", "Three?", "Four"])
    #expect(sentences("Really?! Yes!! Fine.") == ["Really?!", "Yes!!", "Fine."])
}

@Test func abbreviationsDoNotEndSentences() {
    #expect(sentences("Use e.g. this, i.e. that. Next.") == ["Use e.g. this, i.e. that.", "Next."])
    #expect(sentences("Dr. Who met Mr. Bean and Mrs. Doubtfire. Then Prof. X left.")
        == ["Dr. Who met Mr. Bean and Mrs. Doubtfire.", "Then Prof. X left."])
    #expect(sentences("It is the U.S. Army. Cats vs. Dogs is old.") == ["It is the U.S. Army.", "Cats vs. Dogs is old."])
    #expect(sentences("Pens, paper, etc. Books too.") == ["Pens, paper, etc.", "Books too."])
    #expect(sentences("Pens, paper, etc. are here.") == ["Pens, paper, etc. are here."])
    #expect(sentences("See Fig. 2 and No. 5. Done.") == ["See Fig. 2 and No. 5.", "Done."])
    #expect(sentences("The answer is no. Really.") == ["The answer is no.", "Really."])
    #expect(sentences("Written by J. Smith. Read it.") == ["Written by J. Smith.", "Read it."])
}

@Test func numbersDoNotEndSentences() {
    #expect(sentences("Pi is 3.14 today. Install v1.2.3 or 2.0.1 now. Pay $4.50.")
        == ["Pi is 3.14 today.", "Install v1.2.3 or 2.0.1 now.", "Pay $4.50."])
    #expect(sentences("Released in 2020. It grew.") == ["Released in 2020.", "It grew."])
}

@Test func ellipses() {
    #expect(sentences("Wait... what? Hmm... Okay.") == ["Wait... what?", "Hmm...", "Okay."])
    #expect(sentences("Wait\u{2026} what? Hmm\u{2026} Okay.") == ["Wait\u{2026} what?", "Hmm\u{2026}", "Okay."])
}

@Test func quotesAndParenthesesFollowThePeriod() {
    #expect(sentences("He said \"Go.\" Then left.") == ["He said \"Go.\"", "Then left."])
    #expect(sentences("He said \u{201C}Go.\u{201D} Then left.") == ["He said \u{201C}Go.\u{201D}", "Then left."])
    #expect(sentences("(An aside.) Back. [Note.] Done.") == ["(An aside.)", "Back.", "[Note.]", "Done."])
    #expect(sentences("\"Why?\" she asked. \"Because.\" He smiled.")
        == ["\"Why?\" she asked.", "\"Because.\"", "He smiled."])
}

@Test func lowercaseContinuationIsNotABoundary() {
    #expect(sentences("It ends at approx. three o'clock.") == ["It ends at approx. three o'clock."])
    #expect(sentences("Yahoo! is a company.") == ["Yahoo! is a company."])
}

@Test func placeholdersAreWords() {
    let document = ProseDocument(text: "Run `make`. Then see https://x.org/a.b. Done.", format: .markdown)
    #expect(document.sentences.map(\.text) == ["Run \u{FFFC}.", "Then see \u{FFFC}.", "Done."])
}

@Test func cjkTerminatorsNeedNoSpace() {
    #expect(sentences("一。二！三？四") == ["一。", "二！", "三？", "四"])
}

@Test func noTerminatorIsOneSentence() {
    #expect(sentences("A heading without punctuation") == ["A heading without punctuation"])
    #expect(sentences("   ") == [])
    #expect(sentences("") == [])
}

@Test func sentenceRangesAreTrimmedAndExact() {
    let text = "  First one.   Second 😀 one.  "
    let document = ProseDocument(text: text, format: .plainText)
    #expect(document.sentences.map { substring(text, $0.range) } == ["First one.", "Second 😀 one."])
    #expect(document.sentences.allSatisfy { $0.segmentIndex == 0 })
}
