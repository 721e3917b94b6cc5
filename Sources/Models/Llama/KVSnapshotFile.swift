import Foundation

/// A `KVSnapshot` as a file, so that a prompt prefix prefilled by one process serves the next (a CLI
/// command that plans one picture would otherwise prefill the same examples every time).
///
///     "TKVSNAP1" (8 bytes), layers, kvDim, token count (UInt32 LE each), the tokens (UInt32 LE each),
///     then keys and values as float32 LE, [layer][position][kvDim] each.
extension KVSnapshot {
    static let fileMagic = Array("TKVSNAP1".utf8)

    /// The snapshot's bytes in the layout above.
    public func fileBytes() -> [UInt8] {
        var out = Self.fileMagic
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        append(UInt32(layers))
        append(UInt32(kvDim))
        append(UInt32(tokens.count))
        for token in tokens { append(UInt32(truncatingIfNeeded: token)) }
        keys.withUnsafeBytes { out += $0 }
        values.withUnsafeBytes { out += $0 }
        return out
    }

    /// Reads bytes written by `fileBytes`; nil when they are not such a snapshot (wrong magic, sizes that
    /// do not add up). Whether it fits a context is checked by `LlamaContext.restore`.
    public init?(fileBytes data: Data) {
        let headerSize = Self.fileMagic.count + 12
        guard data.count >= headerSize, Array(data.prefix(Self.fileMagic.count)) == Self.fileMagic else { return nil }
        func word(_ offset: Int) -> Int {
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(data[data.startIndex + offset + k]) << (8 * k) }
            return Int(value)
        }
        let layers = word(8), kvDim = word(12), count = word(16)
        guard layers > 0, layers <= 1024, kvDim > 0, kvDim <= 65536, count <= 1 << 20 else { return nil }
        let floats = layers * count * kvDim
        guard data.count == headerSize + 4 * count + 8 * floats else { return nil }
        let tokens = (0..<count).map { word(headerSize + 4 * $0) }
        let start = data.startIndex + headerSize + 4 * count
        var keys = [Float](repeating: 0, count: floats), values = keys
        keys.withUnsafeMutableBytes { _ = data[start..<start + 4 * floats].copyBytes(to: $0) }
        values.withUnsafeMutableBytes { _ = data[(start + 4 * floats)..<(start + 8 * floats)].copyBytes(to: $0) }
        self.init(tokens: tokens, keys: keys, values: values, kvDim: kvDim, layers: layers)
    }
}

/// Prefilled prompt prefixes kept as files between processes, one per model file and prefix: a CLI command
/// or a freshly started server restores a style's or a planner's system turn and examples in milliseconds
/// instead of prefilling some 500 tokens again (seconds on two cores). Files are named by the SHA-256 of the
/// model file's path, size and modification time and of the prefix's tokens, so a changed model or prompt
/// never meets an old file; the newest `keep` files stay. Failures to read or write are ignored: the
/// prefix is then prefilled as usual.
public struct KVSnapshotFolder: Sendable {
    public let directory: URL
    public let keep: Int

    public init(directory: URL, keep: Int) {
        self.directory = directory
        self.keep = keep
    }

    /// The file that holds `tokens` prefilled by the model at `modelPath`.
    public func file(modelPath: String, tokens: [Int]) -> URL {
        let attributes = try? FileManager.default.attributesOfItem(atPath: modelPath)
        let identity = "\(modelPath)\n\((attributes?[.size] as? NSNumber)?.intValue ?? -1)\n"
            + "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)\n\(tokens.map(String.init).joined(separator: " "))"
        return directory.appendingPathComponent(SHA256Digest.hex(of: Data(identity.utf8)) + ".kv")
    }

    /// The prefix's keys and values, when the file holds exactly these tokens.
    public func load(modelPath: String, tokens: [Int]) -> KVSnapshot? {
        guard let data = try? Data(contentsOf: file(modelPath: modelPath, tokens: tokens), options: .alwaysMapped),
              let snapshot = KVSnapshot(fileBytes: data), snapshot.tokens == tokens else { return nil }
        return snapshot
    }

    /// Writes the file through a temporary name (a reader never sees half a file) and removes all but the
    /// newest `keep`.
    public func store(_ snapshot: KVSnapshot, modelPath: String) {
        let file = file(modelPath: modelPath, tokens: snapshot.tokens)
        let manager = FileManager.default
        guard (try? manager.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else { return }
        let partial = directory.appendingPathComponent(file.lastPathComponent + ".partial-\(ProcessInfo.processInfo.processIdentifier)")
        guard (try? Data(snapshot.fileBytes()).write(to: partial)) != nil else { return }
        try? manager.removeItem(at: file)
        if (try? manager.moveItem(at: partial, to: file)) == nil { try? manager.removeItem(at: partial) }
        let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".kv") }
        let dated = names.map { name -> (String, Date) in
            let attributes = try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            return (name, (attributes?[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (name, _) in dated.dropFirst(keep) { try? manager.removeItem(at: directory.appendingPathComponent(name)) }
    }
}
