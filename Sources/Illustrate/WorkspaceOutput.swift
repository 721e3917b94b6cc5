import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct WorkspaceOutputError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where Tenor may write files of its own (illustrations): inside the workspace folder only.
///
/// - Paths from settings and directives (`illustrate.output-dir`, `file:`) must be relative and free of
///   `..`; they are taken relative to the workspace folder.
/// - Each folder on the way is resolved (symbolic links followed, `realpath`) and must still lie inside
///   the resolved workspace folder, so a link cannot lead a write outside it. Missing folders are created
///   one at a time, each checked the same way.
/// - An existing file is replaced only if it is a regular file (not a link) that Tenor wrote: a PNG whose
///   `tEXt` chunk `Software` is `Tenor`.
/// - Files are written to a temporary name in the same folder, then renamed over the target, so a reader
///   never sees half a file.
public struct WorkspaceOutput: Sendable {
    /// The workspace folder with symbolic links resolved.
    public let root: String

    /// The `tEXt` chunk that marks a PNG as written by Tenor.
    public static let softwareKey = "Software"
    public static let softwareValue = "Tenor"

    /// Fails when there is no workspace folder (the client sent neither `workspaceFolders` nor `rootUri`)
    /// or it cannot be resolved to an existing directory.
    public init(workspaceRoot: URL?) throws {
        guard let workspaceRoot, workspaceRoot.isFileURL else {
            throw WorkspaceOutputError("no workspace folder is known (the editor sent no rootUri or workspaceFolders), so Tenor does not know where it may write; open a folder or project")
        }
        guard let resolved = Self.realPath(workspaceRoot.path), Self.isDirectory(resolved) else {
            throw WorkspaceOutputError("the workspace folder \(workspaceRoot.path) does not exist or is not a directory")
        }
        root = resolved
    }

    /// The components of a workspace-relative path given by the user; refuses absolute paths, `~`,
    /// `..` and control characters. `what` names the setting in messages.
    public static func relativeComponents(_ path: String, what: String) throws -> [String] {
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw WorkspaceOutputError("\(what) must be a path relative to the workspace folder, not \(path)")
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw WorkspaceOutputError("\(what) contains control characters")
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            .filter { $0 != "." }
        if components.contains("..") {
            throw WorkspaceOutputError("\(what) must not contain '..' (files stay inside the workspace): \(path)")
        }
        return components
    }

    /// The file `file` (a name, or a relative path) inside `folder` (relative to the workspace folder),
    /// creating missing folders. Every folder on the way is checked to resolve inside the workspace.
    public func destination(folder: String, file: String) throws -> URL {
        let folderComponents = try Self.relativeComponents(folder, what: "the illustrations folder")
        var fileComponents = try Self.relativeComponents(file, what: "the file name")
        guard let name = fileComponents.popLast() else { throw WorkspaceOutputError("the file name is empty") }
        guard name.lowercased().hasSuffix(".png"), name.count > 4 else {
            throw WorkspaceOutputError("the file name must end in .png: \(name)")
        }
        var directory = root
        for component in folderComponents + fileComponents {
            let next = directory + "/" + component
            if !Self.exists(next) {
                if mkdir(next, 0o755) != 0, errno != EEXIST {
                    throw WorkspaceOutputError("cannot create folder \(next): \(String(cString: strerror(errno)))")
                }
            }
            guard let resolved = Self.realPath(next), Self.isDirectory(resolved) else {
                throw WorkspaceOutputError("\(next) is not a folder (or a link that leads nowhere)")
            }
            guard contains(resolved) else {
                throw WorkspaceOutputError("\(next) leads outside the workspace (to \(resolved)); Tenor writes only inside \(root)")
            }
            directory = resolved
        }
        return URL(fileURLWithPath: directory + "/" + name)
    }

    /// Whether `path` (already resolved) is the workspace folder or inside it.
    public func contains(_ path: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// Throws unless `url` is absent, or a regular file (not a link) that Tenor wrote.
    public func checkReplaceable(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return }
            throw WorkspaceOutputError("cannot inspect \(url.path): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            throw WorkspaceOutputError("\(url.path) is a symbolic link; Tenor does not write through links")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw WorkspaceOutputError("\(url.path) exists and is not a regular file")
        }
        guard Self.isTenorFile(path: url.path) else {
            throw WorkspaceOutputError("\(url.path) exists and was not written by Tenor; Tenor will not replace it (give the directive another `file:` or remove the file)")
        }
    }

    /// A PNG whose `Software` text chunk says Tenor.
    public static func isTenorFile(path: String) -> Bool {
        guard let chunks = PNGTextChunks.read(path: path) else { return false }
        return chunks.contains { $0.key == softwareKey && $0.value == softwareValue }
    }

    /// Writes `bytes` to `url` (a path from `destination`) atomically: a new temporary file in the same
    /// folder, flushed, then renamed over the target. Refuses targets `checkReplaceable` refuses.
    public func write(_ bytes: [UInt8], to url: URL) throws {
        let directory = url.deletingLastPathComponent().path
        guard let resolved = Self.realPath(directory), contains(resolved) else {
            throw WorkspaceOutputError("\(directory) is not inside the workspace \(root)")
        }
        try checkReplaceable(url)
        let temporary = resolved + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WorkspaceOutputError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); return
                }
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil {
            // Checked again right before the rename: the window for a swap is as small as it can be here.
            do { try checkReplaceable(url) } catch { unlink(temporary); throw error }
            if rename(temporary, resolved + "/" + url.lastPathComponent) != 0 { failure = String(cString: strerror(errno)) }
        }
        if let failure {
            unlink(temporary)
            throw WorkspaceOutputError("cannot write \(url.path): \(failure)")
        }
    }

    /// `file` relative to `directory` (both absolute), with `..` where needed: the target of a Markdown link.
    public static func relativePath(from directory: String, to file: String) -> String {
        let from = directory.split(separator: "/").map(String.init)
        let to = file.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    /// `realpath(3)`: the absolute path with every symbolic link resolved; nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
