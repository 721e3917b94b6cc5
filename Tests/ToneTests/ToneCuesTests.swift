import Foundation
import Testing
@testable import Tone

/// The Swift cue features must equal Scripts/train-tone/cues.py's, which the head was trained on.
@Test func cuesMatchPythonFixture() throws {
    guard let url = Bundle.module.url(forResource: "cues", withExtension: "json", subdirectory: "Fixtures") else {
        Issue.record("missing Fixtures/cues.json"); return
    }
    struct Row: Decodable { let text: String; let cues: [Float] }
    let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: url))
    #expect(rows.count > 100)
    for row in rows {
        #expect(ToneCues.features(row.text) == row.cues, "\(row.text)")
    }
}

@Test func profanityCueSeesThroughObfuscation() {
    for text in ["f u c k this", "Sh!t happens", "fuuuuck", "a**hole", "You @sshole"] {
        #expect(ToneCues.isProfane(text), "\(text)")
    }
    for text in ["push it", "class Assessment", "the Dickens novel"] {
        #expect(!ToneCues.isProfane(text), "\(text)")
    }
}
