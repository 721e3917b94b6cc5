import ModelFormats

/// The GGUF reader on arbitrary bytes: header, metadata, tensor infos, then every accessor a model
/// loader uses. Anything the file claims must be refused with an error, never read out of bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGGUF(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let file = MappedFile(bytes: UnsafeBufferPointer(start: start, count: count), path: "fuzz.gguf")
    guard let gguf = try? GGUFFile(file: file) else { return 0 }
    _ = gguf.architecture
    _ = try? gguf.requireArchitecture(["llama"])
    for key in gguf.metadata.keys {
        _ = gguf.string(key); _ = gguf.int(key); _ = gguf.float(key); _ = gguf.bool(key)
        _ = gguf.stringArray(key); _ = gguf.intArray(key); _ = gguf.floatArray(key)
    }
    var checksum: UInt8 = 0
    for name in gguf.tensorNames {
        _ = try? gguf.tensorData(name)
        if let bytes = try? gguf.rawTensorData(name) {
            // Touch the first and last byte: ASan reports any range that lies outside the input.
            checksum &+= (bytes.first ?? 0) &+ (bytes.last ?? 0)
        }
    }
    return checksum == 255 ? 0 : 0
}
