import Foundation
import Models
import TensorMath

/// Clip art found by meaning: every openclipart PNG with its title and keywords and an
/// all-MiniLM-L6-v2 embedding of `ClipArtMetadata.sentence`, kept in the model folder under
/// `clipart-index/` as two files written once by `build` and memory-mapped by `load`:
///
///     vectors.f16   16-byte header: "TCLIPF16" (8 bytes ASCII), count (UInt32 LE), dimension (UInt32 LE);
///                   then count × dimension IEEE binary16 LE, each row L2-normalised, in entry order.
///     entries.tsv   line 1: "root<TAB>/absolute/png/folder" (or a folder relative to the index's); then one line per clip:
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
        /// Cosine similarity plus the bonuses of `search`.
        public let score: Float
        /// The subject's head noun (or its plural) is a whole word of the clip's path, title or keywords.
        public let headMatched: Bool

        /// Cosine similarity (with bonuses) above which a clip counts as the subject even when no word of
        /// its path, title or keywords is the subject's head noun.
        public static let confidentScore: Float = 0.6
        /// Whether the clip may be drawn for the subject: it names the head noun, or the encoder is sure.
        public var isConfident: Bool { headMatched || score >= Self.confidentScore }
    }

    /// Compounds whose head noun alone is another kind of thing.
    static let headMisleads = [
        "hot air balloon", "air balloon", "teddy bear", "hot dog", "sea horse", "sea lion", "guinea pig", "rocking horse",
        "fire fly", "dragon fly", "lady bird", "bell pepper", "sea star", "sea cow", "spider plant", "paper plane",
    ]

    public static let folderName = "clipart-index"
    static let magic = Array("TCLIPF16".utf8)
    static let headerSize = 16
    /// Where Debian's openclipart-png and openclipart-svg put their files.
    public static let debianPNGRoot = "/usr/share/openclipart/png"
    public static let debianSVGRoot = "/usr/share/openclipart/svg"

    public let root: String
    public let dimension: Int
    let vectors: Data
    /// entries.tsv, lower-cased (ASCII), and where each entry's line starts and ends: entries
    /// are parsed only when asked for, so loading is two memory mappings and one pass for the
    /// line ends (a few milliseconds for 7,000 clips, where parsing every line took 50).
    let text: [UInt8]
    let lowered: [UInt8]
    let lines: [Range<Int>]

    public var count: Int { lines.count }

    /// The index's folder in the model folder: `clipart-index`, or `emoji-index` (`EmojiClips`), which has the same format.
    public static func folder(in modelsDirectory: URL, named name: String = folderName) -> URL { modelsDirectory.appendingPathComponent(name) }

    public static func exists(in modelsDirectory: URL, named name: String = folderName) -> Bool {
        let folder = folder(in: modelsDirectory, named: name)
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("vectors.f16").path)
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent("entries.tsv").path)
    }

    public static func load(from modelsDirectory: URL, named name: String = folderName) throws -> ClipArtIndex {
        let folder = folder(in: modelsDirectory, named: name)
        let vectorURL = folder.appendingPathComponent("vectors.f16"), entriesURL = folder.appendingPathComponent("entries.tsv")
        let vectors: Data, entries: Data
        do {
            vectors = try Data(contentsOf: vectorURL, options: .alwaysMapped)
            entries = try Data(contentsOf: entriesURL, options: .alwaysMapped)
        } catch {
            throw IllustrationError("cannot read \(folder.path): \(error.localizedDescription)")
        }
        guard vectors.count >= headerSize, Array(vectors.prefix(8)) == magic else { throw IllustrationError("\(vectorURL.path) is not a clip-art index") }
        let count = Int(vectors.readLittleEndianUInt32(at: 8)), dimension = Int(vectors.readLittleEndianUInt32(at: 12))
        guard dimension > 0, dimension <= 4096, count <= 10_000_000,
              vectors.count == headerSize + count * dimension * 2 else {
            throw IllustrationError("\(vectorURL.path): size does not match its header (\(count) × \(dimension))")
        }
        let text = [UInt8](entries)
        var lines: [Range<Int>] = []
        lines.reserveCapacity(count + 1)
        var start = 0
        for (i, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            if i > start { lines.append(start..<i) }
            start = i + 1
        }
        if start < text.count { lines.append(start..<text.count) }
        let rootPrefix = Array("root\t".utf8)
        guard let first = lines.first, text[first].starts(with: rootPrefix) else { throw IllustrationError("\(entriesURL.path): missing root line") }
        // An absolute root (openclipart's folder), or one relative to the index folder (the emoji index's png/).
        let rootText = String(decoding: text[first].dropFirst(rootPrefix.count), as: UTF8.self)
        let root = rootText.hasPrefix("/") ? rootText : folder.appendingPathComponent(rootText).path
        lines.removeFirst()
        guard lines.count == count else { throw IllustrationError("\(entriesURL.path) has \(lines.count) entries, vectors.f16 has \(count)") }
        let lowered = text.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        return ClipArtIndex(root: root, dimension: dimension, vectors: vectors, text: text, lowered: lowered, lines: lines)
    }

    public func entry(_ index: Int) -> Entry {
        let fields = text[lines[index]].split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let keywords = fields.count > 2 ? fields[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
        return Entry(path: fields[0], title: fields.count > 1 ? fields[1] : "", keywords: keywords)
    }

    public func absolutePath(of entry: Entry) -> String { (root as NSString).appendingPathComponent(entry.path) }

    /// The clip's SVG twin: openclipart-svg's file of the same relative path beside the PNG folder
    /// (`/usr/share/openclipart/svg/…/x.svg` for `/usr/share/openclipart/png/…/x.png`).
    public func svgPath(of entry: Entry) -> String {
        let svgRoot = ((root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("svg")
        return (svgRoot as NSString).appendingPathComponent((entry.path as NSString).deletingPathExtension + ".svg")
    }

    /// The `limit` best clips for a query vector (L2-normalised), by cosine similarity plus 0.1 when the
    /// head noun of `name` (its last word, or that with a plural s) is a whole word of the entry's line
    /// (path, title, keywords), and 0.1 more when all of a compound `name` is there ("hot air balloon",
    /// "hot-air-balloon", "hotairballoon"): the encoder alone ranks "fox" clips tagged "animal, wild" about
    /// as high as ones titled "fox", and a party balloon as high as a hot air balloon. For the compounds whose
    /// head alone names another thing (`headMisleads`: a hot air balloon is no party balloon, a teddy bear no
    /// bear), only the whole compound counts as naming the subject.
    public func search(_ query: [Float], name: String?, limit: Int) -> [Match] {
        guard query.count == dimension, count > 0 else { return [] }
        var scores = [Float](repeating: 0, count: count)
        vectors.withUnsafeBytes { raw in
            guard let base = raw.baseAddress.map({ $0 + Self.headerSize }) else { return }
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
        var headMatched = [Bool](repeating: false, count: count)
        let words = (name ?? "").lowercased().split(separator: " ").map(String.init)
        if let head = words.last, head.count >= 2 {
            var heads = [Array(head.utf8), Array((head + "s").utf8), Array((head + "es").utf8)]
            if head.count > 3 && head.hasSuffix("s") { heads.append(Array(head.utf8.dropLast())) }
            let phrases = words.count > 1 ? [" ", "-", "_", ""].map { Array(words.joined(separator: $0).utf8) } : []
            let compound = Self.headMisleads.first { words.joined(separator: " ").hasSuffix($0) }
            let compoundPhrases = compound.map { c in [" ", "-", "_", ""].map { Array(c.split(separator: " ").joined(separator: $0).utf8) } } ?? []
            for row in 0..<count {
                if heads.contains(where: { containsWord($0, in: lines[row]) }) {
                    headMatched[row] = compound == nil || compoundPhrases.contains { containsWord($0, in: lines[row]) }
                    scores[row] += headMatched[row] ? 0.1 : 0
                }
                if phrases.contains(where: { containsWord($0, in: lines[row]) }) { scores[row] += 0.1 }
            }
        }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return order.prefix(limit).map { Match(entry: entry($0), index: $0, score: scores[$0], headMatched: headMatched[$0]) }
    }

    /// `word` (lower-case ASCII) in `range` of the lowered text with no letter either side.
    func containsWord(_ word: [UInt8], in range: Range<Int>) -> Bool {
        guard let first = word.first, range.count >= word.count else { return false }
        func isLetter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || b >= 128 }
        var i = range.lowerBound
        while i + word.count <= range.upperBound {
            if lowered[i] == first && lowered[i..<i + word.count].elementsEqual(word)
                && (i == range.lowerBound || !isLetter(lowered[i - 1]))
                && (i + word.count == range.upperBound || !isLetter(lowered[i + word.count])) { return true }
            i += 1
        }
        return false
    }
}

extension ClipArtIndex {
    /// Reads every PNG under `pngRoot` with the metadata of its SVG twin under `svgRoot`, embeds
    /// the sentences and writes the two files. Files with the same name in several folders are indexed once.
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
            // The file name often says what the picture is where the metadata does not (some
            // titles are a packaging mix-up, "Clipart by Nicu Buculei - piggybank" for rocket.png).
            let nameWords = SceneDescription.words(of: (name as NSString).deletingPathExtension).filter { $0.count >= 3 }
            if metadata.title.isEmpty || metadata.title.hasPrefix("Clipart by") { metadata.title = nameWords.joined(separator: " ") }
            metadata.keywords += nameWords.filter { !metadata.keywords.contains($0) }
            // The folder names (animals/birds) are keywords too.
            let folders = (relative as NSString).deletingLastPathComponent.split(separator: "/").map(String.init)
            metadata.keywords += folders.filter { !metadata.keywords.contains($0) }
            seenNames.insert(name)
            entries.append(Entry(path: relative, title: metadata.title, keywords: metadata.keywords))
            sentences.append(metadata.sentence)
        }
        guard !entries.isEmpty else { throw IllustrationError("no PNG files under \(pngRoot)") }
        try write(entries: entries, sentences: sentences, root: pngRoot, encoder: encoder, folder: folder(in: modelsDirectory), progress: progress)
        return entries.count
    }

    /// Embeds `sentences` (one per entry) and writes `vectors.f16` and `entries.tsv` into `folder`, through
    /// temporary names, so that a reader never sees half an index.
    static func write(entries: [Entry], sentences: [String], root: String, encoder: SentenceEncoder, folder: URL,
                      progress: (Int, Int) -> Void) throws {
        let fileManager = FileManager.default
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
        var tsv = "root\t\(root)\n"
        for entry in entries {
            tsv += "\(clean(entry.path))\t\(clean(entry.title))\t\(entry.keywords.map { clean($0).replacingOccurrences(of: ",", with: " ") }.joined(separator: ", "))\n"
        }
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
