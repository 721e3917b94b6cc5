import Testing
@testable import Prose

@Test func parsesDirectiveKinds() {
    #expect(Directive.kind(ofCommentBody: " tenor-disable ") == .disable(rules: []))
    #expect(Directive.kind(ofCommentBody: " tenor-disable tone style.repeated-word ")
        == .disable(rules: ["tone", "style.repeated-word"]))
    #expect(Directive.kind(ofCommentBody: "tenor-enable tone, style") == .enable(rules: ["tone", "style"]))
    #expect(Directive.kind(ofCommentBody: " tenor-disable-next-line ") == .disableNextLine(rules: []))
    #expect(Directive.kind(ofCommentBody: " tenor-disable-next-line tone.insult ")
        == .disableNextLine(rules: ["tone.insult"]))
    #expect(Directive.kind(ofCommentBody: " tenor-disabled ") == nil)
    #expect(Directive.kind(ofCommentBody: " a plain comment ") == nil)
    #expect(Directive.kind(ofCommentBody: " illustrate: a red lighthouse, watercolor | size: 512x512 | seed: 7 ")
        == .illustrate(description: "a red lighthouse, watercolor", options: ["size": "512x512", "seed": "7"]))
    #expect(Directive.kind(ofCommentBody: "illustrate: a cat") == .illustrate(description: "a cat", options: [:]))
    #expect(Directive.kind(ofCommentBody: "illustrate: a | style: ink: wash | flag")
        == .illustrate(description: "a", options: ["style": "ink: wash", "flag": ""]))
}

@Test func directivesOnlyInHTMLComments() {
    let text = """
    <!-- tenor-disable -->

    Text with `<!-- tenor-enable -->` in code and <!-- tenor-disable tone --> inline.

    ```
    <!-- tenor-enable -->
    ```

        <!-- tenor-enable -->

    > <!-- illustrate: quoted | size: 1x1 -->
    """
    let document = ProseDocument(text: text, format: .markdown)
    #expect(document.directives.map(\.kind) == [
        .disable(rules: []), .disable(rules: ["tone"]),
        .illustrate(description: "quoted", options: ["size": "1x1"]),
    ])
    #expect(document.directives.map(\.line) == [0, 2, 10])
    #expect(document.directives.map { substring(text, $0.range) } == [
        "<!-- tenor-disable -->", "<!-- tenor-disable tone -->", "<!-- illustrate: quoted | size: 1x1 -->",
    ])
}

@Test func plainTextHasNoDirectives() {
    let document = ProseDocument(text: "<!-- tenor-disable -->\n\nText.", format: .plainText)
    #expect(document.directives.isEmpty)
    #expect(!document.isDisabled(rule: "tone.insult", at: 25))
}

@Test func multiLineCommentBlock() {
    let text = "Intro.\n\n<!--\ntenor-disable\ntone\n-->\n\nAfter."
    let document = ProseDocument(text: text, format: .markdown)
    #expect(document.directives.map(\.kind) == [.disable(rules: ["tone"])])
    #expect(document.directives.first?.line == 2)
}

private func offset(of needle: String, in text: String) -> Int {
    guard let range = text.range(of: needle) else { return -1 }
    return text.utf16.distance(from: text.utf16.startIndex, to: range.lowerBound.samePosition(in: text.utf16) ?? text.utf16.startIndex)
}

@Test func isDisabledFollowsDirectives() {
    let text = """
    Intro.

    <!-- tenor-disable tone -->

    Some text.

    <!-- tenor-enable tone.insult -->

    More text.

    <!-- tenor-disable -->

    Off.

    <!-- tenor-enable -->

    On.

    <!-- tenor-disable-next-line style -->

    Target line.
    After.
    """
    let document = ProseDocument(text: text, format: .markdown)
    let intro = offset(of: "Intro", in: text)
    let some = offset(of: "Some", in: text)
    let more = offset(of: "More", in: text)
    let off = offset(of: "Off", in: text)
    let on = offset(of: "On.", in: text)
    let target = offset(of: "line.", in: text)
    let after = offset(of: "After", in: text)

    #expect(!document.isDisabled(rule: "tone.insult", at: intro))
    #expect(document.isDisabled(rule: "tone.insult", at: some))
    #expect(document.isDisabled(rule: "tone", at: some))
    #expect(!document.isDisabled(rule: "tones.x", at: some))
    #expect(!document.isDisabled(rule: "style.repeated-word", at: some))
    #expect(!document.isDisabled(rule: "tone.insult", at: more))
    #expect(document.isDisabled(rule: "tone.formality", at: more))
    #expect(document.isDisabled(rule: "style.repeated-word", at: off))
    #expect(document.isDisabled(rule: "anything", at: off))
    #expect(!document.isDisabled(rule: "tone.formality", at: on))
    #expect(!document.isDisabled(rule: "style.repeated-word", at: on))
    #expect(document.isDisabled(rule: "style.repeated-word", at: target))
    #expect(!document.isDisabled(rule: "tone.insult", at: target))
    #expect(!document.isDisabled(rule: "style.repeated-word", at: after))
}

@Test func inlineDisableNextLine() {
    let text = "First line <!-- tenor-disable-next-line -->\nSecond line\nThird line"
    let document = ProseDocument(text: text, format: .markdown)
    #expect(!document.isDisabled(rule: "x.y", at: 0))
    #expect(document.isDisabled(rule: "x.y", at: offset(of: "Second", in: text)))
    #expect(!document.isDisabled(rule: "x.y", at: offset(of: "Third", in: text)))
}
