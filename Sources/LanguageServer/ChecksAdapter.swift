import Foundation
import Checks
import Prose

/// Runs Checks' engine on a document.
struct CheckEngineProvider: DiagnosticsProvider {
    let engine: CheckEngine

    func findings(in document: DocumentSnapshot) -> [Finding] {
        engine.check(ProseDocument(text: document.text, format: DocumentFormat(languageId: document.languageId)))
    }
}

/// The default check setup: `.tenor.toml` at the workspace root, overlaid by the client's settings.
enum ChecksAdapter {
    /// Keys the server reads itself; the rest goes to `Configuration`, which warns about unknown keys.
    static let serverOnlyKeys: Set<String> = ["docsBaseURL"]

    static let defaultFactory: CheckSetupFactory = { root, settings in
        let (fileConfiguration, fileWarnings) = Configuration.load(workspaceRoot: root)
        var clientSettings = settings.objectValue ?? [:]
        for key in serverOnlyKeys { clientSettings.removeValue(forKey: key) }
        let foundation = JSONValue.object(clientSettings).foundationObject as? [String: Any] ?? [:]
        let (configuration, settingsWarnings) = fileConfiguration.merging(settings: foundation)
        return CheckSetup(provider: CheckEngineProvider(engine: CheckEngine(configuration: configuration)),
                          debounceMilliseconds: configuration.debounceMilliseconds,
                          maxMessageBytes: configuration.maxMessageBytes,
                          warnings: fileWarnings + settingsWarnings.map { "client settings: \($0)" })
    }
}

extension JSONValue {
    /// The value as Foundation/Swift objects (`[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`).
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let b): b
        case .int(let i): i
        case .double(let d): d
        case .string(let s): s
        case .array(let items): items.map(\.foundationObject)
        case .object(let members): members.mapValues(\.foundationObject)
        }
    }
}
