import Foundation
import Testing
import ModelFormats

/// Builds a safetensors image: header JSON padded with spaces to a multiple of 8, then data.
private func image(header: String, data: [UInt8], headerLength: UInt64? = nil) -> [UInt8] {
    var json = Array(header.utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    let length = headerLength ?? UInt64(json.count)
    return withUnsafeBytes(of: length.littleEndian) { Array($0) } + json + data
}

private func floatBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
}

@Test func safetensorsReadsF32F16BF16() throws {
    let f16: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7C00]   // 1, -2, smallest subnormal, +inf
    let bf16: [UInt16] = [0x3F80, 0xC0A0]                  // 1, -5
    let data = floatBytes([1.5, -2.25]) + f16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        + bf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let header = """
    {"__metadata__": {"format": "pt"},
     "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
     "b": {"dtype": "F16", "shape": [2, 2], "data_offsets": [8, 16]},
     "c": {"dtype": "BF16", "shape": [2], "data_offsets": [16, 20]}}
    """
    let file = try SafetensorsFile(bytes: image(header: header, data: data))
    #expect(file.metadata["format"] == "pt")
    #expect(try file.floats("a") == [1.5, -2.25])
    #expect(try file.floats("b", shape: [2, 2]) == [1, -2, 0x1p-24, .infinity])
    #expect(try file.floats("c") == [1, -5])
    #expect(throws: SafetensorsError.self) { try file.floats("b", shape: [4]) }
    #expect(throws: SafetensorsError.self) { try file.floats("missing") }
}

@Test func safetensorsReadsMemoryMappedFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-encoder-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = image(header: #"{"w": {"dtype": "F32", "shape": [1, 3], "data_offsets": [0, 12]}}"#, data: floatBytes([1, 2, 3]))
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let file = try SafetensorsFile(path: path)
    #expect(try file.floats("w") == [1, 2, 3])
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path + ".absent") }
}

@Test func safetensorsRejectsHostileFiles() {
    let good = image(header: #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: floatBytes([1, 2]))
    // Truncated: shorter than the length field, and data cut off.
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: Array(good.prefix(5))) }
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: Array(good.dropLast(1))) }
    // Header length past the end of the file, and absurdly large.
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: "{}", data: [], headerLength: 1000))
    }
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: "{}", data: [], headerLength: UInt64.max))
    }
    // Not JSON, or not the expected shape of JSON.
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: image(header: "{not json", data: [])) }
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: image(header: "[1, 2]", data: [])) }
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 8]}}"#, data: floatBytes([1, 2])))
    }
    // Overlapping tensors.
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: """
            {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
             "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}
            """, data: floatBytes([1, 2, 3])))
    }
    // Offsets outside the data section, reversed, or negative.
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}"#, data: floatBytes([1, 2])))
    }
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [8, 0]}}"#, data: floatBytes([1, 2])))
    }
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [-8, 0]}}"#, data: floatBytes([1, 2])))
    }
    // Shape whose byte size overflows Int, and a size that does not match the offsets.
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: """
            {"w": {"dtype": "F32", "shape": [4611686018427387904, 4611686018427387904, 2], "data_offsets": [0, 8]}}
            """, data: floatBytes([1, 2])))
    }
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: floatBytes([1, 2])))
    }
    // Unknown dtype, and a known one that is not a float type.
    #expect(throws: SafetensorsError.self) {
        try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "F128", "shape": [2], "data_offsets": [0, 8]}}"#, data: floatBytes([1, 2])))
    }
    #expect(throws: SafetensorsError.self) {
        let file = try SafetensorsFile(bytes: image(header: #"{"w": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}}"#, data: floatBytes([1, 2])))
        _ = try file.floats("w")
    }
}
