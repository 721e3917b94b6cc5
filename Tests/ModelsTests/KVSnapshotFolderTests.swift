import Foundation
import Testing
@testable import Models

/// Prefilled prefixes kept on disk: what a second process finds, and what it must not take.
struct KVSnapshotFolderTests {
    func snapshot(_ tokens: [Int], fill: Float) -> KVSnapshot {
        let floats = 2 * tokens.count * 3
        return KVSnapshot(tokens: tokens, keys: [Float](repeating: fill, count: floats),
                          values: [Float](repeating: -fill, count: floats), kvDim: 3, layers: 2)
    }

    @Test func aStoredPrefixComesBackOnlyForItsModelAndTokens() throws {
        let folder = KVSnapshotFolder(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("tenor-kv-\(UUID().uuidString)"), keep: 2)
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        let model = folder.directory.appendingPathComponent("model.gguf")
        try FileManager.default.createDirectory(at: folder.directory, withIntermediateDirectories: true)
        try Data("weights".utf8).write(to: model)

        folder.store(snapshot([5, 6, 7], fill: 1.5), modelPath: model.path)
        let back = try #require(folder.load(modelPath: model.path, tokens: [5, 6, 7]))
        #expect(back.tokens == [5, 6, 7] && back.keys.allSatisfy { $0 == 1.5 } && back.values.allSatisfy { $0 == -1.5 })
        #expect(folder.load(modelPath: model.path, tokens: [5, 6]) == nil)
        #expect(folder.load(modelPath: model.path + ".other", tokens: [5, 6, 7]) == nil)
        // A rewritten model file (new size) never meets the old prefix.
        try Data("other weights".utf8).write(to: model)
        #expect(folder.load(modelPath: model.path, tokens: [5, 6, 7]) == nil)
    }

    @Test func aDamagedFileIsIgnoredAndOnlyTheNewestAreKept() throws {
        let folder = KVSnapshotFolder(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("tenor-kv-\(UUID().uuidString)"), keep: 2)
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        let model = "/nonexistent/model.gguf"
        folder.store(snapshot([1], fill: 1), modelPath: model)
        let file = folder.file(modelPath: model, tokens: [1])
        try Data("TKVSNAP1 and then nothing sensible".utf8).write(to: file)
        #expect(folder.load(modelPath: model, tokens: [1]) == nil)
        for tokens in [[2], [3], [4]] {
            Thread.sleep(forTimeInterval: 0.02)
            folder.store(snapshot(tokens, fill: 2), modelPath: model)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.directory.path).filter { $0.hasSuffix(".kv") }
        #expect(names.count == 2)
        #expect(folder.load(modelPath: model, tokens: [4]) != nil)
    }
}
