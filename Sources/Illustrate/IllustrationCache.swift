import Foundation
import Models

/// Finished PNGs by a hash of everything that decides their bytes, so a second render of the
/// same request is a file read. Kept in `$XDG_CACHE_HOME/tenor/illustrations` (default
/// `~/.cache/tenor/illustrations`), at most `maximumEntries` files and `maximumBytes` bytes;
/// the least recently used go first. A failure to read or write the cache is never an error:
/// the picture is rendered instead.
public struct IllustrationCache: Sendable {
    public let directory: URL
    public static let maximumEntries = 200
    public static let maximumBytes = 256 << 20

    public init(directory: URL) { self.directory = directory }

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        CacheDirectory.named("illustrations", environment: environment)
    }

    /// SHA-256 over the request's fields, the pipeline version and the identity (path, size,
    /// modification time) of every file that feeds the picture; the style image by content.
    public static func key(request: IllustrationRequest, files: [String], pipelineVersion: String) -> String {
        var text = "tenor-illustration \(pipelineVersion)\n\(request.description)\n\(request.width)x\(request.height)\n\(request.seed)\n\(request.style ?? "")\n"
            + "plan \(request.planParser.rawValue)\n"
        if let styleImage = request.styleImagePath {
            text += "style-image \((try? SHA256Digest.hex(ofFileAt: styleImage)) ?? "unreadable \(styleImage)")\n"
        }
        for path in files {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            text += "\(path) \(size) \(modified)\n"
        }
        return SHA256Digest.hex(of: Data(text.utf8))
    }

    public struct Entry: Sendable, Codable {
        public var styleNames: [String]
        public var clipTitles: [String]
        /// The plan's JSON, its planner, and the subjects that had no clip.
        public var plan: String
        public var planParser: String
        public var missingSubjects: [String]
    }

    public func lookup(_ key: String) -> (png: [UInt8], entry: Entry)? {
        let pngURL = directory.appendingPathComponent(key + ".png"), jsonURL = directory.appendingPathComponent(key + ".json")
        guard let png = try? Data(contentsOf: pngURL), let json = try? Data(contentsOf: jsonURL),
              let entry = try? JSONDecoder().decode(Entry.self, from: json) else { return nil }
        // Touch: eviction goes by modification time.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: pngURL.path)
        return ([UInt8](png), entry)
    }

    public func store(_ key: String, png: [UInt8], entry: Entry) {
        let fileManager = FileManager.default
        guard (try? fileManager.createDirectory(at: directory, withIntermediateDirectories: true)) != nil,
              let json = try? JSONEncoder().encode(entry) else { return }
        let pngURL = directory.appendingPathComponent(key + ".png"), jsonURL = directory.appendingPathComponent(key + ".json")
        // JSON first: lookup needs both, so a reader never takes a half-written PNG for a hit.
        let partial = directory.appendingPathComponent(key + ".png.partial-\(ProcessInfo.processInfo.processIdentifier)")
        guard (try? json.write(to: jsonURL)) != nil, (try? Data(png).write(to: partial)) != nil else { return }
        _ = try? fileManager.removeItem(at: pngURL)
        _ = try? fileManager.moveItem(at: partial, to: pngURL)
        evict()
    }

    func evict() {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return }
        var pngs: [(name: String, modified: Date, size: Int)] = []
        for name in names where name.hasSuffix(".png") {
            let attributes = try? fileManager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            pngs.append((name, (attributes?[.modificationDate] as? Date) ?? .distantPast, (attributes?[.size] as? NSNumber)?.intValue ?? 0))
        }
        pngs.sort { $0.modified != $1.modified ? $0.modified > $1.modified : $0.name < $1.name }
        var total = 0
        for (rank, png) in pngs.enumerated() {
            total += png.size
            if rank >= Self.maximumEntries || total > Self.maximumBytes {
                let stem = String(png.name.dropLast(4))
                _ = try? fileManager.removeItem(at: directory.appendingPathComponent(png.name))
                _ = try? fileManager.removeItem(at: directory.appendingPathComponent(stem + ".json"))
            }
        }
    }
}
