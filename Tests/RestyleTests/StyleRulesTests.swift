import Testing
@testable import Restyle

/// What a user would check of each style's word and clause rules (before the model and sentence finishing).
struct StyleRulesTests {
    static func ruled(_ text: String, _ style: RestyleStyle) -> String {
        LexicalRules.rules(for: style).reduce(text) { $1.apply($0) }
    }

    @Test func casualMakesContractionsAndEverydayWords() {
        let result = Self.ruled("We will not purchase it.", BuiltInStyles.casual)
        #expect(result.contains("won't") && result.contains("buy"), "\(result)")
        #expect(Self.ruled("We would like to request approximately 10 more.", BuiltInStyles.casual)
                == "We'd like to request about 10 more.")
        #expect(Self.ruled("The documentation has been revised.", BuiltInStyles.casual) == "The documentation's been revised.")
        #expect(Self.ruled("The conference is in the main hall.", BuiltInStyles.casual) == "The conference's in the main hall.")
        // No clitic after a sibilant or a function word.
        #expect(Self.ruled("The class is full. This is fine.", BuiltInStyles.casual) == "The class is full. This is fine.")
        #expect(Self.ruled("Many users reported how many errors?", BuiltInStyles.casual) == "Lots of users reported how many errors?")
    }

    @Test func formalSpellsOutTheCliticOnlyWhereItIsIs() {
        #expect(Self.ruled("nope, the bug's still there", BuiltInStyles.formal) == "no, the bug is still present")
        #expect(Self.ruled("the client's meeting moved", BuiltInStyles.formal) == "the client's meeting moved")
        #expect(Self.ruled("the build's been fixed", BuiltInStyles.formal) == "the build has been resolved")
    }

    @Test func formalConnectivesAndSubjects() {
        #expect(Self.ruled("the vendor never got back to us, so we're stuck", BuiltInStyles.formal)
                == "the vendor never responded to us; therefore, we are unable to proceed")
        #expect(Self.ruled("sorry, forgot to cc you", BuiltInStyles.formal) == "I apologise; I forgot to cc you")
        #expect(Self.ruled("the build takes forever, like {1} minutes", BuiltInStyles.formal)
                == "the build takes a very long time, approximately {1} minutes")
    }

    @Test func plainUsesShortWordsAndSplitsClauses() {
        #expect(Self.ruled("Notwithstanding the aforementioned limitations, the methodology remains applicable.",
                           BuiltInStyles.plain) == "Despite the limitations, the method is still applicable.")
        let split = SentenceFinishing.apply(Self.ruled("The build failed on the main server; the team is looking into it.",
                                                       BuiltInStyles.plain), style: BuiltInStyles.plain)
        #expect(split == "The build failed on the main server. The team is looking into it.")
        // A list keeps its commas.
        #expect(Self.ruled("We need eggs, milk, and bread for the cake.", BuiltInStyles.plain)
                == "We need eggs, milk, and bread for the cake.")
    }

    @Test func lightRulesAreOfferedBesideTheFullRules() async throws {
        let outcome = try await Restyler(generator: nil)
            .rewriteSentence("we're gonna need help with the migration", mask: ProtectedText(masking: ""),
                             style: BuiltInStyles.formal)
        #expect(Set(outcome.candidates.map(\.origin)) == ["rules", "light rules"])
        #expect(outcome.candidates.contains { $0.text == "We are going to need help with the migration." })
    }
}
