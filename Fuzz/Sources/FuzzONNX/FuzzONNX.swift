import ModelFormats

/// The ONNX reader on arbitrary bytes: the protobuf decode, then every initializer and every
/// tensor-valued node attribute (`Constant`) through the size-checked tensor decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let file = MappedFile(bytes: UnsafeBufferPointer(start: start, count: count), path: "fuzz.onnx")
    guard let onnx = try? ONNXFile(file: file) else { return 0 }
    _ = onnx.defaultOpset
    for initializer in onnx.graph.initializer {
        _ = try? ONNXFile.tensor(initializer)
    }
    for node in onnx.graph.node {
        for attribute in node.attribute where attribute.hasT {
            _ = try? ONNXFile.tensor(attribute.t)
        }
    }
    return 0
}
