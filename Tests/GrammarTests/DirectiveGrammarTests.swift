import Foundation
import Testing

/// The TextMate injection grammar for Tenor's directives (Grammars/tenor-directives.tmLanguage.json),
/// compiled with Oniguruma as editors compile it, run over sample Markdown lines.
struct DirectiveGrammarTests {
    static let grammarURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Grammars/tenor-directives.tmLanguage.json")

    static func loadGrammar() throws -> TextMateGrammar {
        try TextMateGrammar(data: Data(contentsOf: grammarURL))
    }

    /// Tokens of `line` (one line) as (text, scopes) pairs, scopes without the comment's own.
    static func tokens(_ line: String) throws -> [LineTokenizer.Token] {
        var tokenizer = LineTokenizer(grammar: try loadGrammar())
        return try tokenizer.tokenize(line: line)
    }

    /// The scopes of the token whose text is exactly `text`.
    static func scopes(of text: String, in tokens: [LineTokenizer.Token]) -> [String]? {
        tokens.first { $0.text == text }?.scopes
    }

    static func hasTenorScope(_ tokens: [LineTokenizer.Token]) -> Bool {
        tokens.contains { $0.scopes.contains { $0.hasSuffix(".tenor") } }
    }

    @Test func declaresAnInjectionIntoMarkdown() throws {
        let grammar = try Self.loadGrammar()
        #expect(grammar.scopeName == "tenor.directives.injection")
        let selector = try #require(grammar.injectionSelector)
        #expect(selector.hasPrefix("L:text.html.markdown"))
        // Tenor ignores comments in code; so must the highlighting.
        #expect(selector.contains("-markup.fenced_code.block.markdown"))
        #expect(selector.contains("-markup.inline.raw.string.markdown"))
    }

    @Test func everyRegexCompilesWithOniguruma() throws {
        let grammar = try Self.loadGrammar()
        #expect(grammar.allRegexes.count >= 12)
        for regex in grammar.allRegexes {
            _ = try OnigurumaPattern(regex)
            _ = try OnigurumaPattern(LineTokenizer.disablingAnchor(in: regex))
        }
    }

    @Test func everyIncludeResolves() throws {
        let grammar = try Self.loadGrammar()
        _ = try grammar.expand(grammar.patterns)
        for rule in grammar.repository.values { _ = try grammar.expand(rule.patterns) }
    }

    @Test func illustrateDescriptionAndOptions() throws {
        let tokens = try Self.tokens("<!-- illustrate: a red lighthouse, watercolor | size: 512x512 | seed: 7 -->")
        let meta = ["comment.block.html", "meta.directive.illustrate.tenor"]
        #expect(Self.scopes(of: "<!--", in: tokens) == meta + ["punctuation.definition.comment.begin.html"])
        #expect(Self.scopes(of: "illustrate", in: tokens) == meta + ["keyword.control.directive.illustrate.tenor"])
        #expect(Self.scopes(of: "a red lighthouse, watercolor", in: tokens) == meta + ["string.unquoted.description.tenor"])
        #expect(Self.scopes(of: "size", in: tokens) == meta + ["variable.parameter.option.tenor"])
        #expect(Self.scopes(of: "512x512", in: tokens) == meta + ["string.unquoted.option-value.tenor"])
        #expect(Self.scopes(of: "seed", in: tokens) == meta + ["variable.parameter.option.tenor"])
        #expect(Self.scopes(of: "7", in: tokens) == meta + ["string.unquoted.option-value.tenor"])
        #expect(tokens.filter { $0.text == "|" }.count == 2)
        #expect(tokens.filter { $0.text == "|" }.allSatisfy { $0.scopes.last == "punctuation.separator.option.tenor" })
        #expect(Self.scopes(of: "-->", in: tokens) == meta + ["punctuation.definition.comment.end.html"])
        // The tokens cover the line exactly.
        #expect(tokens.map(\.text).joined() == "<!-- illustrate: a red lighthouse, watercolor | size: 512x512 | seed: 7 -->")
    }

    @Test func illustrateWithoutOptionsOrSpaceBeforeTheEnd() throws {
        let tokens = try Self.tokens("<!-- illustrate: a cat on a mat-->")
        #expect(Self.scopes(of: "a cat on a mat", in: tokens)?.last == "string.unquoted.description.tenor")
        #expect(Self.scopes(of: "-->", in: tokens)?.last == "punctuation.definition.comment.end.html")
    }

    @Test func illustrateOptionWithoutValue() throws {
        let tokens = try Self.tokens("<!-- illustrate: fog | draft -->")
        #expect(Self.scopes(of: "fog", in: tokens)?.last == "string.unquoted.description.tenor")
        #expect(Self.scopes(of: "draft", in: tokens)?.last == "variable.parameter.option.tenor")
    }

    @Test func disableWithRulesSeparatedByCommasAndBlanks() throws {
        let tokens = try Self.tokens("<!-- tenor-disable tone, style.repeated-word -->")
        let meta = ["comment.block.html", "meta.directive.disable.tenor"]
        #expect(Self.scopes(of: "tenor-disable", in: tokens) == meta + ["keyword.control.directive.disable.tenor"])
        #expect(Self.scopes(of: "tone", in: tokens) == meta + ["entity.name.rule.tenor"])
        #expect(Self.scopes(of: ",", in: tokens) == meta + ["punctuation.separator.rule.tenor"])
        #expect(Self.scopes(of: "style.repeated-word", in: tokens) == meta + ["entity.name.rule.tenor"])
        #expect(Self.scopes(of: "-->", in: tokens) == meta + ["punctuation.definition.comment.end.html"])
    }

    @Test func disableNextLineIsNotReadAsDisable() throws {
        let tokens = try Self.tokens("<!-- tenor-disable-next-line style.repeated-word -->")
        #expect(Self.scopes(of: "tenor-disable-next-line", in: tokens)?.last
                == "keyword.control.directive.disable-next-line.tenor")
        #expect(Self.scopes(of: "style.repeated-word", in: tokens)
                == ["comment.block.html", "meta.directive.disable-next-line.tenor", "entity.name.rule.tenor"])
        #expect(!tokens.contains { $0.scopes.contains("meta.directive.disable.tenor") })
    }

    @Test func enableWithoutRules() throws {
        let tokens = try Self.tokens("<!--tenor-enable-->")
        #expect(tokens.map(\.text) == ["<!--", "tenor-enable", "-->"])
        #expect(Self.scopes(of: "tenor-enable", in: tokens)?.last == "keyword.control.directive.enable.tenor")
    }

    @Test func directiveInsideAParagraphLine() throws {
        let tokens = try Self.tokens("Some text <!-- tenor-disable-next-line --> and more.")
        #expect(Self.scopes(of: "Some text ", in: tokens) == [])
        #expect(Self.scopes(of: "tenor-disable-next-line", in: tokens)?.last
                == "keyword.control.directive.disable-next-line.tenor")
        #expect(Self.scopes(of: " and more.", in: tokens) == [])
    }

    @Test func directiveSpanningLines() throws {
        var tokenizer = LineTokenizer(grammar: try Self.loadGrammar())
        let lines = try tokenizer.tokenize("<!-- tenor-disable\n  tone\n-->\nAfter.")
        #expect(Self.scopes(of: "tenor-disable", in: lines[0])?.last == "keyword.control.directive.disable.tenor")
        #expect(Self.scopes(of: "tone", in: lines[1])
                == ["comment.block.html", "meta.directive.disable.tenor", "entity.name.rule.tenor"])
        #expect(Self.scopes(of: "-->", in: lines[2])?.last == "punctuation.definition.comment.end.html")
        #expect(lines[3] == [LineTokenizer.Token(text: "After.", scopes: [])])
    }

    @Test(arguments: [
        "<!-- just a note -->",
        "<!-- tenor-disabled -->",
        "<!-- tenor-disable,tone -->",
        "<!-- illustrate a cat -->",
        "<!-- tenor-enabler -->",
        "tenor-disable illustrate: plain prose",
    ])
    func notDirectives(line: String) throws {
        let tokens = try Self.tokens(line)
        #expect(!Self.hasTenorScope(tokens), "\(tokens)")
    }
}
