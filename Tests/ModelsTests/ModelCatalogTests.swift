import Foundation
import Testing
@testable import Models

@Suite struct ModelCatalogTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func pinsAgreeWithTheSetupLockFile() throws {
        let lock = try String(contentsOf: Self.packageRoot.appendingPathComponent("Scripts/models.lock"), encoding: .utf8)
        var pins: [String: String] = [:]
        for line in lock.split(separator: "\n") where line.hasPrefix("file ") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            pins[String(fields[3])] = String(fields[4])
        }
        // A model assembled from byte ranges: `assembled <destination> <bytes> <sha256> ...`.
        for line in lock.split(separator: "\n") where line.hasPrefix("assembled ") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            pins[String(fields[1])] = String(fields[3])
        }
        for entry in ModelCatalog.entries {
            #expect(pins[entry.relativePath] == entry.sha256, "\(entry.relativePath)")
        }
    }

    @Test func directoryPrecedence() {
        #expect(ModelCatalog(directory: "/a", environment: ["TENOR_MODELS_DIR": "/b"]).directory.path == "/a")
        #expect(ModelCatalog(directory: nil, environment: ["TENOR_MODELS_DIR": "/b"]).directory.path == "/b")
        #expect(ModelCatalog(directory: nil, environment: ["HOME": "/home/x"]).directory.path == "/home/x/.local/share/tenor/models")
    }

    @Test func statusMissingAndCorrupt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-catalog-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ModelCatalog(directory: folder.path)
        let entry = try #require(catalog.entry(role: "rewrite"))
        #expect(catalog.status(of: entry, verify: true).status == .missing)
        try FileManager.default.createDirectory(at: catalog.url(for: entry).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a model".utf8).write(to: catalog.url(for: entry))
        #expect(catalog.status(of: entry, verify: false).status == .ok)
        #expect(catalog.status(of: entry, verify: true).status == .corrupt)
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256Digest.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256Digest.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 56-byte message: padding spills into a second block.
        #expect(SHA256Digest.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256OfAFileIsReadInPieces() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-sha-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        // 9 MiB + 3 bytes: three pieces, the last one short.
        try Data(repeating: UInt8(ascii: "a"), count: 9 << 20 + 3).write(to: file)
        #expect(try SHA256Digest.hex(ofFileAt: file.path) == SHA256Digest.hex(of: Data(repeating: UInt8(ascii: "a"), count: 9 << 20 + 3)))
        #expect(throws: (any Error).self) { try SHA256Digest.hex(ofFileAt: file.path + "-missing") }
    }
}
