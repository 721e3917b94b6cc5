import Foundation
import Testing
@testable import Prose

#if DEBUG
let isReleaseBuild = false
#else
let isReleaseBuild = true
#endif

/// Inputs built to trigger quadratic behaviour in a naive scanner. Each must finish and keep the invariants;
/// the times go to stderr (speed is judged by benchmarks, not tests).
@Test(arguments: [
    "[a](", "`", "``x", "*a ", "_a_", "<!-- ", "<a ", "| a ", "> ", "- ", "http://", "www.x ", "&amp", "\\",
    "[x]: ", "![", "a. ", "e.g. ", "... ", "\r", "\n", "😀. ", "](", "\"",
])
func adversarialRepetition(piece: String) {
    let size = isReleaseBuild ? 1_000_000 : 60_000
    let text = String(repeating: piece, count: max(1, size / max(1, piece.utf8.count)))
    let clock = ContinuousClock()
    let start = clock.now
    let document = ProseDocument(text: text, format: .markdown)
    let elapsed = clock.now - start
    checkInvariants(document)
    var standardError = StandardError()
    print("ProseTests: \(piece.debugDescription) x \(text.utf8.count) bytes: \(elapsed)", to: &standardError)
}

@Test(.enabled(if: isReleaseBuild))
func tenMegabyteDocument() {
    var text = ""
    let paragraph = "Some prose with *emphasis*, `code` and a [link](http://x.y). Another sentence here.\n\n"
    while text.utf8.count < 10_000_000 { text += paragraph }
    let clock = ContinuousClock()
    let start = clock.now
    let document = ProseDocument(text: text, format: .markdown)
    let elapsed = clock.now - start
    #expect(document.segments.count == text.utf8.count / paragraph.utf8.count + 1
            || document.segments.count == text.utf8.count / paragraph.utf8.count)
    var standardError = StandardError()
    print("ProseTests: 10 MB Markdown: \(elapsed)", to: &standardError)
}
