import Testing
@testable import Restyle

struct SentenceFinishingTests {
    @Test func politeTurnsImperativesIntoRequests() {
        #expect(SentenceFinishing.apply("Send me the logs now.", style: BuiltInStyles.polite) == "Could you please send me the logs?")
        #expect(SentenceFinishing.apply("Don't touch {1}.", style: BuiltInStyles.polite) == "Please do not touch {1}.")
        #expect(SentenceFinishing.apply("Could you check?", style: BuiltInStyles.polite) == "Could you check?")
    }

    @Test func formalSentencesAreCapitalisedAndPunctuated() {
        #expect(SentenceFinishing.apply("can you check {1}", style: BuiltInStyles.formal) == "Can you check {1}?")
        #expect(SentenceFinishing.apply("the build is broken", style: BuiltInStyles.formal) == "The build is broken.")
        #expect(SentenceFinishing.apply("yo", style: BuiltInStyles.casual) == "yo")
    }
}
