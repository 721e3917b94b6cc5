import Checks
import Dispatch
import Foundation
import Illustrate
import LanguageServer

/// `workspace/executeCommand` `tenor.illustrate`, arguments `[{uri, position}]` or `[{uri, range}]`:
/// renders the `<!-- illustrate: … -->` directive at that place into a PNG inside the workspace
/// (`illustrate.output-dir`, default `assets/illustrations/`) and puts `![description](path.png)` on
/// the line after it, or replaces the image line Tenor put there before. Answers
/// `{path, uri, link, applied, width, height, seconds}`.
///
/// Runs beside the document's other requests (rendering takes seconds); the link is applied with the
/// server's versioned edit, so it never lands on text that changed meanwhile. Failures answer an LSP
/// error and are shown with `window/showMessage`.
enum IllustrateRenderActions {
    static let command = "tenor.illustrate"

    static func register(on server: LanguageServer) {
        server.registerCommand(command, offDocumentQueue: true) { invocation in
            do {
                return try await run(invocation)
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as ResponseError {
                if error.code != ErrorCode.requestCancelled {
                    invocation.server.showMessage("Tenor: illustration not rendered: \(error.message)", type: 1)
                }
                throw error
            } catch {
                invocation.server.showMessage("Tenor: illustration not rendered: \(error)", type: 1)
                throw ResponseError(code: ErrorCode.requestFailed, message: "\(error)")
            }
        }
    }

    static func run(_ invocation: CommandInvocation) async throws -> JSONValue {
        let server = invocation.server
        guard let argument = invocation.arguments.first, let uri = argument["uri"]?.stringValue else {
            throw ResponseError.invalidParams("\(command) needs [{uri, position}] or [{uri, range}]")
        }
        guard let document = server.document(uri: uri) else {
            throw ResponseError.invalidParams("\(uri) is not open")
        }
        let offset: Int? = if let position = argument["position"] {
            server.utf16Offset(of: position, in: document)
        } else if let range = argument["range"] {
            server.span(of: range, in: document)?.start
        } else {
            nil
        }
        guard let offset else { throw ResponseError.invalidParams("\(command) needs a position or a range") }
        guard let directive = IllustrationDirective.at(offset: offset, in: document) else {
            throw ResponseError.invalidParams("there is no <!-- illustrate: … --> directive there")
        }
        let configuration = server.configuration
        let plan = try IllustrationPlan(directive: directive, workspaceRoot: server.workspaceRoot,
                                        outputFolder: configuration.illustrationsDirectory)
        // Refuse before spending seconds on rendering.
        try plan.output.checkReplaceable(plan.destination)

        let progress = invocation.progress
        await progress.begin(title: "Illustrate", message: "\(plan.request.width)×\(plan.request.height): \(directive.description)",
                             percentage: 0, cancellable: true)
        let started = DispatchTime.now().uptimeNanoseconds
        let illustrator = Illustrator(modelsDirectory: configuration.modelsDirectory)
        let request = plan.request
        let illustration: Illustration
        // Set when the request is cancelled: the render stops at its next tile.
        let cancelled = CancellationFlag()
        do {
            // The PNG carries the Software=Tenor chunk that marks it as replaceable by a later render.
            illustration = try await withTaskCancellationHandler {
                try await runOffCooperativeThreads {
                    try illustrator.illustrate(request, progress: { message, percentage in
                        progress.report(message: message, percentage: percentage)
                    }, isCancelled: { cancelled.isSet })
                }
            } onCancel: {
                cancelled.set()
            }
        } catch {
            progress.end(message: error is CancellationError ? "cancelled" : "failed")
            throw error
        }
        try Task.checkCancellation()
        progress.report(message: "writing \(plan.workspacePath)", percentage: 90)
        try plan.output.write(illustration.png, to: plan.destination)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        let link = plan.link(fromDocument: uri)
        let replacement = plan.replacement(link: link, in: document)
        let applied: Bool
        do {
            applied = try await server.applyEdit(label: "Tenor: illustration", document: document, replacements: [replacement])
        } catch let error as ResponseError where error.code == ErrorCode.contentModified {
            progress.end(message: "written; the document changed, link not inserted")
            throw ResponseError.contentModified(
                "the illustration was written to \(plan.workspacePath), but the document changed while it was rendered; render again to insert the link")
        }
        let missing = illustration.missingSubjects.isEmpty ? "" : "; no clip for \(illustration.missingSubjects.joined(separator: ", "))"
        progress.end(message: "\(plan.workspacePath) (\(String(format: "%.1f", seconds)) s)\(missing)")
        server.logMessage("Tenor: illustration written to \(plan.workspacePath) in \(String(format: "%.1f", seconds)) s", type: 3)
        return [
            "path": .string(plan.workspacePath), "uri": .string(plan.destination.absoluteString), "link": .string(link),
            "applied": .bool(applied), "width": .int(request.width), "height": .int(request.height),
            "seconds": .double((seconds * 100).rounded() / 100),
        ]
    }
}

/// What one directive becomes: the render request from its options, and where the PNG goes.
struct IllustrationPlan {
    static let knownOptions = ["size", "seed", "style-image", "file"]

    let request: IllustrationRequest
    let output: WorkspaceOutput
    let destination: URL
    let description: String
    /// The directive in the document version the plan was made for.
    let directive: IllustrationDirective

    /// The PNG's path relative to the workspace folder (for messages).
    var workspacePath: String { WorkspaceOutput.relativePath(from: output.root, to: destination.path) }

    init(directive: IllustrationDirective, workspaceRoot: URL?, outputFolder: String) throws {
        self.directive = directive
        description = directive.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else { throw IllustrationError("the directive has no description") }
        if let unknown = directive.options.keys.sorted().first(where: { !Self.knownOptions.contains($0) }) {
            throw IllustrationError("unknown directive option '\(unknown)' (known: \(Self.knownOptions.joined(separator: ", ")))")
        }
        var request = IllustrationRequest(description: description)
        if let size = directive.options["size"] {
            let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2, let width = Int(parts[0].trimmingCharacters(in: .whitespaces)),
                  let height = Int(parts[1].trimmingCharacters(in: .whitespaces)),
                  IllustrationRequest.sideRange.contains(width), IllustrationRequest.sideRange.contains(height) else {
                throw IllustrationError("size must look like 512x512, each side \(IllustrationRequest.sideRange.lowerBound) to \(IllustrationRequest.sideRange.upperBound): \(size)")
            }
            (request.width, request.height) = (width, height)
        }
        if let seed = directive.options["seed"] {
            guard let value = UInt64(seed) else { throw IllustrationError("seed must be a whole number ≥ 0: \(seed)") }
            request.seed = value
        }
        output = try WorkspaceOutput(workspaceRoot: workspaceRoot)
        if let style = directive.options["style-image"] {
            // Read from the workspace only, like every path a document names.
            let components = try WorkspaceOutput.relativeComponents(style, what: "style-image")
            let path = ([output.root] + components).joined(separator: "/")
            guard let resolved = WorkspaceOutput.realPath(path), output.contains(resolved) else {
                throw IllustrationError("style-image \(style) does not exist inside the workspace")
            }
            request.styleImagePath = resolved
        }
        self.request = request
        let file = directive.options["file"] ?? Self.fileName(description: description, seed: request.seed)
        destination = try output.destination(folder: outputFolder, file: file)
    }

    /// `slug-hash.png`: readable, and stable for one description and seed, so rendering again replaces
    /// the same file.
    static func fileName(description: String, seed: UInt64) -> String {
        var slug = ""
        for scalar in description.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "illustration" }
        // FNV-1a, 64 bits, over the UTF-8 of "description\nseed"; 8 hex digits are plenty per folder.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(description)\n\(seed)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return slug + "-" + String(String(hash, radix: 16).suffix(8)) + ".png"
    }

    /// `![description](path)`, the path relative to the document's folder.
    func link(fromDocument uri: String) -> String {
        var target = destination.path
        if let url = URL(string: uri), url.isFileURL {
            let folder = url.deletingLastPathComponent().path
            target = WorkspaceOutput.relativePath(from: WorkspaceOutput.realPath(folder) ?? folder, to: destination.path)
        }
        if target.contains(where: { " ()<>".contains($0) }) { target = "<\(target)>" }
        var alt = ""
        for character in description {
            switch character {
            case "[", "]", "\\": alt += "\\\(character)"
            case "\n", "\r": alt += " "
            default: alt.append(character)
            }
        }
        return "![\(alt)](\(target))"
    }

    /// Replaces the line after the directive when it is an image line Tenor made for it (its target is this
    /// PNG, or a PNG that Tenor wrote); otherwise inserts a new line after the directive.
    func replacement(link: String, in document: DocumentSnapshot) -> TextReplacement {
        if let span = directive.nextLine, let text = directive.nextLineText, let target = Self.imageTarget(text) {
            let mine = link.hasSuffix("(\(target))") || link.hasSuffix("(<\(target)>)")
            let resolved = resolve(linkTarget: target, documentURI: document.uri)
            if mine || resolved.map(WorkspaceOutput.isTenorFile(path:)) == true {
                return TextReplacement(span: span, newText: link)
            }
        }
        let lineBreak = document.text.contains("\r\n") ? "\r\n" : "\n"
        let end = directive.lastLineEnd
        return TextReplacement(span: TextSpan(start: end, end: end), newText: lineBreak + link)
    }

    /// The target of a line that is only a Markdown image: `![alt](target)` or `![alt](<target>)`.
    static func imageTarget(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("!["), trimmed.hasSuffix(")"), let open = trimmed.range(of: "](", options: .backwards) else {
            return nil
        }
        var target = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return target.isEmpty ? nil : target
    }

    /// The file a relative link target names, if it resolves inside the workspace.
    private func resolve(linkTarget: String, documentURI: String) -> String? {
        guard !linkTarget.contains("://"), !linkTarget.hasPrefix("/"),
              let url = URL(string: documentURI), url.isFileURL else { return nil }
        let path = url.deletingLastPathComponent().path + "/" + linkTarget
        guard let resolved = WorkspaceOutput.realPath(path), output.contains(resolved) else { return nil }
        return resolved
    }
}
