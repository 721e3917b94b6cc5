import Crypto
import Foundation

/// SHA-256 as lower-case hex (swift-crypto), for verifying model files against `Scripts/models.lock` and for
/// naming cache entries.
public enum SHA256Digest {
    public static func hex(of data: Data) -> String {
        hex(Crypto.SHA256.hash(data: data))
    }

    /// Reads the file in 4 MiB pieces: model files are gigabytes and are not loaded to be checked.
    public static func hex(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = Crypto.SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: Crypto.SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
