import Foundation
import Testing
@testable import Prose

/// Each `Corpus/NAME.md` has a hand-written `NAME.expected.json`: the segments (kind, containers, text) and, for
/// each sentence, the exact source substring its range covers; optionally the directives.
struct CorpusExpectation: Decodable {
    struct Segment: Decodable {
        var kind: String
        var containers: [String]
        var text: String
        var sentences: [String]
    }

    struct ExpectedDirective: Decodable {
        var kind: String
        var rules: [String]?
        var description: String?
        var options: [String: String]?
        var line: Int
        var source: String
    }

    var segments: [Segment]
    var directives: [ExpectedDirective]?
}

enum Corpus {
    static var directory: URL? {
        Bundle.module.url(forResource: "Corpus", withExtension: nil)
    }

    static var names: [String] {
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }
}

func substring(_ text: String, _ range: SourceRange) -> String {
    let utf16 = Array(text.utf16)
    guard range.lowerBound >= 0, range.upperBound <= utf16.count, range.lowerBound <= range.upperBound else {
        return "<bad range \(range)>"
    }
    return String(decoding: utf16[range.lowerBound..<range.upperBound], as: UTF16.self)
}

@Test func corpusHasAtLeastThirtyDocuments() {
    #expect(Corpus.names.count >= 30)
}

@Test(arguments: Corpus.names)
func corpusDocument(name: String) throws {
    let directory = try #require(Corpus.directory)
    let markdown = try String(contentsOf: directory.appendingPathComponent(name + ".md"), encoding: .utf8)
    let expectedData = try Data(contentsOf: directory.appendingPathComponent(name + ".expected.json"))
    let expected = try JSONDecoder().decode(CorpusExpectation.self, from: expectedData)
    let document = ProseDocument(text: markdown, format: .markdown)

    let actual = document.segments.map { segment in
        CorpusExpectation.Segment(kind: segment.kind.rawValue, containers: segment.containers.map(\.rawValue),
                                  text: segment.text,
                                  sentences: segment.sentences.map { substring(markdown, $0.range) })
    }
    #expect(actual.count == expected.segments.count, "\(name): segments \(actual.map(\.text))")
    for (index, (got, want)) in zip(actual, expected.segments).enumerated() {
        #expect(got.kind == want.kind, "\(name) segment \(index)")
        #expect(got.containers == want.containers, "\(name) segment \(index)")
        #expect(got.text == want.text, "\(name) segment \(index)")
        #expect(got.sentences == want.sentences, "\(name) segment \(index)")
    }
    // Every segment's ranges stay inside the document, and sentence texts come from the segment text.
    let length = markdown.utf16.count
    for segment in document.segments {
        #expect(segment.sourceOffsets.count == segment.text.utf16.count + 1)
        #expect(segment.range.lowerBound >= 0 && segment.range.upperBound <= length)
        for sentence in segment.sentences {
            #expect(segment.text.contains(sentence.text))
        }
    }

    if let directives = expected.directives {
        #expect(document.directives.count == directives.count, "\(name): \(document.directives)")
        for (got, want) in zip(document.directives, directives) {
            #expect(got.line == want.line)
            #expect(substring(markdown, got.range) == want.source)
            switch got.kind {
            case .disable(let rules): #expect(want.kind == "disable" && rules == want.rules ?? [])
            case .enable(let rules): #expect(want.kind == "enable" && rules == want.rules ?? [])
            case .disableNextLine(let rules): #expect(want.kind == "disableNextLine" && rules == want.rules ?? [])
            case .illustrate(let description, let options):
                #expect(want.kind == "illustrate" && description == want.description && options == want.options ?? [:])
            }
        }
    }
}
