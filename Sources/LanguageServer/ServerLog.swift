import Foundation

/// Server log: stderr by default, or a file. Never stdout, which carries JSON-RPC.
public final class ServerLog: @unchecked Sendable {
    public enum Level: Int, Sendable, Comparable {
        case error = 1, warning, info, debug
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var label: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .info: "info"
            case .debug: "debug"
            }
        }
    }

    private let lock = NSLock()
    private let handle: FileHandle?
    private var lines: [String]?
    public let level: Level

    /// Logs to `path` (appending) when given and writable, else to stderr.
    public init(path: String? = nil, level: Level = .info) {
        self.level = level
        if let path {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            if let file = FileHandle(forWritingAtPath: path) {
                file.seekToEndOfFile()
                handle = file
                return
            }
        }
        handle = FileHandle.standardError
    }

    /// A log that keeps its lines in memory (tests read them back).
    public init(capturing level: Level = .debug) {
        self.level = level
        handle = nil
        lines = []
    }

    public var capturedLines: [String] {
        lock.lock(); defer { lock.unlock() }
        return lines ?? []
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard level <= self.level else { return }
        let line = "[tenor \(level.label)] \(message())"
        lock.lock(); defer { lock.unlock() }
        if lines != nil {
            lines?.append(line)
        } else {
            handle?.write(Data((line + "\n").utf8))
        }
    }

    public func error(_ m: @autoclosure () -> String) { log(.error, m()) }
    public func warning(_ m: @autoclosure () -> String) { log(.warning, m()) }
    public func info(_ m: @autoclosure () -> String) { log(.info, m()) }
    public func debug(_ m: @autoclosure () -> String) { log(.debug, m()) }
}
