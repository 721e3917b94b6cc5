import Foundation

/// Tenor's folders for things it can rebuild (pictures, prefilled prompt prefixes): `$XDG_CACHE_HOME/tenor/NAME`,
/// or `~/.cache/tenor/NAME`.
public enum CacheDirectory {
    public static func named(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("tenor").appendingPathComponent(name)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/tenor").appendingPathComponent(name)
    }
}
