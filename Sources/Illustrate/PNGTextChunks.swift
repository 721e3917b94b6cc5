import Foundation

/// Reads a PNG's `tEXt` chunks without decoding the image: how Tenor recognises a file it wrote
/// (`Software` = `Tenor`) before replacing it.
///
/// Byte layout: the 8-byte signature `89 50 4E 47 0D 0A 1A 0A`, then chunks of
/// `length (4, big-endian) | type (4 ASCII) | data (length) | CRC-32 (4, over type + data)`.
/// `tEXt` data is `keyword (Latin-1) NUL text (Latin-1)`. Reading stops at the first `IDAT` (text
/// chunks before the pixels are the ones that matter here) or `IEND`; a truncated or malformed file
/// yields the chunks read so far, never a crash.
public enum PNGTextChunks {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The text chunks, in file order; nil when `bytes` does not start with the PNG signature.
    public static func read(_ bytes: [UInt8]) -> [(key: String, value: String)]? {
        guard bytes.count >= signature.count, Array(bytes[0..<signature.count]) == signature else { return nil }
        var chunks: [(key: String, value: String)] = []
        var offset = signature.count
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let dataStart = offset + 8
            guard length >= 0, length <= bytes.count - dataStart else { break }
            let dataEnd = dataStart + length
            if type == "IDAT" || type == "IEND" { break }
            if type == "tEXt", let separator = bytes[dataStart..<dataEnd].firstIndex(of: 0) {
                chunks.append((latin1(bytes[dataStart..<separator]), latin1(bytes[(separator + 1)..<dataEnd])))
            }
            offset = dataEnd + 4  // skip the CRC
        }
        return chunks
    }

    /// The text chunks of the file at `path`, reading at most its first `limit` bytes; nil when it
    /// cannot be read or is not a PNG.
    public static func read(path: String, limit: Int = 1 << 16) -> [(key: String, value: String)]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit) else { return nil }
        return read([UInt8](data))
    }

    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
