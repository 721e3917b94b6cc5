import Foundation
import Checks

/// `workspace/executeCommand` and server-initiated edits (`workspace/applyEdit`).
extension LanguageServer {
    func registerBuiltInCommands() {
        // Resolves a lazy code action and applies it, for clients without `codeAction/resolve` support.
        registerCommand(Self.resolveAndApplyCommand) { invocation in
            guard let data = invocation.arguments.first else {
                throw ResponseError.invalidParams("\(invocation.command) needs the action's data")
            }
            let server = invocation.server
            let (document, edits) = try await server.resolveLazyEdits(data: data, progress: invocation.progress)
            let applied = try await server.applyEdit(label: "Tenor", document: document, replacements: edits)
            return ["applied": .bool(applied)]
        }
    }

    func executeCommand(_ context: RequestContext) async throws -> JSONValue {
        guard let name = context.params?["command"]?.stringValue else {
            throw ResponseError.invalidParams("workspace/executeCommand needs a command")
        }
        guard let handler = extensions.command(name) else {
            throw ResponseError.invalidParams("unknown command \(name)")
        }
        let progress = self.progress(for: context)
        defer { progress.end() }
        let invocation = CommandInvocation(command: name, arguments: context.params?["arguments"]?.arrayValue ?? [],
                                           server: self, progress: progress)
        return try await handler(invocation)
    }

    /// Asks the client to apply `replacements` (UTF-16 spans of `document`). The edit names the document's
    /// version, so the client refuses it if the text changed; it is not even sent if the server already
    /// knows of a newer version. Returns whether the client applied it.
    public func applyEdit(label: String, document: DocumentSnapshot, replacements: [TextReplacement]) async throws -> Bool {
        guard client.applyEdit else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "the client does not support workspace/applyEdit")
        }
        guard documents.snapshot(uri: document.uri)?.version == document.version else {
            throw ResponseError.contentModified("\(document.uri) changed; edit not applied")
        }
        let edit = workspaceEdit(document: document, replacements: replacements, encoding: encoding, client: client)
        let answer = try await sendRequest("workspace/applyEdit", ["label": .string(label), "edit": edit])
        let applied = answer["applied"]?.boolValue ?? false
        if !applied {
            log.info("client did not apply edit to \(document.uri): \(answer["failureReason"]?.stringValue ?? "no reason given")")
        }
        return applied
    }

    /// A `WorkspaceEdit` for one document. Uses `documentChanges` with the document's version when the
    /// client supports it (the edit cannot land on changed text); plain `changes` otherwise.
    func workspaceEdit(document: DocumentSnapshot, replacements: [TextReplacement], encoding: PositionEncodingKind,
                       client: ClientCapabilities) -> JSONValue {
        let edits: [JSONValue] = replacements.map {
            ["range": document.range(of: $0.span, encoding: encoding), "newText": .string($0.newText)]
        }
        if client.documentChanges {
            return ["documentChanges": [[
                "textDocument": ["uri": .string(document.uri), "version": .int(document.version)],
                "edits": .array(edits),
            ]]]
        }
        return ["changes": [document.uri: .array(edits)]]
    }
}
