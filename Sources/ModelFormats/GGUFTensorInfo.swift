/// Where one tensor lies in a GGUF file and how it is laid out.
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    /// Sizes from the innermost (contiguous) dimension outwards, as GGUF stores them:
    /// a matrix with `dimensions == [columns, rows]` is `rows` rows of `columns` elements.
    public let dimensions: [Int]
    /// The ggml type id as stored in the file.
    public let typeID: UInt32
    /// Byte offset of the data from the start of the file's tensor-data section.
    public let offset: Int
    public let elementCount: Int
    public let byteCount: Int

    /// The type's name, e.g. "Q4_1".
    public var typeName: String { GGUFTensorLayout.of(typeID)?.name ?? "type \(typeID)" }
}

/// Block sizes of the ggml tensor types, enough to bounds-check tensor data.
/// Values as in ggml's type traits (ggml.c `type_traits`).
struct GGUFTensorLayout {
    let name: String
    /// Elements per block.
    let blockSize: Int
    let bytesPerBlock: Int

    static func of(_ typeID: UInt32) -> GGUFTensorLayout? {
        switch typeID {
        case 0: return .init(name: "F32", blockSize: 1, bytesPerBlock: 4)
        case 1: return .init(name: "F16", blockSize: 1, bytesPerBlock: 2)
        case 2: return .init(name: "Q4_0", blockSize: 32, bytesPerBlock: 18)
        case 3: return .init(name: "Q4_1", blockSize: 32, bytesPerBlock: 20)
        case 6: return .init(name: "Q5_0", blockSize: 32, bytesPerBlock: 22)
        case 7: return .init(name: "Q5_1", blockSize: 32, bytesPerBlock: 24)
        case 8: return .init(name: "Q8_0", blockSize: 32, bytesPerBlock: 34)
        case 9: return .init(name: "Q8_1", blockSize: 32, bytesPerBlock: 36)
        case 10: return .init(name: "Q2_K", blockSize: 256, bytesPerBlock: 84)
        case 11: return .init(name: "Q3_K", blockSize: 256, bytesPerBlock: 110)
        case 12: return .init(name: "Q4_K", blockSize: 256, bytesPerBlock: 144)
        case 13: return .init(name: "Q5_K", blockSize: 256, bytesPerBlock: 176)
        case 14: return .init(name: "Q6_K", blockSize: 256, bytesPerBlock: 210)
        case 15: return .init(name: "Q8_K", blockSize: 256, bytesPerBlock: 292)
        case 24: return .init(name: "I8", blockSize: 1, bytesPerBlock: 1)
        case 25: return .init(name: "I16", blockSize: 1, bytesPerBlock: 2)
        case 26: return .init(name: "I32", blockSize: 1, bytesPerBlock: 4)
        case 27: return .init(name: "I64", blockSize: 1, bytesPerBlock: 8)
        case 28: return .init(name: "F64", blockSize: 1, bytesPerBlock: 8)
        case 30: return .init(name: "BF16", blockSize: 1, bytesPerBlock: 2)
        default: return nil
        }
    }
}
