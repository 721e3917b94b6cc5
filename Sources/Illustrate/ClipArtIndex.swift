import Foundation
import Models
import TensorMath

/// Clip art found by meaning: every openclipart PNG with its title and keywords and an
/// all-MiniLM-L6-v2 embedding of `ClipArtMetadata.sentence`, kept in the model folder under
/// `clipart-index/` as two files written once by `build` and memory-mapped by `load`:
///
///     vectors.f16   16-byte header: "TCLIPF16" (8 bytes ASCII), count (UInt32 LE), dimension (UInt32 LE);
///                   then count × dimension IEEE binary16 LE, each row L2-normalised, in entry order.
///     entries.tsv   line 1: "root<TAB>/absolute/png/folder"; then one line per clip:
///                   "relative/path.png<TAB>title<TAB>keyword, keyword, ..." (tabs and newlines removed from fields).
public struct ClipArtIndex: Sendable {
    public struct Entry: Sendable, Equatable {
        public let path: String
        public let title: String
        public let keywords: [String]
    }

    public struct Match: Sendable {
        public let entry: Entry
        public let index: Int
        public let score: Float
    }

    public static let folderName = "clipart-index"
    static let magic = Array("TCLIPF16".utf8)
    static let headerSize = 16
    /// Where Debian's openclipart-png and openclipart-svg put their files.
    public static let debianPNGRoot = "/usr/share/openclipart/png"
    public static let debianSVGRoot = "/usr/share/openclipart/svg"

    public let root: String
    public let entries: [Entry]
    public let dimension: Int
    let vectors: Data

    public var count: Int { entries.count }

    public static func folder(in modelsDirectory: URL) -> URL { modelsDirectory.appendingPathComponent(folderName) }

    public static func exists(in modelsDirectory: URL) -> Bool {
        let folder = folder(in: modelsDirectory)
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("vectors.f16").path)
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent("entries.tsv").path)
    }

    public static func load(from modelsDirectory: URL) throws -> ClipArtIndex {
        let folder = folder(in: modelsDirectory)
        let vectorURL = folder.appendingPathComponent("vectors.f16"), entriesURL = folder.appendingPathComponent("entries.tsv")
        let vectors: Data
        do { vectors = try Data(contentsOf: vectorURL, options: .alwaysMapped) } catch {
            throw IllustrationError("cannot read \(vectorURL.path): \(error.localizedDescription)")
        }
        guard vectors.count >= headerSize, Array(vectors.prefix(8)) == magic else { throw IllustrationError("\(vectorURL.path) is not a clip-art index") }
        let count = Int(vectors.readLittleEndianUInt32(at: 8)), dimension = Int(vectors.readLittleEndianUInt32(at: 12))
        guard dimension > 0, dimension <= 4096, count <= 10_000_000,
              vectors.count == headerSize + count * dimension * 2 else {
            throw IllustrationError("\(vectorURL.path): size does not match its header (\(count) × \(dimension))")
        }
        guard let text = try? String(contentsOf: entriesURL, encoding: .utf8) else { throw IllustrationError("cannot read \(entriesURL.path)") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first.hasPrefix("root\t") else { throw IllustrationError("\(entriesURL.path): missing root line") }
        let root = String(first.dropFirst(5))
        lines.removeFirst()
        guard lines.count == count else { throw IllustrationError("\(entriesURL.path) has \(lines.count) entries, vectors.f16 has \(count)") }
        let entries = lines.map { line -> Entry in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let keywords = fields.count > 2 ? fields[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            return Entry(path: String(fields[0]), title: fields.count > 1 ? String(fields[1]) : "", keywords: keywords)
        }
        return ClipArtIndex(root: root, entries: entries, dimension: dimension, vectors: vectors)
    }

    public func absolutePath(of entry: Entry) -> String { (root as NSString).appendingPathComponent(entry.path) }

    /// The `limit` best clips for a query vector (L2-normalised), by cosine similarity plus a
    /// small bonus when `headWord` is the title or one of the keywords: the encoder alone ranks
    /// "fox" clips tagged "animal, wild" about as high as ones titled "fox".
    public func search(_ query: [Float], headWord: String?, limit: Int) -> [Match] {
        guard query.count == dimension, count > 0 else { return [] }
        var scores = [Float](repeating: 0, count: count)
        vectors.withUnsafeBytes { raw in
            let base = raw.baseAddress.map { $0 + Self.headerSize }
            guard let base else { return }
            for row in 0..<count {
                var dot: Float = 0
                let rowStart = base + row * dimension * 2
                for k in 0..<dimension {
                    let bits = UInt16(rowStart.load(fromByteOffset: 2 * k, as: UInt8.self))
                        | UInt16(rowStart.load(fromByteOffset: 2 * k + 1, as: UInt8.self)) << 8
                    dot += float16ToFloat(bits) * query[k]
                }
                scores[row] = dot
            }
        }
        if let head = headWord?.lowercased(), !head.isEmpty {
            for (row, entry) in entries.enumerated() where Self.names(entry, head) { scores[row] += 0.1 }
        }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return order.prefix(limit).map { Match(entry: entries[$0], index: $0, score: scores[$0]) }
    }

    static func names(_ entry: Entry, _ word: String) -> Bool {
        let singular = word.hasSuffix("s") && word.count > 3 ? String(word.dropLast()) : word
        func matches(_ text: String) -> Bool {
            SceneDescription.words(of: text).contains { $0 == word || $0 == singular }
        }
        return matches(entry.title) || entry.keywords.contains { matches($0) }
    }
}

extension ClipArtIndex {
    /// Reads every PNG under `pngRoot` with the metadata of its SVG twin under `svgRoot`, embeds
    /// the sentences and writes the two files (through temporary names, so a reader never sees
    /// half an index). Files with the same name in several folders are indexed once.
    public static func build(pngRoot: String, svgRoot: String, encoder: SentenceEncoder, modelsDirectory: URL,
                             progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        let fileManager = FileManager.default
        guard let walker = fileManager.enumerator(atPath: pngRoot) else { throw IllustrationError("cannot list \(pngRoot)") }
        var relativePaths: [String] = []
        while let next = walker.nextObject() as? String { if next.hasSuffix(".png") { relativePaths.append(next) } }
        relativePaths.sort()
        var seenNames = Set<String>()
        var entries: [Entry] = [], sentences: [String] = []
        for relative in relativePaths {
            let name = (relative as NSString).lastPathComponent
            guard !seenNames.contains(name) else { continue }
            let svgPath = (svgRoot as NSString).appendingPathComponent((relative as NSString).deletingPathExtension + ".svg")
            var metadata = ClipArtMetadata(title: "", description: "", keywords: [])
            if let data = fileManager.contents(atPath: svgPath), let parsed = ClipArtMetadata(svg: String(decoding: data, as: UTF8.self)) {
                metadata = parsed
            }
            // No title: the file name, minus the uploader suffix, is the next best words.
            if metadata.title.isEmpty { metadata.title = (name as NSString).deletingPathExtension.replacingOccurrences(of: "_", with: " ") }
            // The folder names (animals/birds) are keywords too.
            let folders = (relative as NSString).deletingLastPathComponent.split(separator: "/").map(String.init)
            metadata.keywords += folders.filter { !metadata.keywords.contains($0) }
            seenNames.insert(name)
            entries.append(Entry(path: relative, title: metadata.title, keywords: metadata.keywords))
            sentences.append(metadata.sentence)
        }
        guard !entries.isEmpty else { throw IllustrationError("no PNG files under \(pngRoot)") }

        var vectorBytes = magic
        vectorBytes += littleEndian(UInt32(entries.count)) + littleEndian(UInt32(encoder.dimension))
        vectorBytes.reserveCapacity(headerSize + entries.count * encoder.dimension * 2)
        let batch = 128
        var done = 0
        while done < sentences.count {
            let slice = Array(sentences[done..<min(done + batch, sentences.count)])
            for vector in encoder.embedUncached(slice) {
                let norm = max(vector.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
                for v in vector { let h = floatToFloat16(v / norm); vectorBytes += [UInt8(h & 0xFF), UInt8(h >> 8)] }
            }
            done += slice.count
            progress(done, sentences.count)
        }
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
        var tsv = "root\t\(pngRoot)\n"
        for entry in entries {
            tsv += "\(clean(entry.path))\t\(clean(entry.title))\t\(entry.keywords.map { clean($0).replacingOccurrences(of: ",", with: " ") }.joined(separator: ", "))\n"
        }
        let folder = folder(in: modelsDirectory)
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        let suffix = ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let vectorURL = folder.appendingPathComponent("vectors.f16"), entriesURL = folder.appendingPathComponent("entries.tsv")
        try Data(vectorBytes).write(to: URL(fileURLWithPath: vectorURL.path + suffix))
        try Data(tsv.utf8).write(to: URL(fileURLWithPath: entriesURL.path + suffix))
        // entries.tsv last: load checks the counts agree, so a crash between the renames is caught.
        _ = try? fileManager.removeItem(at: vectorURL)
        try fileManager.moveItem(atPath: vectorURL.path + suffix, toPath: vectorURL.path)
        _ = try? fileManager.removeItem(at: entriesURL)
        try fileManager.moveItem(atPath: entriesURL.path + suffix, toPath: entriesURL.path)
        return entries.count
    }

    static func littleEndian(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}

extension Data {
    func readLittleEndianUInt32(at offset: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(self[self.startIndex + offset + k]) << (8 * k) }
        return v
    }
}
