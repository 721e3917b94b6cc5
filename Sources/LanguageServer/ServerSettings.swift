import Foundation
import Checks

/// The settings in force: the check setup plus the server's own options.
struct ServerSettings: Sendable {
    var provider: any DiagnosticsProvider
    var debounceMilliseconds: Int
    /// Base against which a finding's `documentation` path ("docs/rules.md#…") is resolved.
    var docsBaseURL: URL?
    /// Increases with every reload; part of pull-diagnostic result ids.
    var generation: Int
    var configuration = Configuration()

    static let initial = ServerSettings(provider: NoFindings(), debounceMilliseconds: 300,
                                        docsBaseURL: defaultDocsBaseURL, generation: 0)

    /// The repository's docs, as `tenor check` links them; `docsBaseURL` (e.g. a file:// checkout) overrides.
    static let defaultDocsBaseURL = URL(string: "https://github.com/tenor-lsp/tenor/blob/main/")

    /// Reads the server's own keys from the `tenor` settings object.
    static func docsBaseURL(from settings: JSONValue) -> URL? {
        guard let text = settings["docsBaseURL"]?.stringValue, !text.isEmpty else { return defaultDocsBaseURL }
        let withSlash = text.hasSuffix("/") ? text : text + "/"
        if let url = URL(string: withSlash), url.scheme != nil { return url }
        return URL(fileURLWithPath: withSlash, isDirectory: true)
    }
}

/// Diagnostics computed for one version of one document under one settings generation.
struct CachedDiagnostics: Sendable {
    var version: Int
    var generation: Int
    var diagnostics: [JSONValue]

    var resultID: String { "\(generation)-\(version)" }
}

/// How a finding's documentation path becomes a link, so `tenor check` links exactly as the server does.
public enum DocumentationLinks {
    public static func url(for documentation: String?) -> String? {
        DiagnosticEncoding.documentationURL(documentation, base: ServerSettings.defaultDocsBaseURL)
    }
}
