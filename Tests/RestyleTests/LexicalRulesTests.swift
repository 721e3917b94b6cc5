import Testing
@testable import Restyle

struct LexicalRulesTests {
    @Test func slangAndContractionsForFormal() {
        let text = "the meeting's gonna be pushed to tmrw cuz boss is sick"
        let result = LexicalRules.rules(for: BuiltInStyles.formal).reduce(text) { $1.apply($0) }
        // "meeting's" before "going" is "meeting is" (ClausePatterns.cliticsExpanded), which formal makes "will".
        #expect(result == "the meeting will be postponed to tomorrow because manager is unwell")
    }

    @Test func keepsCapitalAndLeavesInitialismsAndPlaceholders() {
        #expect(LexicalRules.slang.apply("U.S. law, u know, ur {1}") == "U.S. law, you know, your {1}")
        #expect(LexicalRules.contractionsExpanded.apply("Don't go. I'm here.") == "Do not go. I am here.")
        #expect(LexicalRules.contractionsMade.apply("I am sure it is fine.") == "I'm sure it's fine.")
    }

    @Test func wordyPhrasesShrink() {
        #expect(LexicalRules.wordy.apply("In order to build, wait due to the fact that it is slow.")
                == "To build, wait because it is slow.")
    }

    @Test func profanityDropsIntensifiers() {
        #expect(LexicalRules.profanity.apply("this fucking build is broken") == "this build is broken")
    }
}
