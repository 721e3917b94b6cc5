import Foundation
import Testing
@testable import Checks

@Suite struct ConfigurationTests {
    @Test func defaultsWithoutFile() {
        let (configuration, warnings) = Configuration.load(workspaceRoot: URL(fileURLWithPath: "/nonexistent-\(UUID())"))
        #expect(configuration == Configuration())
        #expect(warnings.isEmpty)
        #expect(configuration.debounceMilliseconds == 300)
        #expect(configuration.maxMessageBytes == 64 << 20)
    }

    @Test func parsesEveryKnownKey() throws {
        let toml = """
        [rules]
        "style.repeated-word" = "error"
        tone = "off"
        "tone.threat" = "on"

        [server]
        debounce-ms = 120
        max-message-bytes = 4096

        [models]
        dir = "/opt/models"

        [illustrate]
        output-dir = "images"
        """
        let (configuration, warnings) = try Configuration().merging(toml: toml)
        #expect(warnings.isEmpty)
        #expect(configuration.severity(for: "style.repeated-word", default: .warning) == .error)
        #expect(configuration.severity(for: "tone.insult", default: .warning) == nil)
        #expect(configuration.severity(for: "tone.threat", default: .error) == .error)
        #expect(configuration.severity(for: "tonality.x", default: .hint) == .hint)
        #expect(configuration.debounceMilliseconds == 120)
        #expect(configuration.maxMessageBytes == 4096)
        #expect(configuration.modelsDirectory == "/opt/models")
        #expect(configuration.illustrationsDirectory == "images")
    }

    @Test func badValuesWarnAndKeepDefaults() throws {
        let (configuration, warnings) = try Configuration().merging(toml: """
        colour = 1
        [rules]
        "style.repeated-word" = "loud"
        [server]
        debounce-ms = -5
        """)
        #expect(configuration.debounceMilliseconds == 300)
        #expect(configuration.severity(for: "style.repeated-word", default: .warning) == .warning)
        #expect(warnings.count == 3)
    }

    @Test func invalidTOMLIsAnErrorNamingTheLine() {
        #expect(throws: ConfigurationError.self) { try Configuration().merging(toml: "[rules\nx = ") }
    }

    @Test func brokenFileFallsBackToDefaultsWithAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[server\n".write(to: folder.appendingPathComponent(".tenor.toml"), atomically: true, encoding: .utf8)
        let (configuration, warnings) = Configuration.load(workspaceRoot: folder)
        #expect(configuration == Configuration())
        #expect(warnings.count == 1)
    }

    @Test func lspSettingsOverrideTheFile() throws {
        let (fromFile, _) = try Configuration().merging(toml: "[rules]\n\"style.repeated-word\" = \"error\"\n")
        let (merged, warnings) = fromFile.merging(settings: ["rules": ["style.repeated-word": "off"], "server": ["debounce-ms": 50]])
        #expect(warnings.isEmpty)
        #expect(merged.severity(for: "style.repeated-word", default: .warning) == nil)
        #expect(merged.debounceMilliseconds == 50)
    }
}
