import Foundation
import Testing
@testable import Restyle

struct ScorerTests {
    @Test func readabilityPrefersShortWords() {
        let hard = Readability.fleschReadingEase("Notwithstanding considerable organisational complexity, implementation proceeded satisfactorily.")
        let easy = Readability.fleschReadingEase("It was hard, but the work went well.")
        #expect(easy > hard + 40)
        #expect(Readability.syllableCount("table") == 2)
        #expect(Readability.syllableCount("make") == 1)
    }

    @Test func politenessMarkers() {
        #expect(PolitenessScorer.score("Could you please send me the logs?") > 0.6)
        #expect(PolitenessScorer.score("Send me the logs now.") < 0.4)
    }

    @Test func formalityOrdersPairs() {
        #expect(FormalityScorer.score("hey guys, gonna be late lol") < 0.3)
        #expect(FormalityScorer.score("I regret to inform you that the meeting has been postponed.") > 0.7)
    }

    /// The formality scorer separates our labelled sentences (none used in prompts) at 0.5.
    @Test func formalityValidationSet() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/restyle/formality_validation.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var correct = 0
        var wrong: [String] = []
        for row in rows {
            let fields = row.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { continue }
            let formal = FormalityScorer.score(fields[1]) >= 0.5
            if formal == (fields[0] == "1") { correct += 1 } else { wrong.append(fields[1]) }
        }
        #expect(rows.count == 50)
        #expect(Double(correct) / Double(rows.count) >= 0.9, "misjudged: \(wrong)")
    }

    @Test func placeholderToxicityJudge() async throws {
        let p = try await LexiconToxicityJudge().offensiveProbabilities(["you are an idiot", "you are kind"])
        #expect(p[0] > 0.5 && p[1] < 0.5)
    }
}
