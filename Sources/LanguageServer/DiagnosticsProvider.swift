import Foundation
import Checks

/// What the server needs from the checking layer. The default wraps Checks' engine; tests and
/// embedders can supply their own.
public protocol DiagnosticsProvider: Sendable {
    func findings(in document: DocumentSnapshot) -> [Finding]
}

/// A provider that finds nothing (before any configuration is loaded).
public struct NoFindings: DiagnosticsProvider {
    public init() {}
    public func findings(in document: DocumentSnapshot) -> [Finding] { [] }
}

/// The checking setup for one configuration: built from the workspace root and the merged client
/// settings (initializationOptions, then `workspace/configuration`).
public struct CheckSetup: Sendable {
    public var provider: any DiagnosticsProvider
    public var debounceMilliseconds: Int
    /// The configured message size limit; nil keeps the server's.
    public var maxMessageBytes: Int?
    /// Problems with the configuration, shown to the user.
    public var warnings: [String]
    /// The merged configuration, for features beyond checks (rewrite styles, illustration folder).
    public var configuration: Configuration
    /// Features that could not start (a damaged model): shown once per session with `window/showMessage`.
    public var unavailable: [String] = []

    public init(provider: any DiagnosticsProvider, debounceMilliseconds: Int = 300, maxMessageBytes: Int? = nil,
                warnings: [String] = [], configuration: Configuration = Configuration()) {
        self.provider = provider; self.debounceMilliseconds = debounceMilliseconds
        self.maxMessageBytes = maxMessageBytes; self.warnings = warnings; self.configuration = configuration
    }
}

public typealias CheckSetupFactory = @Sendable (_ workspaceRoot: URL?, _ settings: JSONValue) -> CheckSetup
