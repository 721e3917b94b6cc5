import Testing
@testable import Restyle

struct SentenceFinishingTests {
    @Test func politeTurnsImperativesIntoRequests() {
        #expect(SentenceFinishing.apply("Send me the logs now.", style: BuiltInStyles.polite) == "Could you please send me the logs?")
        #expect(SentenceFinishing.apply("Don't touch {1}.", style: BuiltInStyles.polite) == "Please do not touch {1}.")
        #expect(SentenceFinishing.apply("Could you check?", style: BuiltInStyles.polite) == "Could you check?")
    }

    @Test func politeHedgesStatementsAndAsksQuestions() {
        let polite = BuiltInStyles.polite
        #expect(SentenceFinishing.apply("Your code is not quite right.", style: polite) == "I think your code is not quite right.")
        #expect(SentenceFinishing.apply("Why is this still broken?", style: polite) == "Could you tell me why this is still broken?")
        #expect(SentenceFinishing.apply("The meeting is at {1}, be on time.", style: polite)
                == "The meeting is at {1}, could you please be on time?")
        #expect(SentenceFinishing.apply("Book the room for Tuesday.", style: polite) == "Could you please book the room for Tuesday?")
        // A verb that is also a noun is a request only before an object.
        #expect(SentenceFinishing.apply("Update the docs.", style: polite) == "Could you please update the docs?")
        #expect(SentenceFinishing.apply("Update is ready.", style: polite) == "Update is ready.")
        // A name is never lower-cased to hedge it, and a polite sentence is left alone.
        #expect(SentenceFinishing.apply("Anna broke it.", style: polite) == "Anna broke it.")
        #expect(SentenceFinishing.apply("Thank you, this is great.", style: polite) == "Thank you, this is great.")
        #expect(SentenceFinishing.apply("Could you give an update when you can.", style: BuiltInStyles.casual)
                == "Could you give an update when you can?")
    }

    @Test func politeRulesSoftenBluntWords() {
        let polite = BuiltInStyles.polite
        let ruled = LexicalRules.rules(for: polite).reduce("I told you to use {1}, your numbers are wrong.") { $1.apply($0) }
        #expect(SentenceFinishing.apply(ruled, style: polite) == "As I mentioned, please use {1}, your numbers are not quite right.")
    }

    @Test func formalSentencesAreCapitalisedAndPunctuated() {
        #expect(SentenceFinishing.apply("can you check {1}", style: BuiltInStyles.formal) == "Can you check {1}?")
        #expect(SentenceFinishing.apply("the build is broken", style: BuiltInStyles.formal) == "The build is broken.")
        #expect(SentenceFinishing.apply("yo", style: BuiltInStyles.casual) == "yo")
    }

    /// More request verbs, and "just" before one dropped so the request forms.
    @Test func politeRequestsFromMoreVerbsAndJust() {
        #expect(SentenceFinishing.apply("Split it up.", style: BuiltInStyles.polite) == "Could you please split it up?")
        #expect(SentenceFinishing.apply("Revert it.", style: BuiltInStyles.polite) == "Could you please revert it?")
        #expect(SentenceFinishing.apply("just finish the report", style: BuiltInStyles.polite) == "Could you please finish the report?")
        #expect(!SentenceFinishing.apply("Break is at noon.", style: BuiltInStyles.polite).contains("Could you"))
    }
}
