/// Applies `stop` strings to text that arrives in pieces: what is certainly before any stop string is
/// released at once, a tail that could still become a stop string is held back, and the text ends just
/// before the first stop string (which is not included, as OpenAI does).
public struct StopStringMatcher: Sendable {
    public let stops: [String]
    private var pending = ""
    public private(set) var isStopped = false

    public init(stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }
    }

    /// The text that can be released after `piece`; once a stop string is found, the rest is dropped.
    public mutating func append(_ piece: String) -> String {
        guard !isStopped else { return "" }
        guard !stops.isEmpty else { return piece }
        pending += piece
        if let range = stops.compactMap({ pending.firstRange(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            isStopped = true
            let released = String(pending[..<range.lowerBound])
            pending = ""
            return released
        }
        // Hold back the longest suffix of `pending` that is a prefix of some stop string.
        var keep = 0
        for stop in stops {
            var length = min(stop.count, pending.count)
            while length > keep {
                if stop.hasPrefix(pending.suffix(length)) { keep = length; break }
                length -= 1
            }
        }
        let cut = pending.index(pending.endIndex, offsetBy: -keep)
        let released = String(pending[..<cut])
        pending = String(pending[cut...])
        return released
    }

    /// What is still held back, released when generation ends without a stop string.
    public mutating func finish() -> String {
        defer { pending = "" }
        return isStopped ? "" : pending
    }
}
