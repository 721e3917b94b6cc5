import Foundation
import Testing
import ModelFormats

/// Damaged model files and wrong models in the right place: each reader refuses them with an error
/// that names the file, so the user knows which download to repair. (GGUFFileTests covers GGUF's
/// field-by-field checks; these are the whole-file accidents.)
@Suite struct DamagedModelFileTests {
    /// A tiny valid safetensors image: one F32 tensor of two values.
    static let safetensors: [UInt8] = {
        let header = Array(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#.utf8)
        var out: [UInt8] = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
        out += header
        out += withUnsafeBytes(of: Float(1).bitPattern.littleEndian, Array.init)
        out += withUnsafeBytes(of: Float(2).bitPattern.littleEndian, Array.init)
        return out
    }()

    static let gguf: [UInt8] = {
        var writer = GGUFTestWriter()
        writer.metadata = [("general.architecture", .string("llama"))]
        writer.tensors = [.init(name: "t", dimensions: [2], typeID: 0, data: [UInt8](repeating: 0, count: 8))]
        return writer.bytes()
    }()

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Every way a download goes wrong, as (what, bytes).
    static func damaged(_ good: [UInt8]) -> [(String, [UInt8])] {
        [("empty", []),
         ("truncated to 7 bytes", Array(good.prefix(7))),
         ("truncated by one byte", Array(good.dropLast())),
         ("zero-filled", [UInt8](repeating: 0, count: good.count)),
         ("random", randomBytes(good.count, seed: 1)),
         ("random, 64 KiB", randomBytes(65536, seed: 2)),
         ("an HTML error page", Array("<!DOCTYPE html><html><body>404 Not Found</body></html>".utf8))]
    }

    func withTemporaryFile<T>(_ bytes: [UInt8], name: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// The error `body` throws for a file, as the user would read it.
    func failure(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func damagedSafetensorsFilesAreNamed() throws {
        _ = try SafetensorsFile(bytes: Self.safetensors)
        for (what, bytes) in Self.damaged(Self.safetensors) + [("a GGUF file", Self.gguf)] {
            let message = try withTemporaryFile(bytes, name: "model.safetensors") { path in
                failure { _ = try SafetensorsFile(path: path) }
            }
            let text = try #require(message, "\(what) was accepted as safetensors")
            #expect(text.contains("model.safetensors"), "\(what): \(text)")
        }
    }

    @Test func damagedGGUFFilesAreNamed() throws {
        _ = try parseGGUF(Self.gguf)
        for (what, bytes) in Self.damaged(Self.gguf) + [("a safetensors file", Self.safetensors)] {
            let message = try withTemporaryFile(bytes, name: "model.gguf") { path in
                failure { _ = try GGUFFile(path: path) }
            }
            let text = try #require(message, "\(what) was accepted as GGUF")
            #expect(text.contains("model.gguf"), "\(what): \(text)")
        }
    }

    @Test func damagedONNXFilesAreNamed() throws {
        // Protobuf has no magic number: random bytes can decode as a message with unknown fields, but
        // never as one with a graph, which the reader requires.
        for (what, bytes) in Self.damaged(Self.safetensors) + [("a GGUF file", Self.gguf), ("a safetensors file", Self.safetensors)] {
            let message = try withTemporaryFile(bytes, name: "style.onnx") { path in
                failure { _ = try ONNXFile(path: path) }
            }
            let text = try #require(message, "\(what) was accepted as ONNX")
            #expect(text.contains("style.onnx"), "\(what): \(text)")
        }
    }

    @Test func headerOnlyFilesPointPastTheEnd() throws {
        // The header promises tensors whose data was never written.
        let header = Array(#"{"w":{"dtype":"F32","shape":[1024,1024],"data_offsets":[0,4194304]}}"#.utf8)
        let safetensorsHeaderOnly = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header
        let message = try withTemporaryFile(safetensorsHeaderOnly, name: "model.safetensors") { path in
            failure { _ = try SafetensorsFile(path: path) }
        }
        #expect(message?.contains("model.safetensors") == true && message?.contains("outside") == true, "\(message ?? "accepted")")

        var writer = GGUFTestWriter()
        writer.tensors = [.init(name: "big", dimensions: [1024, 1024], typeID: 0, offset: 0, data: [])]
        let ggufMessage = try withTemporaryFile(writer.bytes(), name: "model.gguf") { path in
            failure { _ = try GGUFFile(path: path) }
        }
        #expect(ggufMessage?.contains("model.gguf") == true, "\(ggufMessage ?? "accepted")")
    }

    @Test func inMemoryFilesBehaveLikeMappedOnes() throws {
        let file = MappedFile(bytes: Self.gguf, path: "memory.gguf")
        let gguf = try GGUFFile(file: file)
        #expect(try gguf.tensorData("t").count == 8)
        let broken = MappedFile(bytes: Self.gguf.prefix(30), path: "memory.gguf")
        #expect(failure { _ = try GGUFFile(file: broken) }?.contains("memory.gguf") == true)
        let empty = MappedFile(bytes: [UInt8](), path: "empty.onnx")
        #expect(failure { _ = try ONNXFile(file: empty) }?.contains("empty.onnx") == true)
    }
}
