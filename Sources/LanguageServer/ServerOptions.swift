import Foundation

/// How the server is started (command-line level; per-workspace settings come from `.tenor.toml`
/// and the client).
public struct ServerOptions: Sendable {
    /// Messages with a larger Content-Length are refused without being read into memory.
    public var maxMessageBytes: Int
    /// Log file; nil logs to stderr.
    public var logFile: String?
    public var logLevel: ServerLog.Level
    /// Reported as `serverInfo.version` (the executable passes its own version).
    public var version: String

    public static let defaultMaxMessageBytes = 64 << 20

    public init(maxMessageBytes: Int = ServerOptions.defaultMaxMessageBytes, logFile: String? = nil,
                logLevel: ServerLog.Level = .info, version: String = LanguageServer.version) {
        self.maxMessageBytes = maxMessageBytes
        self.logFile = logFile
        self.logLevel = logLevel
        self.version = version
    }
}

/// Position encodings the server can speak (LSP 3.17 `PositionEncodingKind`).
public enum PositionEncodingKind: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    /// UTF-8 when the client offers it (fewer conversions for most editors), else the mandatory UTF-16.
    static func negotiate(offered: [String]) -> PositionEncodingKind {
        offered.contains(PositionEncodingKind.utf8.rawValue) ? .utf8 : .utf16
    }
}
