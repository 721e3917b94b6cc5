/// Why an ONNX file or graph could not be read or run. The message names the file, tensor,
/// node or operator concerned.
public struct ONNXError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
