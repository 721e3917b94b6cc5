import Foundation

/// The settings in force: the check setup plus the server's own options.
struct ServerSettings: Sendable {
    var provider: any DiagnosticsProvider
    var debounceMilliseconds: Int
    /// Base against which a finding's `documentation` path ("docs/rules.md#…") is resolved.
    var docsBaseURL: URL?
    /// Increases with every reload; part of pull-diagnostic result ids.
    var generation: Int

    static let initial = ServerSettings(provider: NoFindings(), debounceMilliseconds: 300,
                                        docsBaseURL: defaultDocsBaseURL, generation: 0)

    /// The directory holding `docs/` for this installation: a source checkout the binary was built in
    /// (`<root>/.build/<config>/tenor`), or `<prefix>/share/tenor` next to `<prefix>/bin/tenor`.
    static let defaultDocsBaseURL: URL? = {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let fileManager = FileManager.default
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            let share = directory.deletingLastPathComponent().appendingPathComponent("share/tenor")
            if fileManager.fileExists(atPath: share.appendingPathComponent("docs").path) {
                return share.appendingPathComponent("", isDirectory: true)
            }
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               fileManager.fileExists(atPath: directory.appendingPathComponent("docs").path) {
                return directory.appendingPathComponent("", isDirectory: true)
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

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
