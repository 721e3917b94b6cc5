/// Why a GGUF file could not be read or used. Each case names the file or the thing at fault.
public enum GGUFError: Error, CustomStringConvertible, Equatable {
    /// The file is not GGUF, or is malformed. `offset` is where reading stopped.
    case malformed(path: String, offset: Int, problem: String)
    case unsupportedVersion(path: String, version: UInt32)
    case unsupportedTensorType(tensor: String, type: String)
    case unsupportedArchitecture(String)
    case missingKey(String)
    case wrongType(key: String, expected: String)
    case noSuchTensor(String)

    public var description: String {
        switch self {
        case let .malformed(path, offset, problem):
            return "\(path): not a valid GGUF file (at byte \(offset)): \(problem)"
        case let .unsupportedVersion(path, version):
            return "\(path): GGUF version \(version) is not supported (only 2 and 3)"
        case let .unsupportedTensorType(tensor, type):
            return "tensor '\(tensor)' has type \(type), which is not supported"
        case let .unsupportedArchitecture(name):
            return "model architecture '\(name)' is not supported"
        case let .missingKey(key):
            return "GGUF metadata has no key '\(key)'"
        case let .wrongType(key, expected):
            return "GGUF metadata key '\(key)' is not \(expected)"
        case let .noSuchTensor(name):
            return "GGUF file has no tensor named '\(name)'"
        }
    }
}
