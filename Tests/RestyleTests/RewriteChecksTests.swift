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

    @Test func repliesAndRefusalsAreNotRewrites() {
        let source = "This code is totally busted, can u fix it asap?"
        for reply in ["I'm sorry to hear that your code is not working. Could you provide more details?",
                      "I'm sorry, but I can't assist with that.", "Sure, I can fix it as soon as possible."] {
            #expect(RewriteChecks.textual(reply, source: source, style: formal).contains { $0.hasPrefix("reply") }, "\(reply)")
        }
        #expect(RewriteChecks.textual("Sure, I can move the meeting to 3 pm.", source: "Move the meeting to 3 pm.", style: formal)
            .contains { $0.hasPrefix("reply") })
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
