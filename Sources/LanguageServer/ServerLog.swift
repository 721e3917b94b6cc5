import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Server log: stderr by default, or a file. Never stdout, which carries JSON-RPC.
/// Writes with write(2): a closed stderr (the editor went away) must not crash the server, and
/// FileHandle.write traps on errors.
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
    private let fd: Int32?
    private let ownsFD: Bool
    private var lines: [String]?
    public let level: Level

    /// Logs to `path` (appending) when given and writable, else to stderr.
    public init(path: String? = nil, level: Level = .info) {
        self.level = level
        if let path {
            let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if opened >= 0 {
                fd = opened
                ownsFD = true
                return
            }
        }
        fd = STDERR_FILENO
        ownsFD = false
        if let path { log(.warning, "cannot open log file \(path) (errno \(errno)); logging to stderr") }
    }

    /// A log that keeps its lines in memory (tests read them back).
    public init(capturing level: Level = .debug) {
        self.level = level
        fd = nil
        ownsFD = false
        lines = []
    }

    deinit {
        if ownsFD, let fd { close(fd) }
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
            return
        }
        guard let fd else { return }
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }  // nowhere to log to; carry on without
                offset += n
            }
        }
    }

    public func error(_ m: @autoclosure () -> String) { log(.error, m()) }
    public func warning(_ m: @autoclosure () -> String) { log(.warning, m()) }
    public func info(_ m: @autoclosure () -> String) { log(.info, m()) }
    public func debug(_ m: @autoclosure () -> String) { log(.debug, m()) }
}
