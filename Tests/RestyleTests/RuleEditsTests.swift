import Testing
@testable import Restyle

struct RuleEditsTests {
    @Test func verbPhrasesAreListedInEveryForm() {
        let pairs = VerbForms.conjugated([("act up", "malfunction"), ("send over", "forward"), ("figure out", "determine")])
        let table = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        #expect(table["act up"] == "malfunction")
        #expect(table["acts up"] == "malfunctions")
        #expect(table["acted up"] == "malfunctioned")
        #expect(table["acting up"] == "malfunctioning")
        #expect(table["sent over"] == "forwarded")
        #expect(table["sending over"] == "forwarding")
        #expect(table["figuring out"] == "determining")
        #expect(table["figures out"] == "determines")
        #expect(VerbForms.forms(of: "carry") == .init(base: "carry", third: "carries", past: "carried",
                                                     participle: "carried", progressive: "carrying"))
        #expect(VerbForms.forms(of: "get").participle == "gotten")
        #expect(VerbForms.forms(of: "fix").third == "fixes")
    }

    @Test func editsBetweenTwoRuleOutputsCanBeAppliedInPart() {
        let edits = RuleEdits(from: "Stuff is really piling up, might need help.",
                              to: "Material is accumulating, might require assistance.")
        #expect(edits.edits.count == 3)
        #expect(edits.applying([]) == "Stuff is really piling up, might need help.")
        #expect(edits.applying([0, 1, 2]) == "Material is accumulating, might require assistance.")
        #expect(edits.applying([1, 2]) == "Stuff is accumulating, might require assistance.")
        // Insertions and deletions at either end.
        let ends = RuleEdits(from: "the tests are flaky again", to: "Sadly the tests are flaky")
        #expect(ends.applying(Set(ends.edits.indices)) == "Sadly the tests are flaky")
        #expect(ends.edits.count == 2)  // "Sadly" inserted, "again" deleted
    }

    /// Meaning that drops whenever "Material" appears: the full rules lose the sentence, a subset keeps it.
    struct MaterialIsAChangeOfMeaning: MeaningScorer {
        func similarities(source: String, candidates: [String]) async throws -> [Double] {
            candidates.map { $0.contains("Material") ? 0.4 : 0.95 }
        }
    }

    @Test func aSubsetOfTheRuleSwapsIsTriedWhenTheFullSetLosesTheMeaning() async throws {
        let restyler = Restyler(generator: nil, meaning: MaterialIsAChangeOfMeaning())
        let outcome = try await restyler.rewriteSentence("stuff's really piling up, might need help",
                                                         mask: ProtectedText(masking: ""), style: BuiltInStyles.formal)
        let selected = try #require(outcome.candidates.first { $0.origin == "rules, selected" })
        #expect(!selected.text.contains("Material"))
        #expect(selected.text.contains("require assistance"))
        #expect(outcome.chosen?.origin == "rules, selected")
    }
}
