/// Half-open UTF-16 code-unit offsets into the document text.
public struct SourceRange: Hashable, Sendable, Codable {
    public var lowerBound: Int
    public var upperBound: Int

    public init(_ lower: Int, _ upper: Int) {
        lowerBound = lower
        upperBound = max(lower, upper)
    }

    public var length: Int { upperBound - lowerBound }
    public var isEmpty: Bool { upperBound == lowerBound }

    public func contains(_ offset: Int) -> Bool { offset >= lowerBound && offset < upperBound }
}
