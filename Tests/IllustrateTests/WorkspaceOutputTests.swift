import Foundation
import Testing
@testable import Illustrate

/// A fresh workspace folder (and a sibling "outside" folder) under the temporary directory.
private struct Scratch {
    let base: URL
    var workspace: URL { base.appendingPathComponent("workspace") }
    var outside: URL { base.appendingPathComponent("outside") }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("workspace"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: base) }
}

private let pixels = RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 200, count: 12))

private func tenorPNG(_ description: String = "a lighthouse") throws -> [UInt8] {
    try PNGWriter.encode(pixels, text: [("Software", "Tenor"), ("Description", description), ("Seed", "0")])
}

@Suite struct WorkspaceOutputTests {
    @Test func noWorkspaceRootIsAClearError() throws {
        #expect(throws: WorkspaceOutputError.self) { try WorkspaceOutput(workspaceRoot: nil) }
        let error = try #require(throws: WorkspaceOutputError.self) { try WorkspaceOutput(workspaceRoot: nil) }
        #expect(error.description.contains("no workspace folder"))
        #expect(throws: WorkspaceOutputError.self) {
            try WorkspaceOutput(workspaceRoot: URL(fileURLWithPath: "/nonexistent/tenor/workspace"))
        }
    }

    @Test func writesInsideTheWorkspaceCreatingFolders() throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let output = try WorkspaceOutput(workspaceRoot: scratch.workspace)
        let target = try output.destination(folder: "assets/illustrations", file: "sea-1a2b.png")
        #expect(target.path == output.root + "/assets/illustrations/sea-1a2b.png")
        try output.write(try tenorPNG(), to: target)
        #expect(WorkspaceOutput.isTenorFile(path: target.path))
        // Nothing else is left in the folder (the temporary file was renamed).
        let names = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        #expect(names == ["sea-1a2b.png"])
        // `file:` may name a subfolder of the output folder; "." components are ignored.
        let nested = try output.destination(folder: "./assets", file: "maps/./coast.png")
        #expect(nested.path == output.root + "/assets/maps/coast.png")
    }

    @Test func refusesDotDotAndAbsolutePaths() throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let output = try WorkspaceOutput(workspaceRoot: scratch.workspace)
        for (folder, file) in [("../outside", "x.png"), ("assets/../../outside", "x.png"), ("assets", "../x.png"),
                               ("assets", "../../outside/x.png"), ("/tmp", "x.png"), ("assets", "/tmp/x.png"),
                               ("~/pictures", "x.png"), ("assets", "x.jpg"), ("assets", ""), ("assets", "a\nb.png")] {
            #expect(throws: WorkspaceOutputError.self, "\(folder) + \(file)") {
                try output.destination(folder: folder, file: file)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.outside.path).isEmpty)
    }

    @Test func refusesFoldersThatLinkOutside() throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(at: scratch.workspace.appendingPathComponent("assets"), withDestinationURL: scratch.outside)
        let output = try WorkspaceOutput(workspaceRoot: scratch.workspace)
        let error = try #require(throws: WorkspaceOutputError.self) {
            try output.destination(folder: "assets/illustrations", file: "x.png")
        }
        #expect(error.description.contains("outside the workspace"))
        // Nothing was created through the link.
        #expect(try fm.contentsOfDirectory(atPath: scratch.outside.path).isEmpty)
        // A dangling link is refused too.
        try fm.createSymbolicLink(at: scratch.workspace.appendingPathComponent("gone"),
                                  withDestinationURL: scratch.base.appendingPathComponent("nowhere"))
        #expect(throws: WorkspaceOutputError.self) { try output.destination(folder: "gone", file: "x.png") }
        // A link that stays inside the workspace is fine.
        try fm.createDirectory(at: scratch.workspace.appendingPathComponent("real"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: scratch.workspace.appendingPathComponent("alias"),
                                  withDestinationURL: scratch.workspace.appendingPathComponent("real"))
        let inside = try output.destination(folder: "alias", file: "x.png")
        #expect(inside.path == output.root + "/real/x.png")
    }

    @Test func refusesAFileLinkOrAForeignFile() throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let fm = FileManager.default
        let output = try WorkspaceOutput(workspaceRoot: scratch.workspace)
        let folder = try output.destination(folder: "assets", file: "probe.png").deletingLastPathComponent()

        // A link named like the target, pointing outside: never written through.
        let victim = scratch.outside.appendingPathComponent("victim.png")
        try Data("precious".utf8).write(to: victim)
        try fm.createSymbolicLink(at: folder.appendingPathComponent("linked.png"), withDestinationURL: victim)
        let linked = try output.destination(folder: "assets", file: "linked.png")
        #expect(throws: WorkspaceOutputError.self) { try output.write(try tenorPNG(), to: linked) }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")

        // A PNG someone else made (no Software=Tenor chunk), and a file that is not a PNG at all.
        let foreign = folder.appendingPathComponent("photo.png")
        let foreignBytes = try PNGWriter.encode(pixels, text: [("Description", "my photo")])
        try Data(foreignBytes).write(to: foreign)
        let refused = try #require(throws: WorkspaceOutputError.self) { try output.write(try tenorPNG(), to: foreign) }
        #expect(refused.description.contains("not written by Tenor"))
        #expect(try [UInt8](Data(contentsOf: foreign)) == foreignBytes)
        let notes = folder.appendingPathComponent("notes.png")
        try Data("not a png".utf8).write(to: notes)
        #expect(throws: WorkspaceOutputError.self) { try output.write(try tenorPNG(), to: notes) }
        // A folder in the way.
        try fm.createDirectory(at: folder.appendingPathComponent("dir.png"), withIntermediateDirectories: true)
        #expect(throws: WorkspaceOutputError.self) {
            try output.write(try tenorPNG(), to: folder.appendingPathComponent("dir.png"))
        }
    }

    @Test func replacesItsOwnFile() throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let output = try WorkspaceOutput(workspaceRoot: scratch.workspace)
        let target = try output.destination(folder: "assets", file: "lighthouse.png")
        try output.write(try tenorPNG("first"), to: target)
        try output.write(try tenorPNG("second"), to: target)
        let chunks = try #require(PNGTextChunks.read(path: target.path))
        #expect(chunks.map(\.key) == ["Software", "Description", "Seed"])
        #expect(chunks.first { $0.key == "Description" }?.value == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["lighthouse.png"])
    }

    @Test func textChunksOfTruncatedOrForeignBytes() throws {
        let bytes = try tenorPNG("café")
        #expect(PNGTextChunks.read(bytes)?.first { $0.key == "Description" }?.value == "café")
        #expect(PNGTextChunks.read(Array("GIF89a".utf8)) == nil)
        // Every truncation reads without trapping; the signature alone has no chunks.
        for length in PNGTextChunks.signature.count..<bytes.count { _ = PNGTextChunks.read(Array(bytes[0..<length])) }
        #expect(PNGTextChunks.read(PNGTextChunks.signature)?.isEmpty == true)
    }

    @Test func relativeLinkPaths() {
        #expect(WorkspaceOutput.relativePath(from: "/w", to: "/w/assets/a.png") == "assets/a.png")
        #expect(WorkspaceOutput.relativePath(from: "/w/docs/guide", to: "/w/assets/a.png") == "../../assets/a.png")
        #expect(WorkspaceOutput.relativePath(from: "/w/assets", to: "/w/assets/a.png") == "a.png")
    }
}
