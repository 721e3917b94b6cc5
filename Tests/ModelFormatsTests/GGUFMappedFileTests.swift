import Foundation
import Testing
import ModelFormats

@Suite struct GGUFMappedFileTests {
    @Test func mapsAndChecksRanges() throws {
        let file = try TemporaryFile([1, 2, 3, 4, 5])
        let mapped = try MappedFile(path: file.path)
        #expect(mapped.count == 5)
        #expect(Array(try mapped.bytes(at: 1, count: 3)) == [2, 3, 4])
        #expect(Array(try mapped.bytes(at: 5, count: 0)) == [])
        #expect(throws: MappedFileError.self) { try mapped.bytes(at: 3, count: 3) }
        #expect(throws: MappedFileError.self) { try mapped.bytes(at: -1, count: 1) }
        #expect(throws: MappedFileError.self) { try mapped.bytes(at: 1, count: Int.max) }
        #expect(throws: MappedFileError.self) { try mapped.bytes(at: Int.max, count: 1) }
    }

    @Test func emptyFile() throws {
        let file = try TemporaryFile([])
        let mapped = try MappedFile(path: file.path)
        #expect(mapped.count == 0)
        #expect(try mapped.bytes(at: 0, count: 0).count == 0)
        #expect(throws: MappedFileError.self) { try mapped.bytes(at: 0, count: 1) }
    }

    @Test func errorsNameTheFile() throws {
        let path = "/nonexistent/tenor/model.gguf"
        do {
            _ = try MappedFile(path: path)
            Issue.record("opened a file that does not exist")
        } catch let error as MappedFileError {
            #expect(error.description.contains(path))
        }
        #expect(throws: MappedFileError.self) { try MappedFile(path: NSTemporaryDirectory()) }
    }
}
