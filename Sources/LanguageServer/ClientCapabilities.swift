/// The parts of the client's `ClientCapabilities` the server acts on.
struct ClientCapabilities: Sendable {
    var positionEncodings: [String] = []
    /// `textDocument.diagnostic`: the client pulls diagnostics, so the server does not push them.
    var pullDiagnostics = false
    var diagnosticRefresh = false
    var publishDiagnosticsVersion = false
    var workDoneProgress = false
    var configuration = false
    var didChangeConfigurationRegistration = false
    var watchedFilesRegistration = false
    var applyEdit = false
    var documentChanges = false
    /// The client resolves code actions lazily and lets `codeAction/resolve` fill in `edit`.
    var codeActionResolveEdit = false
    var codeActionLiterals = false
    var showMessage = true

    init() {}

    init(json: JSONValue?) {
        guard let json else { return }
        positionEncodings = json.value(at: "general", "positionEncodings")?.arrayValue?.compactMap(\.stringValue) ?? []
        let text = json["textDocument"]
        pullDiagnostics = text?["diagnostic"]?.objectValue != nil
        publishDiagnosticsVersion = text?.value(at: "publishDiagnostics", "versionSupport")?.boolValue ?? false
        let resolveProperties = text?.value(at: "codeAction", "resolveSupport", "properties")?.arrayValue ?? []
        codeActionResolveEdit = resolveProperties.contains(.string("edit"))
        codeActionLiterals = text?.value(at: "codeAction", "codeActionLiteralSupport")?.objectValue != nil
        workDoneProgress = json.value(at: "window", "workDoneProgress")?.boolValue ?? false
        let workspace = json["workspace"]
        configuration = workspace?["configuration"]?.boolValue ?? false
        didChangeConfigurationRegistration =
            workspace?.value(at: "didChangeConfiguration", "dynamicRegistration")?.boolValue ?? false
        watchedFilesRegistration = workspace?.value(at: "didChangeWatchedFiles", "dynamicRegistration")?.boolValue ?? false
        applyEdit = workspace?["applyEdit"]?.boolValue ?? false
        documentChanges = workspace?.value(at: "workspaceEdit", "documentChanges")?.boolValue ?? false
        diagnosticRefresh = workspace?.value(at: "diagnostics", "refreshSupport")?.boolValue ?? false
    }
}
