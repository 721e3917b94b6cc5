import Foundation
import Checks

/// `textDocument/codeAction` and `codeAction/resolve`: quick fixes from the findings' fixes (eager
/// ones carry their edit, lazy ones are resolved on demand) plus whatever registered providers offer
/// for the selection.
extension LanguageServer {
    static let resolveAndApplyCommand = "tenor.resolveAndApply"

    func codeActions(_ context: RequestContext) async throws -> JSONValue {
        guard let document = context.document, let params = context.params else { return [] }
        let encoding = self.encoding
        let client = self.client
        let only = params.value(at: "context", "only")?.arrayValue?.compactMap(\.stringValue)
        let selection = params["range"].flatMap { document.span(of: $0, encoding: encoding) }
            ?? TextSpan(start: 0, end: 0)
        let request = CodeActionRequest(document: document, selection: selection, only: only)
        var actions: [JSONValue] = []

        if request.wants(kind: "quickfix") {
            for diagnostic in params.value(at: "context", "diagnostics")?.arrayValue ?? [] {
                actions += quickFixes(for: diagnostic, in: document, encoding: encoding, client: client)
            }
        }
        for provider in extensions.codeActionProviders where provider.kinds.contains(where: request.wants(kind:)) {
            try Task.checkCancellation()
            for proposed in await provider.codeActions(for: request) where request.wants(kind: proposed.kind) {
                let data: JSONValue = [
                    "uri": .string(document.uri), "version": .int(document.version),
                    "provider": .string(provider.identifier), "payload": proposed.payload,
                ]
                if proposed.edits == nil, let command = proposed.command {
                    actions.append(["title": .string(proposed.title), "kind": .string(proposed.kind),
                                    "command": command.json])
                    continue
                }
                actions.append(codeAction(title: proposed.title, kind: proposed.kind, isPreferred: proposed.isPreferred,
                                          diagnostics: nil, edits: proposed.edits, lazyData: data,
                                          document: document, encoding: encoding, client: client))
            }
        }
        return .array(actions)
    }

    private func quickFixes(for diagnostic: JSONValue, in document: DocumentSnapshot, encoding: PositionEncodingKind,
                            client: ClientCapabilities) -> [JSONValue] {
        guard diagnostic["source"]?.stringValue == "tenor",
              let data = diagnostic["data"] ?? cachedData(matching: diagnostic, in: document) else { return [] }
        // Fix spans are offsets into the version the diagnostic was computed for.
        guard data["version"]?.intValue == document.version else {
            log.debug("code action for a diagnostic of an older version of \(document.uri); skipped")
            return []
        }
        let rule = data["rule"]?.stringValue ?? ""
        let span = DiagnosticEncoding.span(from: data["span"]) ?? TextSpan(start: 0, end: 0)
        var actions: [JSONValue] = []
        for fixJSON in data["fixes"]?.arrayValue ?? [] {
            guard let fix = DiagnosticEncoding.fix(from: fixJSON) else { continue }
            if let lazyKind = fix.lazyKind {
                guard extensions.fixResolver(lazyKind: lazyKind) != nil else {
                    log.debug("no resolver registered for lazy fix \(lazyKind)")
                    continue
                }
                let lazyData: JSONValue = [
                    "uri": .string(document.uri), "version": .int(document.version), "rule": .string(rule),
                    "span": DiagnosticEncoding.span(span), "fix": fixJSON,
                ]
                actions.append(codeAction(title: fix.title, kind: "quickfix", isPreferred: fix.isPreferred,
                                          diagnostics: [diagnostic], edits: nil, lazyData: lazyData,
                                          document: document, encoding: encoding, client: client))
            } else {
                actions.append(codeAction(title: fix.title, kind: "quickfix", isPreferred: fix.isPreferred,
                                          diagnostics: [diagnostic], edits: fix.replacements, lazyData: .null,
                                          document: document, encoding: encoding, client: client))
            }
        }
        return actions
    }

    /// For clients that drop `data`: the cached diagnostic of the current version with the same code and range.
    private func cachedData(matching diagnostic: JSONValue, in document: DocumentSnapshot) -> JSONValue? {
        let cached = withState { $0.diagnosticsCache[document.uri] }
        guard let cached, cached.version == document.version else { return nil }
        return cached.diagnostics.first {
            $0["code"] == diagnostic["code"] && $0["range"] == diagnostic["range"]
        }?["data"]
    }

    private func codeAction(title: String, kind: String, isPreferred: Bool, diagnostics: [JSONValue]?,
                            edits: [TextReplacement]?, lazyData: JSONValue, document: DocumentSnapshot,
                            encoding: PositionEncodingKind, client: ClientCapabilities) -> JSONValue {
        var action: [String: JSONValue] = ["title": .string(title), "kind": .string(kind)]
        if isPreferred { action["isPreferred"] = true }
        if let diagnostics { action["diagnostics"] = .array(diagnostics) }
        if let edits {
            action["edit"] = workspaceEdit(document: document, replacements: edits, encoding: encoding, client: client)
        } else {
            action["data"] = lazyData
            // Clients that cannot resolve an action's edit run a command that resolves and applies it.
            if !client.codeActionResolveEdit {
                action["command"] = ["title": .string(title), "command": .string(Self.resolveAndApplyCommand),
                                     "arguments": [lazyData]]
            }
        }
        return .object(action)
    }

    /// `codeAction/resolve`: fills in `edit` for a lazy action.
    func resolveCodeAction(_ context: RequestContext) async throws -> JSONValue {
        guard case .object(var action) = context.params ?? .null else {
            throw ResponseError.invalidParams("codeAction/resolve needs a code action")
        }
        // Clients that support resolve (Neovim 0.7) resolve every action that lacks an edit, including
        // command-only ones: those come back as they are, and the client runs their command.
        guard action["edit"] == nil, let data = action["data"], !data.isNull else {
            if action["edit"] == nil, action["command"] == nil {
                throw ResponseError.invalidParams("codeAction/resolve needs a code action with data")
            }
            return .object(action)
        }
        let progress = self.progress(for: context)
        defer { progress.end() }
        let (document, edits) = try await resolveLazyEdits(data: data, progress: progress)
        action["edit"] = workspaceEdit(document: document, replacements: edits, encoding: encoding, client: client)
        return .object(action)
    }

    /// Computes the edits a lazy action's `data` stands for, against the document's current version
    /// (which must still be the version the action was offered for).
    func resolveLazyEdits(data: JSONValue, progress: WorkDoneProgress) async throws -> (DocumentSnapshot, [TextReplacement]) {
        guard let uri = data["uri"]?.stringValue, let version = data["version"]?.intValue else {
            throw ResponseError.invalidParams("code action data lacks uri/version")
        }
        guard let document = documents.snapshot(uri: uri) else {
            throw ResponseError.invalidParams("\(uri) is not open")
        }
        guard document.version == version else {
            throw ResponseError.contentModified("\(uri) changed since the action was offered")
        }
        if let identifier = data["provider"]?.stringValue {
            guard let provider = extensions.provider(identifier: identifier) else {
                throw ResponseError.invalidParams("unknown code action provider \(identifier)")
            }
            let edits = try await provider.resolve(payload: data["payload"] ?? .null, in: document, progress: progress)
            return (document, edits)
        }
        guard let fixJSON = data["fix"], let fix = DiagnosticEncoding.fix(from: fixJSON), let lazyKind = fix.lazyKind,
              let resolver = extensions.fixResolver(lazyKind: lazyKind) else {
            throw ResponseError.invalidParams("code action data names no resolvable fix")
        }
        let span = DiagnosticEncoding.span(from: data["span"]) ?? TextSpan(start: 0, end: 0)
        let request = LazyFixRequest(fix: fix, rule: data["rule"]?.stringValue ?? "", span: span,
                                     document: document, progress: progress)
        return (document, try await resolver(request))
    }
}
