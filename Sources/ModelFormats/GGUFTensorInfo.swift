import TensorMath

/// Where one tensor lies in a GGUF file and how it is laid out.
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    /// Sizes from the innermost (contiguous) dimension outwards, as GGUF stores them:
    /// a matrix with `dimensions == [columns, rows]` is `rows` rows of `columns` elements.
    public let dimensions: [Int]
    public let type: GGMLType
    /// Byte offset of the data from the start of the file's tensor-data section.
    public let offset: Int
    public let elementCount: Int
    public let byteCount: Int

    /// The type's name, e.g. "Q4_1".
    public var typeName: String { type.name }
}
