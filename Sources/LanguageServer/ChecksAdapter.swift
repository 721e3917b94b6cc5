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

/// The check setup: `.tenor.toml` at the workspace root, overlaid by the client's settings.
public enum ChecksAdapter {
    /// Keys the server reads itself; the rest goes to `Configuration`, which warns about unknown keys.
    static let serverOnlyKeys: Set<String> = ["docsBaseURL"]

    /// Built-in rules only (model-backed rules live above this layer and come in through `factory(extraRules:)`).
    static let defaultFactory: CheckSetupFactory = factory(extraRules: { _ in [] })

    /// `extraRules` adds rules that depend on the configuration, such as the tone rules.
    public static func factory(extraRules: @escaping @Sendable (Configuration) -> [any Rule]) -> CheckSetupFactory {
        factory(loadingRules: { LoadedRules(rules: extraRules($0)) })
    }

    /// Like `factory(extraRules:)`, for rules whose loading can fail (a damaged model): the failures
    /// reach the user once (`CheckSetup.unavailable`) and the other rules keep working.
    public static func factory(loadingRules: @escaping @Sendable (Configuration) -> LoadedRules) -> CheckSetupFactory {
        { root, settings in
            let (fileConfiguration, fileWarnings) = Configuration.load(workspaceRoot: root)
            var clientSettings = settings.objectValue ?? [:]
            for key in serverOnlyKeys { clientSettings.removeValue(forKey: key) }
            let foundation = JSONValue.object(clientSettings).foundationObject as? [String: Any] ?? [:]
            let (configuration, settingsWarnings) = fileConfiguration.merging(settings: foundation)
            let loaded = loadingRules(configuration)
            let engine = CheckEngine(configuration: configuration, rules: CheckEngine.builtinRules + loaded.rules)
            var setup = CheckSetup(provider: CheckEngineProvider(engine: engine),
                                   debounceMilliseconds: configuration.debounceMilliseconds,
                                   maxMessageBytes: configuration.maxMessageBytes,
                                   warnings: fileWarnings + settingsWarnings.map { "client settings: \($0)" },
                                   configuration: configuration)
            setup.unavailable = loaded.problems
            return setup
        }
    }
}

/// Rules loaded from models, and what could not be loaded (each problem names the file at fault).
public struct LoadedRules: Sendable {
    public var rules: [any Rule]
    public var problems: [String]

    public init(rules: [any Rule], problems: [String] = []) {
        self.rules = rules; self.problems = problems
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
