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

    /// Questions with "do"/"does"/"did" and longer subjects are asked indirectly; a subject that cannot be told
    /// from the words leaves the question as it was.
    @Test func politeAsksMoreQuestionsIndirectly() {
        let polite = BuiltInStyles.polite
        #expect(SentenceFinishing.apply("What exactly did I pay for?", style: polite) == "Could you tell me what exactly I paid for?")
        #expect(SentenceFinishing.apply("Why did you push straight to main?", style: polite)
                == "Could you tell me why you pushed straight to main?")
        #expect(SentenceFinishing.apply("Why does the build always fail?", style: polite)
                == "Could you tell me why the build always fails?")
        #expect(SentenceFinishing.apply("Why is the bread I ordered still not ready?", style: polite)
                == "Could you tell me why the bread I ordered is still not ready?")
        #expect(SentenceFinishing.apply("Why is {1} still returning null?", style: polite)
                == "Could you tell me why {1} is still returning null?")
        #expect(SentenceFinishing.apply("Where is my crown?", style: polite) == "Could you tell me where my crown is?")
        #expect(SentenceFinishing.apply("Why is this bike still here?", style: polite) == "Could you tell me why this bike is still here?")
        #expect(SentenceFinishing.apply("Who did this?", style: polite) == "Could you tell me who did this?")
        #expect(SentenceFinishing.apply("Who keeps leaving boots in the hall?", style: polite)
                == "Could you tell me who keeps leaving boots in the hall?")
        #expect(SentenceFinishing.apply("Is the report done yet?", style: polite) == "Could you tell me whether the report is done yet?")
        #expect(SentenceFinishing.apply("Did you read my email?", style: polite) == "Could you tell me whether you read my email?")
        #expect(SentenceFinishing.apply("Why hasn't anyone uploaded the files?", style: polite)
                == "Could you tell me why anyone has not uploaded the files?")
        #expect(SentenceFinishing.apply("Can you fix it today?", style: polite) == "Could you please fix it today?")
        // A negative yes-no question is rhetorical: turned indirect it would change its sense.
        #expect(SentenceFinishing.apply("Don't you read emails?", style: polite) == "Don't you read emails?")
        #expect(SentenceFinishing.apply("Where is the invoice for the piano restoration?", style: polite)
                == "Could you tell me where the invoice for the piano restoration is?")
        #expect(SentenceFinishing.apply("When will the surveying report be finished?", style: polite)
                == "Could you tell me when the surveying report will be finished?")
        #expect(SentenceFinishing.apply("Why is the printer on the second floor?", style: polite) == "Why is the printer on the second floor?")
        // The subject runs to the first verb we know; where none follows, no guess.
        #expect(SentenceFinishing.apply("Why does the build server crash?", style: polite)
                == "Could you tell me why the build server crashes?")
        #expect(SentenceFinishing.apply("Why does the build server stall?", style: polite) == "Why does the build server stall?")
    }

    /// "I want" asks with "please"; a complaint about oneself or nobody is regretted, good news is not.
    @Test func politeStatementsAskAndRegret() {
        let polite = BuiltInStyles.polite
        let rules = LexicalRules.rules(for: polite)
        func rewrite(_ text: String) -> String { SentenceFinishing.apply(rules.reduce(text) { $1.apply($0) }, style: polite) }
        #expect(rewrite("I want compensation.") == "I would like compensation, please.")
        #expect(rewrite("Quote me a price for the roof.") == "Could you please quote me a price for the roof?")
        #expect(rewrite("Hope the parcel arrives.") == "Hope the parcel arrives.")
        #expect(rewrite("Somebody turn it on.") == "Could someone please turn it on?")
        #expect(rewrite("Unacceptable.") == "I'm afraid this is unacceptable.")
        #expect(SentenceFinishing.apply("Not acceptable.", style: polite) == "I'm afraid this is not acceptable.")
        #expect(rewrite("I'm tired of correcting it.") == "I would rather not keep correcting it.")
        #expect(rewrite("The headphones are filthy.") == "I think the headphones are not very clean.")
        #expect(rewrite("How many times do I have to tell you the pens need checking?")
                == "May I remind you that the pens need checking?")
        #expect(rewrite("Why am I the only one who refills the printer?")
                == "Could you tell me why I am the only one who refills the printer?")
        #expect(rewrite("Nobody can read that font.") == "I'm afraid nobody can read that font.")
        #expect(rewrite("I fixed the bug.") == "I fixed the bug.")
        #expect(rewrite("Move your bike out of the hallway. Now.") == "Could you please move your bike out of the hallway?")
        #expect(rewrite("I've been on hold for an hour, someone pick up.")
                == "I've been on hold for an hour, could someone please pick up?")
    }
}
