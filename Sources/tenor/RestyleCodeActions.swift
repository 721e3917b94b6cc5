import Checks
import Foundation
import LanguageServer
import RemoteEngine
import Restyle

/// "Rewrite: <style>" code actions for a non-empty selection. Listing them runs no model; the rewrite
/// is computed when one is resolved (the server refuses the edit if the document changed meanwhile,
/// and offers a resolve-and-apply command to clients without resolve support).
struct RestyleCodeActions: CodeActionProvider {
    let restyler: RestylerLoader
    /// The styles in force: read per request, so user styles from `.tenor.toml` or the client's settings
    /// (`[styles.NAME]`) apply as soon as the configuration changes.
    let styles: @Sendable () -> [RestyleStyle]

    /// Built-in styles plus the user styles of `configuration`.
    static func styles(in configuration: Configuration) -> [RestyleStyle] {
        StyleCatalog.merged(userStyles: configuration.styles.map {
            RestyleStyle(userStyle: $0.key, instruction: $0.value.instruction, examples: $0.value.examples)
        })
    }

    var identifier: String { "tenor.restyle" }
    var kinds: [String] { ["refactor.rewrite"] }

    static let proseLanguages: Set<String> = ["markdown", "plaintext", "text", "mdx", "quarto", "rmd"]

    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction] {
        guard request.selection.length > 0, request.wants(kind: "refactor.rewrite"),
              Self.proseLanguages.contains(request.document.languageId),
              let selected = Self.text(request.document.text, in: request.selection),
              selected.contains(where: \.isLetter) else { return [] }
        return styles().map { style in
            ProposedCodeAction(
                title: "Rewrite: \(style.name)", kind: "refactor.rewrite",
                payload: .object(["style": .string(style.name), "start": .int(request.selection.start),
                                  "end": .int(request.selection.end)]))
        }
    }

    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws
        -> [TextReplacement] {
        guard let name = payload["style"]?.stringValue, let style = styles().first(where: { $0.name == name }),
              let start = payload["start"]?.intValue, let end = payload["end"]?.intValue, start < end,
              let selected = Self.text(document.text, in: TextSpan(start: start, end: end)) else { return [] }
        await progress.begin(title: "Rewrite: \(name)", percentage: 0, cancellable: true)
        do {
            let restyler = try await restyler.restyler()
            let result = try await restyler.rewrite(selected, style: style) { done, total in
                progress.report(message: "\(done)/\(total) parts", percentage: total > 0 ? 100 * done / total : 100)
            }
            // An endpoint that failed (the local model answered instead) is said in the same message.
            let fallback = await (restyler.generator as? RemoteRewriteGenerator)?.takeNotice()
            let notices = [fallback, result.notice ?? (result.text == selected ? "nothing to change" : nil)].compactMap { $0 }
            progress.end(message: notices.isEmpty ? nil : notices.joined(separator: "; "))
            guard result.text != selected else { return [] }
            return [TextReplacement(span: TextSpan(start: start, end: end), newText: result.text)]
        } catch {
            progress.end(message: error is CancellationError ? "cancelled" : "failed")
            throw error
        }
    }

    /// The text at UTF-16 offsets `span`, or nil when the span is outside the document.
    static func text(_ document: String, in span: TextSpan) -> String? {
        let utf16 = document.utf16
        guard span.start >= 0, span.end <= utf16.count, span.start <= span.end else { return nil }
        let lower = utf16.index(utf16.startIndex, offsetBy: span.start)
        let upper = utf16.index(lower, offsetBy: span.end - span.start)
        return String(utf16[lower..<upper])
    }
}

/// The model-backed restyler (decoder, encoder meaning, tone judge), loaded on the first rewrite rather
/// than at server start, off the cooperative threads, and kept for the server's lifetime (the decoder's
/// cache of the shared prompt prefix with it). It is loaded again when the configured model or models
/// folder changes. When the model cannot be loaded the rewrite fails with a message naming what to install,
/// and the next rewrite tries again.
actor RestylerLoader {
    typealias Setting = (directory: String?, model: String?, endpoint: RemoteEngineConfiguration?)
    private let setting: @Sendable () -> Setting
    private var loaded: (key: String, task: Task<Restyler, any Error>)?

    init(setting: @escaping @Sendable () -> Setting) { self.setting = setting }

    func restyler() async throws -> Restyler {
        let (directory, model, endpoint) = setting()
        let key = "\(directory ?? "")|\(model ?? "")|\(endpoint.map { "\($0)" } ?? "")"
        if let loaded, loaded.key == key {
            do { return try await loaded.task.value } catch { self.loaded = nil; throw error }
        }
        let task = Task<Restyler, any Error> {
            try await runOffCooperativeThreads {
                try RestyleModels.makeRestyler(modelsDirectory: directory, model: model, threads: 2, endpoint: endpoint)
            }
        }
        loaded = (key, task)
        do { return try await task.value } catch {
            loaded = nil
            printError("rewrite: the rewrite model could not be loaded: \(error)")
            throw error
        }
    }
}
