import Checks
import Testing

@Test func toneSectionSetsThresholds() throws {
    let (configuration, warnings) = try Configuration().merging(toml: """
        [tone]
        threshold = 0.6
        hate-threshold = 0.8
        bogus = 1
        insult-threshold = 3
        """)
    #expect(configuration.toneThreshold == 0.6)
    #expect(configuration.toneCategoryThresholds == ["hate": 0.8])
    #expect(warnings.count == 2)
}
