import Foundation
import Checks

/// Diagnostics: debounced push (`textDocument/publishDiagnostics`) or, when the client supports it,
/// pull (`textDocument/diagnostic`). A result is only ever published for the version it was computed
/// from, checked while no edit can be applied.
extension LanguageServer {
    /// The most UTF-8 bytes of a document that are checked: 256 KiB, about 100 pages or 2,500 sentences,
    /// which the tone rules' score cache (4,096 sentences) still holds, so re-checks after an edit stay cheap.
    static let maximumCheckedBytes = 256 << 10

    /// Re-checks `uri` after the debounce delay, replacing any check still pending for it.
    func scheduleCheck(uri: String, immediately: Bool = false) {
        let (settings, pull) = withState { ($0.settings, $0.client.pullDiagnostics) }
        // Pull clients ask when they want results; computing ahead would be wasted on fast typing.
        if pull { return }
        let delay = immediately ? 0 : max(0, settings.debounceMilliseconds)
        let task = Task { [self] in
            if delay > 0 {
                try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000)
            }
            guard !Task.isCancelled, let snapshot = documents.snapshot(uri: uri),
                  let diagnostics = await computeDiagnostics(snapshot, settings: settings),
                  !Task.isCancelled else { return }
            publishIfCurrent(snapshot, generation: settings.generation, diagnostics: diagnostics)
        }
        withState {
            $0.pendingChecks[uri]?.cancel()
            $0.pendingChecks[uri] = task
        }
    }

    func cancelPendingChecks() {
        let tasks = withState { state -> [Task<Void, Never>] in
            defer { state.pendingChecks.removeAll() }
            return Array(state.pendingChecks.values)
        }
        for task in tasks { task.cancel() }
    }

    /// Runs the provider on a GCD thread: checks are synchronous CPU work (later, model inference) and
    /// must not occupy the few cooperative threads that answer requests.
    ///
    /// A document over `maximumCheckedBytes` is checked up to a paragraph (or line) break before that size
    /// and the user is told once: checking 10 MB of prose with the models would hold a core for an hour,
    /// for findings nobody scrolls to. The prefix keeps the document's offsets, so ranges stay right.
    ///
    /// Waits its turn at `checkGate` first; nil when cancelled while waiting (a newer version is coming).
    func computeDiagnostics(_ snapshot: DocumentSnapshot, settings: ServerSettings) async -> [JSONValue]? {
        guard await checkGate.enter() else { return nil }
        defer { checkGate.leave() }
        let provider = settings.provider
        let checked = snapshot.prefix(maximumUTF8Bytes: Self.maximumCheckedBytes)
        if checked.text.utf8.count < snapshot.text.utf8.count {
            let name = URL(string: snapshot.uri)?.lastPathComponent ?? snapshot.uri
            showMessageOnce("Tenor: \(name) is larger than \(Self.maximumCheckedBytes >> 10) KiB; only its first "
                            + "\(checked.text.utf8.count / 1024) KiB (to a paragraph break) are checked.", type: 3)
        }
        let findings = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: provider.findings(in: checked))
            }
        }
        let encoding = self.encoding
        return findings.map { DiagnosticEncoding.diagnostic($0, in: snapshot, encoding: encoding, docsBase: settings.docsBaseURL) }
    }

    /// Publishes (push mode) and caches, but only if `snapshot` is still the document's version and the
    /// settings have not been reloaded since: edits wait for this check, so a stale result cannot slip out.
    @discardableResult
    func publishIfCurrent(_ snapshot: DocumentSnapshot, generation: Int, diagnostics: [JSONValue]) -> CachedDiagnostics? {
        documents.whileUnchanged { open -> CachedDiagnostics? in
            // The text too: a client that edits without bumping the version must not get stale results.
            guard let current = open[snapshot.uri], current.version == snapshot.version, current.text == snapshot.text else {
                log.debug("dropped diagnostics for \(snapshot.uri) version \(snapshot.version) (document changed)")
                return nil
            }
            let entry = CachedDiagnostics(version: snapshot.version, generation: generation, diagnostics: diagnostics)
            let push: Bool? = withState {
                guard $0.settings.generation == generation else { return nil }
                $0.diagnosticsCache[snapshot.uri] = entry
                return !$0.client.pullDiagnostics
            }
            guard let push else {
                log.debug("dropped diagnostics for \(snapshot.uri) (settings changed)")
                return nil
            }
            if push {
                connection.sendNotification("textDocument/publishDiagnostics", [
                    "uri": .string(snapshot.uri), "version": .int(snapshot.version), "diagnostics": .array(diagnostics),
                ])
            }
            return entry
        }
    }

    /// `textDocument/diagnostic`: a full report, or `unchanged` when the client already has this result.
    func pullDiagnostics(_ context: RequestContext) async throws -> JSONValue {
        guard let snapshot = context.document else {
            return ["kind": "full", "items": []]
        }
        let settings = self.settings
        let cached = withState { $0.diagnosticsCache[snapshot.uri] }
        var entry: CachedDiagnostics
        if let cached, cached.version == snapshot.version, cached.generation == settings.generation {
            entry = cached
        } else {
            let computed = await computeDiagnostics(snapshot, settings: settings)
            try Task.checkCancellation()
            guard let diagnostics = computed else { throw CancellationError() }
            entry = CachedDiagnostics(version: snapshot.version, generation: settings.generation, diagnostics: diagnostics)
            publishIfCurrent(snapshot, generation: settings.generation, diagnostics: diagnostics)
        }
        if context.params?["previousResultId"]?.stringValue == entry.resultID {
            return ["kind": "unchanged", "resultId": .string(entry.resultID)]
        }
        return ["kind": "full", "resultId": .string(entry.resultID), "items": .array(entry.diagnostics)]
    }

    /// After a settings change: re-check every open document (push) or ask the client to pull again.
    func recheckOpenDocuments() {
        let client = self.client
        if client.pullDiagnostics {
            if client.diagnosticRefresh {
                Task { [self] in _ = try? await sendRequest("workspace/diagnostic/refresh", .null) }
            }
            return
        }
        for uri in documents.openURIs { scheduleCheck(uri: uri, immediately: true) }
    }
}

/// Findings as LSP `Diagnostic`s. `data` carries what code actions need, so a code action request
/// can be answered from the diagnostic the client sends back.
enum DiagnosticEncoding {
    static func diagnostic(_ finding: Finding, in snapshot: DocumentSnapshot, encoding: PositionEncodingKind,
                           docsBase: URL?) -> JSONValue {
        var members: [String: JSONValue] = [
            "range": snapshot.range(of: finding.span, encoding: encoding),
            "severity": .int(finding.severity.rawValue),
            "source": "tenor",
            "code": .string(finding.rule),
            "message": .string(finding.message),
            "data": [
                "uri": .string(snapshot.uri),
                "version": .int(snapshot.version),
                "rule": .string(finding.rule),
                "span": span(finding.span),
                "fixes": .array(finding.fixes.map(fix)),
            ],
        ]
        if let href = documentationURL(finding.documentation, base: docsBase) {
            members["codeDescription"] = ["href": .string(href)]
        }
        return .object(members)
    }

    static func documentationURL(_ documentation: String?, base: URL?) -> String? {
        guard let documentation, !documentation.isEmpty else { return nil }
        if let url = URL(string: documentation), url.scheme != nil { return documentation }
        guard let base else { return nil }
        let relative = documentation.hasPrefix("/") ? String(documentation.dropFirst()) : documentation
        return URL(string: relative, relativeTo: base)?.absoluteString
    }

    static func span(_ span: TextSpan) -> JSONValue { ["start": .int(span.start), "end": .int(span.end)] }

    static func span(from json: JSONValue?) -> TextSpan? {
        guard let start = json?["start"]?.intValue, let end = json?["end"]?.intValue, start >= 0, end >= start else {
            return nil
        }
        return TextSpan(start: start, end: end)
    }

    static func fix(_ fix: Fix) -> JSONValue {
        var members: [String: JSONValue] = [
            "title": .string(fix.title),
            "isPreferred": .bool(fix.isPreferred),
            "replacements": .array(fix.replacements.map {
                ["span": span($0.span), "newText": .string($0.newText)]
            }),
        ]
        if let lazy = fix.lazyKind { members["lazyKind"] = .string(lazy) }
        return .object(members)
    }

    static func fix(from json: JSONValue) -> Fix? {
        guard let title = json["title"]?.stringValue else { return nil }
        var replacements: [TextReplacement] = []
        for item in json["replacements"]?.arrayValue ?? [] {
            guard let span = span(from: item["span"]), let text = item["newText"]?.stringValue else { return nil }
            replacements.append(TextReplacement(span: span, newText: text))
        }
        return Fix(title: title, replacements: replacements, lazyKind: json["lazyKind"]?.stringValue,
                   isPreferred: json["isPreferred"]?.boolValue ?? false)
    }
}
