import Checks
import Foundation
import LanguageServer
import Prose

/// An `<!-- illustrate: … -->` directive of an open document, with the lines around it that the
/// "Render illustration" edit touches.
struct IllustrationDirective: Sendable {
    let description: String
    let options: [String: String]
    /// The comment, UTF-16 offsets.
    let span: TextSpan
    let firstLine: Int
    let lastLine: Int
    /// End of the comment's last line (before its line break): where a new image line goes.
    let lastLineEnd: Int
    /// The line after the comment, when there is one: replaced when it already holds Tenor's image link.
    let nextLine: TextSpan?
    let nextLineText: String?

    /// The directives of a Markdown document (plain text has none).
    static func all(in document: DocumentSnapshot) -> [IllustrationDirective] {
        let prose = ProseDocument(text: document.text, format: DocumentFormat(languageId: document.languageId))
        guard !prose.directives.isEmpty else { return [] }
        let lines = LineIndex(document.text)
        let units = Array(document.text.utf16)
        return prose.directives.compactMap { directive in
            guard case .illustrate(let description, let options) = directive.kind else { return nil }
            let range = directive.range
            let lastLine = lines.line(ofUTF16Offset: max(range.lowerBound, range.upperBound - 1))
            var nextLine: TextSpan?
            var nextText: String?
            if lastLine + 1 < lines.lineCount {
                let next = lines.lineRange(lastLine + 1)
                nextLine = TextSpan(start: next.lowerBound, end: next.upperBound)
                nextText = String(decoding: units[next.lowerBound..<next.upperBound], as: UTF16.self)
            }
            return IllustrationDirective(
                description: description, options: options,
                span: TextSpan(start: range.lowerBound, end: range.upperBound),
                firstLine: directive.line, lastLine: lastLine, lastLineEnd: lines.lineRange(lastLine).upperBound,
                nextLine: nextLine, nextLineText: nextText)
        }
    }

    /// The directive whose lines include the line of UTF-16 `offset`.
    static func at(offset: Int, in document: DocumentSnapshot) -> IllustrationDirective? {
        let line = LineIndex(document.text).line(ofUTF16Offset: offset)
        return all(in: document).first { $0.firstLine <= line && line <= $0.lastLine }
    }

    /// Arguments of `tenor.illustrate` for this directive. The position is the start of its first line
    /// (character 0 means the same in every position encoding).
    func commandArguments(uri: String) -> [JSONValue] {
        [["uri": .string(uri), "position": ["line": .int(firstLine), "character": 0]]]
    }
}

/// "Render illustration": offered when the cursor or selection touches an illustrate directive. The
/// action runs the `tenor.illustrate` command (rendering writes a file, more than a text edit).
struct IllustrateCodeActions: CodeActionProvider {
    static let kind = "refactor"
    static let title = "Render illustration"

    var identifier: String { "tenor.illustrate" }
    var kinds: [String] { [Self.kind] }

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        guard request.wants(kind: Self.kind) else { return [] }
        let lines = LineIndex(request.document.text)
        let first = lines.line(ofUTF16Offset: request.selection.start)
        let last = lines.line(ofUTF16Offset: request.selection.end)
        return IllustrationDirective.all(in: request.document)
            .filter { $0.firstLine <= last && first <= $0.lastLine }
            .map { directive in
                ProposedCodeAction(title: Self.title, kind: Self.kind,
                                   command: CommandReference(title: Self.title, command: IllustrateRenderActions.command,
                                                             arguments: directive.commandArguments(uri: request.document.uri)))
            }
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws -> [TextReplacement] {
        []  // Command-only actions: nothing to resolve.
    }
}

/// A "Render illustration" lens above each directive.
struct IllustrateCodeLenses: CodeLensProvider {
    func codeLenses(in document: DocumentSnapshot) async -> [ProposedCodeLens] {
        IllustrationDirective.all(in: document).map { directive in
            ProposedCodeLens(span: directive.span,
                             command: CommandReference(title: IllustrateCodeActions.title, command: IllustrateRenderActions.command,
                                                       arguments: directive.commandArguments(uri: document.uri)))
        }
    }
}
