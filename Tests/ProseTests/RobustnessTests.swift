import Foundation
import Testing
@testable import Prose

/// Deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Structural invariants every document must satisfy, whatever its text.
func checkInvariants(_ document: ProseDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    let length = document.text.utf16.count
    for (index, segment) in document.segments.enumerated() {
        let units = segment.text.utf16.count
        #expect(units > 0, sourceLocation: sourceLocation)
        #expect(segment.sourceOffsets.count == units + 1, sourceLocation: sourceLocation)
        #expect(segment.range.lowerBound >= 0 && segment.range.upperBound <= length, sourceLocation: sourceLocation)
        #expect(segment.sourceOffsets.allSatisfy { $0 >= 0 && $0 <= length }, sourceLocation: sourceLocation)
        #expect(zip(segment.sourceOffsets, segment.sourceOffsets.dropFirst()).allSatisfy { $0 <= $1 },
                "offsets must not go backwards", sourceLocation: sourceLocation)
        for sentence in segment.sentences {
            #expect(sentence.segmentIndex == index, sourceLocation: sourceLocation)
            #expect(sentence.range.lowerBound >= segment.range.lowerBound
                    && sentence.range.upperBound <= segment.range.upperBound, sourceLocation: sourceLocation)
        }
        _ = segment.sourceRange(ofTextUTF16: -5..<(units + 5))
    }
    let source = Array(document.text.utf16)
    for segment in document.segments { checkAlignment(segment, in: source, sourceLocation: sourceLocation) }
    for directive in document.directives {
        #expect(directive.range.lowerBound >= 0 && directive.range.upperBound <= length, sourceLocation: sourceLocation)
    }
    _ = document.isDisabled(rule: "tone.insult", at: length / 2)
}

/// Each text unit must stand for what the source holds at its span: the same character, an escape `\\x`, an
/// entity `&...;`, a line break (as " "), or for a placeholder a non-empty span. (The aligner may degrade to
/// an empty span when cmark's literal is not spelled out in the source; none of these inputs should need it.)
func checkAlignment(_ segment: ProseSegment, in source: [UInt16], sourceLocation: SourceLocation) {
    let units = Array(segment.text.utf16)
    var index = 0
    while index < units.count {
        let width = UTF16.isLeadSurrogate(units[index]) && index + 1 < units.count ? 2 : 1
        let range = segment.sourceRange(ofTextUTF16: index..<(index + width))
        let span = Array(source[range.lowerBound..<range.upperBound])
        let unit = Array(units[index..<(index + width)])
        let ok: Bool
        if unit == [0xFFFC] {
            ok = !span.isEmpty || source.isEmpty
        } else if span == unit {
            ok = true
        } else if span.first == 0x5C || span.first == 0x26 {
            ok = true
        } else if unit == [0x20] {
            ok = span.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
        } else if unit == [0xFFFD] {
            ok = span == [0] || span == [0x1A]
        } else {
            ok = false
        }
        #expect(ok, "unit \(index) \(String(decoding: unit, as: UTF16.self).debugDescription) <- \(String(decoding: span, as: UTF16.self).debugDescription) in \(String(decoding: source, as: UTF16.self).debugDescription)", sourceLocation: sourceLocation)
        if !ok { return }
        index += width
    }
}

@Test func randomBytesNeverCrash() {
    var generator = SplitMix64(state: 42)
    for _ in 0..<300 {
        let count = Int.random(in: 0..<600, using: &generator)
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = String(decoding: bytes, as: UTF8.self)
        checkInvariants(ProseDocument(text: text, format: .markdown))
        checkInvariants(ProseDocument(text: text, format: .plainText))
    }
}

@Test func randomMarkdownNeverCrashes() {
    let pieces = ["*", "**", "_", "`", "``", "[", "]", "(", ")", "![", "<", ">", "> ", "- ", "1. ", "#", "# ",
                  "\n", "\n\n", "\r\n", "\r", "  ", "\t", "|", "---", "```", "~~~", "\\", "&amp;", "&#x1F600;", "&",
                  "<!--", "-->", " tenor-disable ", "illustrate: x | a: b", "http://", "www.", "a.b", "word",
                  "Dr.", "e.g.", "...", "?!", "😀", "中文", "e\u{301}", "\"", "'", "<b>", "</b>", "<div>", "+++",
                  "[x]: /u", "    ", ":", "\u{0}", "\u{FEFF}", "\u{FFFC}",
                  "\n> ", "\n- ", "\n  ", "\n    ", "\n1) ", "|---|", "\n| ", "\\\n", "  \n", "<!--\n", "\n-->",
                  "[a]", "[a]: <b> 'c'\n", "](x)", "](<y z> \"t\")", "*x*", "__y__", "\n\t", "\n>\t", " \n ", "\n=\n",
                  "\n---\n", "&quot;", "&#0;", "&NotEqualTilde;", "&#xD800;", "`` ` ``", "<http://a.b/c>", "<a@b.c>"]
    var generator = SplitMix64(state: 7)
    for _ in 0..<600 {
        let count = Int.random(in: 0..<120, using: &generator)
        let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
        checkInvariants(ProseDocument(text: text, format: .markdown))
    }
}

@Test func deepNestingNeverCrashes() {
    let depth = 5_000
    let inputs = [
        String(repeating: "> ", count: depth) + "deep quote. Second sentence.\n",
        // Each level indented two more spaces: 1,000 levels make a 1 MB document.
        (0..<1_000).map { String(repeating: " ", count: $0 * 2) + "- item \($0)" }.joined(separator: "\n"),
        String(repeating: "- ", count: depth) + "deep list\n",
        String(repeating: "*a ", count: depth) + String(repeating: " b*", count: depth),
        String(repeating: "[", count: depth) + "x" + String(repeating: "](u)", count: depth),
        String(repeating: "![", count: depth) + "x" + String(repeating: "]", count: depth),
        String(repeating: "`", count: depth) + "code",
        String(repeating: "<!-- ", count: depth),
        "```\nunterminated fence\n" + String(repeating: "text\n", count: 100),
        "---\nunterminated: front matter\n",
        String(repeating: "| a ", count: depth) + "|\n" + String(repeating: "|---", count: depth) + "|\n",
    ]
    for text in inputs {
        checkInvariants(ProseDocument(text: text, format: .markdown))
    }
    let quoted = ProseDocument(text: inputs[0], format: .markdown)
    #expect(quoted.segments.first?.containers.count == depth)
    #expect(quoted.sentences.map(\.text) == ["deep quote.", "Second sentence."])
}

@Test func plainTextParagraphs() {
    let text = "First para line one\r\nline two. Second sentence.\r\n\r\n  \t \nSecond para https://x.org/y here.\n"
    let document = ProseDocument(text: text, format: .plainText)
    #expect(document.segments.map(\.kind) == [.plain, .plain])
    #expect(document.segments.map(\.text) == [
        "First para line one line two. Second sentence.", "Second para \u{FFFC} here.",
    ])
    #expect(document.sentences.map { substring(text, $0.range) } == [
        "First para line one\r\nline two.", "Second sentence.", "Second para https://x.org/y here.",
    ])
    checkInvariants(document)
}

@Test func textOffsetsMapToSource() throws {
    let text = "Say *hello* to `x` and [the 😀 world](http://u). Done."
    let document = ProseDocument(text: text, format: .markdown)
    let segment = try #require(document.segments.first)
    #expect(segment.text == "Say hello to \u{FFFC} and the 😀 world. Done.")
    func source(_ word: String) -> String {
        guard let range = segment.text.range(of: word) else { return "<missing>" }
        let lower = segment.text.utf16.distance(from: segment.text.utf16.startIndex, to: range.lowerBound)
        let upper = segment.text.utf16.distance(from: segment.text.utf16.startIndex, to: range.upperBound)
        return substring(text, segment.sourceRange(ofTextUTF16: lower..<upper))
    }
    #expect(source("hello") == "hello")
    #expect(source("\u{FFFC}") == "`x`")
    #expect(source("the 😀 world") == "the 😀 world")
    #expect(source("hello to \u{FFFC}") == "hello* to `x`")
    #expect(source("world.") == "world](http://u).")
    #expect(segment.sourceRange(ofTextUTF16: 4..<4) == SourceRange(5, 5))
    #expect(segment.sourceOffsets.last == segment.range.upperBound)
}

@Test func documentFormats() {
    #expect(DocumentFormat(languageId: "markdown") == .markdown)
    #expect(DocumentFormat(languageId: "plaintext") == .plainText)
    #expect(DocumentFormat(pathExtension: "md") == .markdown)
    #expect(DocumentFormat(pathExtension: "MDX") == .markdown)
    #expect(DocumentFormat(pathExtension: "mkd") == .markdown)
    #expect(DocumentFormat(pathExtension: "markdown") == .markdown)
    #expect(DocumentFormat(pathExtension: "txt") == .plainText)
}

/// Benchmark-style sanity check of a 1 MB Markdown document (no timing assertion; speed is measured by
/// benchmarks). The elapsed time goes to stderr for a human to glance at.
@Test func megabyteDocument() {
    let block = """
    # Section heading with *emphasis*

    A paragraph with `code`, a [link](https://example.com "title"), e.g. abbreviations, 3.14 decimals and
    https://bare.example.org/url. Dr. Smith said "hi." Then left! Version v1.2.3 is out... Really?

    - a list item with **strong** text
      > and a quote inside it. With two sentences.

    | Column | Other |
    |--------|-------|
    | cell one. | cell *two* |

    ```swift
    let code = "not prose"
    ```
    <!-- tenor-disable tone -->

    """
    var text = ""
    while text.utf8.count < 1_000_000 { text += block }
    let clock = ContinuousClock()
    let start = clock.now
    let document = ProseDocument(text: text, format: .markdown)
    let elapsed = clock.now - start
    let sentences = document.sentences.count
    #expect(sentences > 10_000)
    #expect(!document.isDisabled(rule: "style.x", at: text.utf16.count - 1))
    var standardError = StandardError()
    print("ProseTests: 1 MB Markdown: \(document.segments.count) segments, \(sentences) sentences in \(elapsed)",
          to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
