import ModelFormats

/// The safetensors reader on arbitrary bytes: header length, JSON header, every tensor's range,
/// and the f32 conversion the encoder loader uses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let file = try? SafetensorsFile(bytes: Array(UnsafeBufferPointer(start: start, count: count))) else { return 0 }
    _ = file.metadata
    var checksum: UInt8 = 0
    for (name, info) in file.tensors {
        if let bytes = try? file.bytes(of: name) {
            checksum &+= (bytes.first ?? 0) &+ (bytes.last ?? 0)
        }
        // Conversion allocates elementCount floats; the header check bounds it by the input size.
        if let floats = try? file.floats(name, shape: info.shape) {
            precondition(floats.count == info.elementCount, "floats(\(name)) returned \(floats.count) values for \(info.shape)")
        }
    }
    return checksum == 255 ? 0 : 0
}
