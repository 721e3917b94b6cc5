import Foundation
import Testing
import ModelFormats

/// A small valid file: every metadata type, nested arrays, and two tensors whose
/// data ends exactly at the end of the file.
func sampleWriter() -> GGUFTestWriter {
    var writer = GGUFTestWriter()
    writer.metadata = [
        ("general.architecture", .string("llama")),
        ("u8", .uint8(200)), ("i8", .int8(-5)), ("u16", .uint16(60000)), ("i16", .int16(-30000)),
        ("u32", .uint32(4_000_000_000)), ("i32", .int32(-2_000_000_000)),
        ("u64", .uint64(1 << 40)), ("i64", .int64(-(1 << 40))),
        ("f32", .float32(0.5)), ("f64", .float64(-2.25)), ("yes", .bool(true)),
        ("text", .string("héllo ✓")),
        ("strings", .array(elementType: .string, [.string("a"), .string(""), .string("ü")])),
        ("ints", .array(elementType: .int32, [.int32(1), .int32(-2), .int32(3)])),
        ("floats", .array(elementType: .float32, [.float32(1.5), .float32(-0.25)])),
        ("nested", .array(elementType: .array, [
            .array(elementType: .uint8, [.uint8(1), .uint8(2)]),
            .array(elementType: .string, [.string("x")]),
        ])),
    ]
    writer.tensors = [
        .init(name: "a", dimensions: [4, 2], typeID: 0, data: (0..<32).map { UInt8($0) }),
        .init(name: "b", dimensions: [32], typeID: 8, data: [UInt8](repeating: 7, count: 34)),
    ]
    return writer
}

/// Magic, version 3, no tensors, one key/value pair to follow.
func headerWithOneKey() -> [UInt8] {
    var bytes: [UInt8] = []
    GGUFTestWriter.append(UInt32(0x4655_4747), to: &bytes)
    GGUFTestWriter.append(UInt32(3), to: &bytes)
    GGUFTestWriter.append(UInt64(0), to: &bytes)
    GGUFTestWriter.append(UInt64(1), to: &bytes)
    return bytes
}

@Suite struct GGUFFileTests {
    @Test func readsEveryValueType() throws {
        var writer = sampleWriter()
        let gguf = try parseGGUF(writer.bytes())
        #expect(gguf.version == 3)
        #expect(gguf.architecture == "llama")
        #expect(gguf.int("u8") == 200)
        #expect(gguf.int("i8") == -5)
        #expect(gguf.int("u16") == 60000)
        #expect(gguf.int("i16") == -30000)
        #expect(gguf.int("u32") == 4_000_000_000)
        #expect(gguf.int("i32") == -2_000_000_000)
        #expect(gguf.int("u64") == 1 << 40)
        #expect(gguf.int("i64") == -(1 << 40))
        #expect(gguf.float("f32") == 0.5)
        #expect(gguf.float("f64") == -2.25)
        #expect(gguf.bool("yes") == true)
        #expect(gguf.string("text") == "héllo ✓")
        #expect(gguf.stringArray("strings") == ["a", "", "ü"])
        #expect(gguf.intArray("ints") == [1, -2, 3])
        #expect(gguf.floatArray("floats") == [1.5, -0.25])
        #expect(gguf.stringArray("ints") == nil)
        #expect(gguf.string("missing") == nil)
        // Every value reads back exactly as written.
        for (key, value) in writer.metadata {
            #expect(gguf.metadata[key] == value, "\(key)")
        }
    }

    @Test func readsTensors() throws {
        var writer = sampleWriter()
        let gguf = try parseGGUF(writer.bytes())
        #expect(gguf.tensorNames == ["a", "b"])
        let a = try gguf.tensor("a")
        #expect(a.dimensions == [4, 2])
        #expect(a.elementCount == 8)
        #expect(a.byteCount == 32)
        #expect(a.typeName == "F32")
        #expect(Array(try gguf.tensorData("a")) == (0..<32).map { UInt8($0) })
        let b = try gguf.tensor("b")
        #expect(b.typeName == "Q8_0")
        #expect(b.byteCount == 34)
        #expect(b.offset == 32)
        #expect(Array(try gguf.tensorData("b")) == [UInt8](repeating: 7, count: 34))
        #expect(throws: GGUFError.noSuchTensor("c")) { try gguf.tensorData("c") }
    }

    @Test func readsVersion2AndCustomAlignment() throws {
        var writer = sampleWriter()
        writer.version = 2
        writer.alignment = 64
        writer.metadata.append(("general.alignment", .uint32(64)))
        let gguf = try parseGGUF(writer.bytes())
        #expect(gguf.alignment == 64)
        #expect(gguf.dataOffset % 64 == 0)
        #expect(try gguf.tensor("b").offset == 64)
        #expect(Array(try gguf.tensorData("b")) == [UInt8](repeating: 7, count: 34))
    }

    @Test func fileWithoutTensors() throws {
        var writer = GGUFTestWriter()
        writer.metadata = [("general.architecture", .string("bert"))]
        let gguf = try parseGGUF(writer.bytes())
        #expect(gguf.tensors.isEmpty)
        #expect(gguf.architecture == "bert")
        #expect(throws: GGUFError.unsupportedArchitecture("bert")) { try gguf.requireArchitecture(["llama"]) }
    }

    @Test func truncationAtEveryByteIsRejected() throws {
        var writer = sampleWriter()
        let bytes = writer.bytes()
        let file = try TemporaryFile(bytes)
        for length in 0..<bytes.count {
            try Data(bytes[0..<length]).write(to: URL(fileURLWithPath: file.path))
            #expect(throws: GGUFError.self, "truncated to \(length) bytes") { try GGUFFile(path: file.path) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file.path))
        _ = try GGUFFile(path: file.path)
    }

    @Test func rejectsBadMagicAndVersion() throws {
        var writer = sampleWriter()
        writer.magic = 0x4655_4746
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
        for version: UInt32 in [0, 1, 4, 0x0300_0000] {
            writer = sampleWriter()
            writer.version = version
            do {
                _ = try parseGGUF(writer.bytes())
                Issue.record("accepted version \(version)")
            } catch let GGUFError.unsupportedVersion(_, found) {
                #expect(found == version)
            }
        }
    }

    @Test func rejectsAbsurdCounts() throws {
        for count: UInt64 in [UInt64.max, 1 << 63, 1 << 40, 1_000_000] {
            var writer = sampleWriter()
            writer.tensorCountOverride = count
            #expect(throws: GGUFError.self, "tensor count \(count)") { try parseGGUF(writer.bytes()) }
            writer = sampleWriter()
            writer.metadataCountOverride = count
            #expect(throws: GGUFError.self, "metadata count \(count)") { try parseGGUF(writer.bytes()) }
        }
    }

    @Test func rejectsAbsurdArrayCounts() throws {
        // An array header claiming more elements than the file could hold.
        for count: UInt64 in [UInt64.max, 1 << 62, 1 << 31, 100] {
            var bytes = headerWithOneKey()
            GGUFTestWriter.appendString("arr", to: &bytes)
            GGUFTestWriter.append(GGUFValueType.array.rawValue, to: &bytes)
            GGUFTestWriter.append(GGUFValueType.string.rawValue, to: &bytes)
            GGUFTestWriter.append(count, to: &bytes)
            bytes += [UInt8](repeating: 0, count: 64)
            #expect(throws: GGUFError.self, "array count \(count)") { try parseGGUF(bytes) }
        }
    }

    @Test func rejectsStringLengthsPastTheEnd() throws {
        for length: UInt64 in [UInt64.max, UInt64(Int.max), 1 << 32, 20] {
            var bytes = headerWithOneKey()
            GGUFTestWriter.append(length, to: &bytes)  // key length
            bytes += Array("key".utf8) + [UInt8](repeating: 0, count: 10)
            #expect(throws: GGUFError.self, "string length \(length)") { try parseGGUF(bytes) }
        }
    }

    @Test func rejectsDeepNesting() throws {
        var value = GGUFValue.array(elementType: .uint8, [])
        for _ in 0..<40 { value = .array(elementType: .array, [value]) }
        var writer = GGUFTestWriter()
        writer.metadata = [("deep", value)]
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
    }

    @Test func rejectsTensorsOutsideTheFile() throws {
        let offsets: [UInt64] = [4096, UInt64(Int.max) - 31, UInt64.max - 31, 1 << 62]
        for offset in offsets {
            var writer = sampleWriter()
            writer.tensors[1].offset = offset
            #expect(throws: GGUFError.self, "offset \(offset)") { try parseGGUF(writer.bytes()) }
        }
        // Misaligned offset.
        var writer = sampleWriter()
        writer.tensors[1].offset = 33
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
        // Data one byte longer than the file.
        writer = sampleWriter()
        writer.tensors[1].dimensions = [64]
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
    }

    @Test func rejectsOverflowingShapes() throws {
        let shapes: [[UInt64]] = [
            [1 << 32, 1 << 32],
            [UInt64.max],
            [1 << 62, 4],
            [1 << 31, 1 << 31, 4],
            [],
            [1, 1, 1, 1, 1],
            [33],  // not a multiple of the Q8_0 block
        ]
        for shape in shapes {
            var writer = sampleWriter()
            writer.tensors[1].dimensions = shape
            #expect(throws: GGUFError.self, "shape \(shape)") { try parseGGUF(writer.bytes()) }
        }
    }

    @Test func unknownTensorTypeIsNamed() throws {
        var writer = sampleWriter()
        writer.tensors[0].typeID = 99
        let bytes = writer.bytes()
        #expect(throws: GGUFError.unsupportedTensorType(tensor: "a", type: "ggml type id 99")) { try parseGGUF(bytes) }
    }

    @Test func typeWithoutKernelsIsNamedOnAccess() throws {
        var writer = sampleWriter()
        writer.tensors[1] = .init(name: "iq", dimensions: [256], typeID: 16, data: [UInt8](repeating: 1, count: 66))
        let gguf = try parseGGUF(writer.bytes())
        #expect(try gguf.tensor("iq").typeName == "IQ2_XXS")
        #expect(throws: GGUFError.unsupportedTensorType(tensor: "iq", type: "IQ2_XXS")) { try gguf.tensorData("iq") }
        #expect(try gguf.rawTensorData("iq").count == 66)
    }

    @Test func rejectsBadMetadata() throws {
        // Duplicate key.
        var writer = sampleWriter()
        writer.metadata.append(("u8", .uint8(1)))
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
        // Alignment not a power of two, or of the wrong type.
        for alignment: GGUFValue in [.uint32(0), .uint32(48), .uint64(32), .string("32")] {
            writer = sampleWriter()
            writer.metadata.append(("general.alignment", alignment))
            #expect(throws: GGUFError.self, "\(alignment)") { try parseGGUF(writer.bytes()) }
        }
        // Unknown value type id.
        var bytes = headerWithOneKey()
        GGUFTestWriter.appendString("k", to: &bytes)
        GGUFTestWriter.append(UInt32(13), to: &bytes)
        bytes += [UInt8](repeating: 0, count: 16)
        #expect(throws: GGUFError.self) { try parseGGUF(bytes) }
        // Boolean byte other than 0 or 1.
        bytes = headerWithOneKey()
        GGUFTestWriter.appendString("k", to: &bytes)
        GGUFTestWriter.append(GGUFValueType.bool.rawValue, to: &bytes)
        bytes.append(2)
        #expect(throws: GGUFError.self) { try parseGGUF(bytes) }
    }

    @Test func duplicateTensorNamesAreRejected() throws {
        var writer = sampleWriter()
        writer.tensors[1].name = "a"
        #expect(throws: GGUFError.self) { try parseGGUF(writer.bytes()) }
    }
}
