import Foundation

/// Text document synchronisation (`textDocument/didOpen`, `didChange`, `didSave`, `didClose`).
extension LanguageServer {
    func didOpen(params: JSONValue?) {
        guard let item = params?["textDocument"], let uri = item["uri"]?.stringValue,
              let text = item["text"]?.stringValue else {
            log.warning("didOpen without textDocument.uri/text; ignored")
            return
        }
        let languageId = item["languageId"]?.stringValue ?? "plaintext"
        let version = item["version"]?.intValue ?? 0
        _ = documents.open(uri: uri, languageId: languageId, version: version, text: text)
        log.debug("opened \(uri) (\(languageId), version \(version), \(text.utf16.count) UTF-16 units)")
        // No typing to wait out on open: check right away.
        scheduleCheck(uri: uri, immediately: true)
    }

    func didChange(params: JSONValue?) {
        guard let uri = params?.value(at: "textDocument", "uri")?.stringValue else {
            log.warning("didChange without textDocument.uri; ignored")
            return
        }
        let changes = params?["contentChanges"]?.arrayValue ?? []
        let version = params?.value(at: "textDocument", "version")?.intValue
        guard documents.change(uri: uri, version: version, changes: changes, encoding: encoding) != nil else { return }
        scheduleCheck(uri: uri)
    }

    func didSave(params: JSONValue?) {
        guard let uri = params?.value(at: "textDocument", "uri")?.stringValue else { return }
        // Saving does not change the text we hold, so there is nothing to re-check.
        if documents.snapshot(uri: uri) == nil { log.debug("didSave for unopened \(uri)") }
    }

    func didClose(params: JSONValue?) {
        guard let uri = params?.value(at: "textDocument", "uri")?.stringValue else { return }
        guard documents.close(uri: uri) else {
            log.warning("didClose for \(uri), which is not open; ignored")
            return
        }
        let pull = withState {
            $0.pendingChecks.removeValue(forKey: uri)?.cancel()
            $0.diagnosticsCache.removeValue(forKey: uri)
            return $0.client.pullDiagnostics
        }
        // Closed documents keep no diagnostics in the editor.
        if !pull { connection.sendNotification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []]) }
    }
}
