import Testing
import Checks
import Prose

@Suite struct CheckEngineTests {
    func findings(_ text: String, format: DocumentFormat = .markdown, configuration: Configuration = Configuration()) -> [Finding] {
        CheckEngine(configuration: configuration).check(ProseDocument(text: text, format: format))
    }

    func substring(_ text: String, _ span: TextSpan) -> String {
        let units = Array(text.utf16)
        return String(decoding: units[span.start..<span.end], as: UTF16.self)
    }

    @Test func repeatedWordIsFoundWithAFix() throws {
        let text = "We ran the the tests.\n"
        let found = findings(text)
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.rule == "style.repeated-word")
        #expect(substring(text, finding.span) == "the the")
        let edit = try #require(finding.fixes.first?.replacements.first)
        var units = Array(text.utf16)
        units.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.newText.utf16))
        #expect(String(decoding: units, as: UTF16.self) == "We ran the tests.\n")
    }

    @Test func rangesAreUTF16AfterEmoji() throws {
        let text = "😀 漢字 and and more\n"
        let finding = try #require(findings(text).first)
        #expect(substring(text, finding.span) == "and and")
    }

    @Test func codeIsNeverJudged() {
        let text = """
        Inline `the the` code.

        ```
        the the
        ```

            indented the the

        <div>the the</div>
        """
        #expect(findings(text).isEmpty)
    }

    @Test func notARepetitionAcrossSentencesOrNumbers() {
        #expect(findings("It is. Is it?\n").isEmpty)
        #expect(findings("Version 1 1 again.\n").isEmpty)
    }

    @Test func disableDirectivesAreHonoured() {
        let text = """
        <!-- tenor-disable-next-line style.repeated-word -->
        This is is fine.

        But this this is not.

        <!-- tenor-disable -->
        Off off here.
        <!-- tenor-enable -->

        On on again.
        """
        let found = findings(text)
        #expect(found.count == 2)
    }

    @Test func configurationSwitchesRulesAndSeverities() throws {
        var configuration = Configuration()
        configuration = configuration.merging(settings: ["rules": ["style": "error"]]).0
        #expect(findings("the the\n", configuration: configuration).first?.severity == .error)
        configuration = configuration.merging(settings: ["rules": ["style.repeated-word": "off"]]).0
        #expect(findings("the the\n", configuration: configuration).isEmpty)
    }

    @Test func plainTextIsChecked() {
        #expect(findings("One line with with a slip.\n\nAnother.", format: .plainText).count == 1)
    }
}
