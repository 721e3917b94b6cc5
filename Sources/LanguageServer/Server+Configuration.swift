import Foundation

/// Settings: `.tenor.toml` at the workspace root, overlaid by `initializationOptions`, overlaid by the
/// client's `workspace/configuration` section `tenor`. Any change re-checks the open documents.
extension LanguageServer {
    /// Rebuilds the check setup from the current sources. `recheck` re-checks open documents.
    func reloadSettings(recheck: Bool) {
        let (root, initializationOptions, clientSettings) = withState {
            ($0.workspaceRoot, $0.initializationOptions, $0.clientSettings)
        }
        let merged = Self.tenorSection(initializationOptions).merging(Self.tenorSection(clientSettings))
        let setup = checkSetupFactory(root, merged)
        let docsBase = ServerSettings.docsBaseURL(from: merged)
        let generation = withState { state -> Int in
            state.settings = ServerSettings(provider: setup.provider, debounceMilliseconds: setup.debounceMilliseconds,
                                            docsBaseURL: docsBase, generation: state.settings.generation + 1,
                                            configuration: setup.configuration)
            state.diagnosticsCache.removeAll()
            return state.settings.generation
        }
        // An explicit --max-message-bytes wins over the configuration.
        if let limit = setup.maxMessageBytes, options.maxMessageBytes == ServerOptions.defaultMaxMessageBytes {
            connection.maxMessageBytes = limit
        }
        for warning in setup.warnings {
            log.warning("configuration: \(warning)")
            logMessage("Tenor configuration: \(warning)", type: 2)
        }
        for problem in setup.unavailable { showMessageOnce(problem) }
        log.info("settings loaded (generation \(generation), debounce \(setup.debounceMilliseconds) ms)")
        if recheck { recheckOpenDocuments() }
    }

    /// Settings may arrive as `{ "tenor": { … } }` or as the section itself.
    static func tenorSection(_ value: JSONValue) -> JSONValue {
        if let section = value["tenor"], section.objectValue != nil { return section }
        return value.objectValue != nil ? value : [:]
    }

    /// Pulls section `tenor` with `workspace/configuration` (after `initialized`, and when the client
    /// signals a change without sending the settings).
    func pullClientSettings() async {
        var item: [String: JSONValue] = ["section": "tenor"]
        if let root = workspaceRoot { item["scopeUri"] = .string(root.absoluteString) }
        do {
            let answer = try await sendRequest("workspace/configuration", ["items": [.object(item)]])
            let section = answer[0] ?? .null
            withState { $0.clientSettings = section.isNull ? .null : section }
            reloadSettings(recheck: true)
        } catch {
            log.warning("workspace/configuration failed: \(error)")
        }
    }

    func didChangeConfiguration(params: JSONValue?) {
        let settings = params?["settings"] ?? .null
        if let section = settings["tenor"], section.objectValue != nil {
            withState { $0.clientSettings = section }
            reloadSettings(recheck: true)
        } else if client.configuration {
            // The pull model: the notification only says "something changed".
            Task { await pullClientSettings() }
        } else {
            if settings.objectValue != nil { withState { $0.clientSettings = settings } }
            reloadSettings(recheck: true)
        }
    }

    func didChangeWatchedFiles(params: JSONValue?) {
        let changes = params?["changes"]?.arrayValue ?? []
        let touchesConfiguration = changes.contains { $0["uri"]?.stringValue?.hasSuffix("/.tenor.toml") ?? false }
        if touchesConfiguration {
            log.info(".tenor.toml changed; reloading")
            reloadSettings(recheck: true)
        }
    }

    /// Dynamic registrations after `initialized`: a watcher for `.tenor.toml` and, for clients that only
    /// send `didChangeConfiguration` when asked, that notification for section `tenor`.
    func registerDynamicCapabilities() async {
        let client = self.client
        var registrations: [JSONValue] = []
        if client.watchedFilesRegistration {
            registrations.append([
                "id": "tenor-config-watcher",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": [["globPattern": "**/.tenor.toml"]]],
            ])
        }
        if client.didChangeConfigurationRegistration {
            registrations.append([
                "id": "tenor-configuration",
                "method": "workspace/didChangeConfiguration",
                "registerOptions": ["section": "tenor"],
            ])
        }
        guard !registrations.isEmpty else { return }
        do {
            _ = try await sendRequest("client/registerCapability", ["registrations": .array(registrations)])
        } catch {
            log.info("client refused dynamic registrations: \(error)")
        }
    }
}
