import Testing
@testable import Restyle

struct RewriteChecksTests {
    let formal = BuiltInStyles.formal

    @Test func protectedSpansMustComeBackExactly() {
        let source = "pls bump `serde` to 1.0.210 and see [the guide](https://x.dev/guide) by 2026-01-05"
        #expect(RewriteChecks.textual("Please update `serde` to 1.0.210 and read [the guide](https://x.dev/guide) by 2026-01-05.",
                                      source: source, style: formal).isEmpty)
        #expect(RewriteChecks.textual("Please update serde to 1.0.210 and read [the guide](https://x.dev/guide) by 2026-01-05.",
                                      source: source, style: formal).contains { $0.hasPrefix("lost `serde`") })
        #expect(RewriteChecks.textual("Please update `serde` to 1.0.211 and read [the guide](https://x.dev/guide) by 2026-01-05.",
                                      source: source, style: formal).contains { $0.hasPrefix("added 1.0.211") })
    }

    @Test func abbreviatedDatesMayBeSpelledOut() {
        #expect(RewriteChecks.textual("We expect October 14 instead of October 9.", source: "prob Oct 14 instead of Oct 9",
                                      style: formal).isEmpty)
    }

    @Test func negationNewNamesAndPlaceholdersAreRefused() {
        #expect(RewriteChecks.textual("Please merge the branch.", source: "don't merge the branch", style: formal)
            .contains("negation changed"))
        #expect(RewriteChecks.textual("Please ask Marco to merge the branch.", source: "pls merge the branch", style: formal)
            .contains { $0.hasPrefix("new facts Marco") })
        #expect(RewriteChecks.textual("Please merge the branch.\n\nBest regards,\n[Your Name]", source: "pls merge the branch",
                                      style: formal).contains("placeholder"))
    }

    @Test func anUltimatumMayBecomeACondition() {
        let source = "Send me the signed contract by noon tomorrow or we're pulling the offer."
        let polite = BuiltInStyles.polite
        #expect(RewriteChecks.textual("Could you please send me the signed contract by noon tomorrow? If we don't receive it by then, we'll pull the offer.",
                                      source: source, style: polite).isEmpty)
        // Without an "or" in the source, a new "not" in a condition still changes what is said.
        #expect(RewriteChecks.textual("If you don't merge the branch, tell me.", source: "If you merge the branch, tell me.",
                                      style: formal).contains("negation changed"))
        // And a negation outside the condition still counts.
        #expect(RewriteChecks.textual("Please don't send me the contract by noon tomorrow, or we will pull the offer.",
                                      source: source, style: polite).contains("negation changed"))
    }

    @Test func aParagraphAnsweredAsAListIsRefused() {
        let source = "Attendees: J. Morales, K. Obi. Apologies: T. Grant. The minutes were approved."
        #expect(RewriteChecks.textual("- J. Morales and K. Obi came. - T. Grant sent apologies. - The minutes were approved.",
                                      source: source, style: BuiltInStyles.casual).contains("structure changed"))
        #expect(RewriteChecks.textual("# Attendees\nJ. Morales and K. Obi came, T. Grant sent apologies, and the minutes were approved.",
                                      source: source, style: BuiltInStyles.casual).contains("structure changed"))
        #expect(RewriteChecks.textual("J. Morales and K. Obi came; T. Grant sent apologies - and the minutes were approved.",
                                      source: source, style: BuiltInStyles.casual).contains("structure changed") == false)
    }

    @Test func repliesAndRefusalsAreNotRewrites() {
        let source = "This code is totally busted, can u fix it asap?"
        for reply in ["I'm sorry to hear that your code is not working. Could you provide more details?",
                      "I'm sorry, but I can't assist with that.", "Sure, I can fix it as soon as possible."] {
            #expect(RewriteChecks.textual(reply, source: source, style: formal).contains { $0.hasPrefix("reply") }, "\(reply)")
        }
        #expect(RewriteChecks.textual("Sure, I can move the meeting to 3 pm.", source: "Move the meeting to 3 pm.", style: formal)
            .contains { $0.hasPrefix("reply") })
    }

    @Test func anApologyOrThanksTheWriterMadeMayOpenTheRewrite() {
        #expect(RewriteChecks.textual("I apologize for the delay; the report will be ready on Monday.",
                                      source: "so sorry for the delay, report will be ready monday", style: formal).isEmpty)
        #expect(RewriteChecks.textual("Thank you for your help with the migration.", source: "thx for ur help with the migration",
                                      style: formal).isEmpty)
        #expect(RewriteChecks.textual("I'm sorry to hear that.", source: "fuck man very sorry to hear that",
                                      style: BuiltInStyles.neutral).isEmpty)
        // A refusal still reads as one when the source apologises.
        #expect(RewriteChecks.textual("I'm sorry, but I can't assist with that.", source: "sorry, this build is a damn mess",
                                      style: BuiltInStyles.neutral).contains { $0.hasPrefix("reply") })
    }

    @Test func aContractionTypedWithASpaceIsStillANegation() {
        #expect(RewriteChecks.textual("They are not even smart enough to read the manual.",
                                      source: "they ain 't even smart enough to read the manual", style: BuiltInStyles.neutral)
            .contains("negation changed") == false)
        #expect(RewriteChecks.textual("I can't stop listening to it.", source: "i can 't stop listening to it",
                                      style: formal).contains("negation changed") == false)
    }

    @Test func conciseMustBeShorter() {
        let source = "In order to be able to run the tests, you will need to make sure that pytest is installed first."
        #expect(RewriteChecks.textual("To run the tests, install pytest first.", source: source, style: BuiltInStyles.concise).isEmpty)
        #expect(RewriteChecks.textual(source, source: source, style: BuiltInStyles.concise).contains("not shorter"))
    }
}

struct OutputCleanerTests {
    @Test func preamblesTailsGreetingsAndSignOffsGo() {
        let source = "the build is broken again, pls fix"
        #expect(OutputCleaner.clean("Sure, here's the rewritten text:\n\nThe build is broken again; please fix it.", source: source)
                == "The build is broken again; please fix it.")
        #expect(OutputCleaner.clean("Dear Team,\n\nThe build is broken again; please fix it.\n\nBest regards,\n[Your Name]", source: source)
                == "The build is broken again; please fix it.")
        #expect(OutputCleaner.clean("\"The build is broken again; please fix it.\"", source: source)
                == "The build is broken again; please fix it.")
        #expect(OutputCleaner.clean("The build is broken again; please fix it. Let me know if you have any questions!", source: source)
                == "The build is broken again; please fix it.")
        #expect(OutputCleaner.clean("Rewritten text: The build is broken.", source: source) == "The build is broken.")
        #expect(OutputCleaner.clean("The build is broken. It's expected to be done by 30 June. Hope this helps!", source: source)
                == "The build is broken. It's expected to be done by 30 June.")
    }

    @Test func aGreetingSentenceInFrontOfTheTextGoes() {
        let source = "Members are requested to bring their own equipment."
        #expect(OutputCleaner.clean("Hey there! Members, bring your own stuff.", source: source) == "Members, bring your own stuff.")
        #expect(OutputCleaner.clean("Good morning, team, the stand-up has moved to 10:30.", source: "standup moved to 10:30")
                == "The stand-up has moved to 10:30.")
        // Not a greeting: a sentence that merely starts with the word.
        #expect(OutputCleaner.clean("Hello world programs are short.", source: "hello world programs are short") == "Hello world programs are short.")
    }

    @Test func aDateWithItsYearIsOneFactHoweverWritten() {
        #expect(RewriteChecks.textual("The rent changes on February 1, 2026, under the agreement of September 1, 2025.",
                                      source: "Rent shall be adjusted effective 1 February 2026, per the agreement dated 1 September 2025.",
                                      style: BuiltInStyles.plain).isEmpty)
    }

    @Test func namesAbbreviationsAndSetPhrasesAreNotNewFacts() {
        let formal = BuiltInStyles.formal
        // A possessive is its name; a weekday written out is the source's abbreviation.
        #expect(RewriteChecks.textual("Sam will handle the vendor matters, and Jamie will review the budget on Wednesday (Jan 21).",
                                      source: "Sam's gonna handle the vendor stuff and Jamie's on the budget next Weds (Jan 21)", style: formal).isEmpty)
        #expect(RewriteChecks.textual("Sam will handle the vendor matters on Thursday.", source: "Sam's gonna handle the vendor stuff on Fri",
                                      style: formal).contains { $0.hasPrefix("new facts Thursday") })
        // "not gonna lie" says nothing negative.
        #expect(RewriteChecks.textual("Lunch and a T-shirt are included, which is a good deal.",
                                      source: "free lunch and a t-shirt, not gonna lie it's a pretty sweet deal", style: formal).isEmpty)
    }

    @Test func aNegativeWordSaidWithNotIsTheSameMeaning() {
        #expect(RewriteChecks.textual("Calling `init()` after creating a singleton context is not recommended.",
                                      source: "Invocation of `init()` after instantiation of a singleton context is contraindicated.",
                                      style: BuiltInStyles.plain).isEmpty)
    }

    @Test func aRewriteMustNotSpeakForTheReader() {
        let neutral = BuiltInStyles.neutral
        #expect(RewriteChecks.textual("Your app charged you $14.99 three times this month.",
                                      source: "Your garbage app charged me $14.99 three times this month.", style: neutral)
                .contains("point of view changed"))
        #expect(RewriteChecks.textual("Updated React from 17.0.2 to 18.2.0.",
                                      source: "I went ahead and updated React from 17.0.2 to 18.2.0.", style: BuiltInStyles.concise).isEmpty)
        // A demand made a request addresses the same reader.
        #expect(RewriteChecks.textual("Your dog barks every night from 11pm to 2am. I have to be up at 6 for work. Could you please deal with it?",
                                      source: "Your dog barks every night from 11pm to 2am. I have to be up at 6 for work. Deal with it or I'm calling the city.",
                                      style: BuiltInStyles.polite).contains("point of view changed") == false)
    }

    @Test func theOffensiveWordsOfTheSourceMustBeGone() {
        #expect(RewriteChecks.keptOffensive(["pathetic excuse", "joke"], in: "Your pathetic excuse for service is not a joke.")
                == ["kept \u{201C}pathetic excuse\u{201D}", "kept \u{201C}joke\u{201D}"])
        #expect(RewriteChecks.keptOffensive(["joke"], in: "Your jokes aside, the rubric is unclear.").isEmpty)
        #expect(RewriteChecks.keptOffensive(["Joke"], in: "The rubric is a JOKE.") == ["kept \u{201C}Joke\u{201D}"])
    }

    @Test func aGreetingTheSourceHadStays() {
        let source = "hey Dana, the numbers are late"
        #expect(OutputCleaner.clean("Hello Dana,\nthe figures are delayed.", source: source) == "Hello Dana,\nthe figures are delayed.")
    }
}

struct RewriteChecksSameFactTests {
    @Test func versionsAndTimesWrittenOutAreTheSameFact() {
        #expect(RewriteChecks.textual("The deployment of version 2.3.1 will move to tomorrow at 9:30 AM.",
                                      source: "deploy of v2.3.1 is gonna slip to tmrw, like 9:30ish", style: BuiltInStyles.formal).isEmpty)
    }
}

struct CanonicalFactTests {
    @Test func datesTimesAndSmallNumbersWrittenAnotherWayAreTheSameFact() {
        let same = { (a: String, b: String) in RewriteChecks.spelledOut(a) == RewriteChecks.spelledOut(b) }
        #expect(same("on 3 March", "on March 3"))
        #expect(same("on 12th May", "on May 12"))
        #expect(same("around 9am UTC", "around 9 AM UTC"))
        #expect(same("from 08:00 to 17:00", "from 8:00 a.m. to 5 p.m."))
        #expect(same("3 ppl lost work", "three ppl lost work"))
        #expect(!same("at 9am", "at 9pm"))
        #expect(!same("3 March", "4 March"))
        #expect(RewriteChecks.spelledOut("no one knows; one of them") == "no one knows; one of them")
        #expect(RewriteChecks.spelledOut("costs 5 dollars") == "costs 5 dollars")
        #expect(same("within ten (10) business days", "within 10 business days"))
    }

    @Test func aRewriteThatSpellsADateOrTimeDifferentlyPasses() {
        #expect(RewriteChecks.textual("Work starts on March 3 and runs from 8 a.m. to 5 p.m.; three people are affected.",
                                      source: "works commence 3 March, 08:00–17:00, affecting 3 residents", style: BuiltInStyles.plain)
            .allSatisfy { !$0.hasPrefix("lost") && !$0.hasPrefix("added") })
    }

    @Test func theStandInToneJudgeReadsWholeWords() async throws {
        let judge = LexiconToxicityJudge()
        #expect(try await judge.offensivePhrases(in: "Damn, this sucks and I'm pissed at these idiots.") == ["Damn", "sucks", "pissed", "idiots"])
        #expect(try await judge.offensivePhrases(in: "Hello! The cockpit, a dumbbell, Dickens and a shell script.").isEmpty)
        #expect(try await judge.offensiveProbabilities(["Hello from the cockpit."]) == [0.05])
    }
}
