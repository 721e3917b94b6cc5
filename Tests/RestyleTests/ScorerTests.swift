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

    /// The Swift scorer gives the Python fitting script's scores (Scripts/restyle/fit_formality.py, the fixture).
    @Test func formalityMatchesTheFittingScript() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/formality_scores.json")
        struct Fixture: Decodable { struct Row: Decodable { let text: String; let score: Double }; let weights: [Double]; let scores: [Row] }
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let w = FormalityScorer.weights
        #expect(fixture.weights == [w.bias, w.averageLength, w.formal, w.informal, w.noInformalCue])
        #expect(fixture.scores.count == 200)
        for row in fixture.scores {
            #expect(abs(FormalityScorer.score(row.text) - row.score) < 1e-9, "\(row.text)")
        }
    }

    /// On pairs nobody fitted on, good rewrites reach their style and copies of their sources do not.
    @Test func formalityJudgesHeldOutRewrites() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/restyle/formality_holdout")
        func pairs(_ name: String) throws -> [(String, String)] {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").compactMap {
                let fields = $0.split(separator: "\t").map(String.init)
                return fields.count == 2 ? (fields[0], fields[1]) : nil
            }
        }
        let formal = try pairs("formal.tsv"), casual = try pairs("casual.tsv")
        #expect(formal.count == 50 && casual.count == 50)
        func share(_ items: [(String, String)], _ test: ((String, String)) -> Bool) -> Double {
            Double(items.filter(test).count) / Double(items.count)
        }
        #expect(share(formal) { FormalityScorer.score($0.1) >= 0.6 } >= 0.7)
        #expect(share(casual) { FormalityScorer.score($0.1) <= 0.4 } >= 0.75)
        #expect(share(formal) { FormalityScorer.score($0.0) >= 0.6 } == 0)
        #expect(share(casual) { FormalityScorer.score($0.0) <= 0.4 } == 0)
    }

    @Test func placeholderToxicityJudge() async throws {
        let p = try await LexiconToxicityJudge().offensiveProbabilities(["you are an idiot", "you are kind"])
        #expect(p[0] > 0.5 && p[1] < 0.5)
    }
}

struct PoliteFramingTests {
    /// The request's framing is set aside for meaning; the content stays.
    @Test func framingIsNotContent() {
        #expect(PoliteFraming.content("Could you please sort it out?") == "sort it out")
        #expect(PoliteFraming.content("Sort it out.") == "Sort it out")
        #expect(PoliteFraming.content("I think the invoice is wrong, please.") == "the invoice is wrong")
        #expect(PoliteFraming.content("Please.") == "Please")
        #expect(Restyler.meaningView("Could you please sort it out?", style: BuiltInStyles.formal) == "Could you please sort it out?")
    }
}
