/// Server-sent events as OpenAI streams them: each event one `data: <json>` line and a blank line,
/// the stream ended by `data: [DONE]`.
public enum ServerSentEvents {
    public static let done = "data: [DONE]\n\n"

    public static func event(json: String) -> String {
        "data: \(json)\n\n"
    }
}

/// Reads a server-sent event stream fed in arbitrary byte chunks; returns each event's `data` when the
/// event's blank line arrives. Comments (`: keep-alive`) and other fields (`event:`, `id:`) are skipped;
/// several `data:` lines of one event are joined with newlines, as the SSE specification says.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []
    /// Longest line kept; a longer one is an error, so a hostile or broken peer cannot grow memory.
    public let maxLineBytes: Int

    public struct LineTooLong: Error, CustomStringConvertible {
        public var description: String { "a server-sent event line is longer than the client's limit" }
    }

    public init(maxLineBytes: Int = 4 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// The `data` of every event completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [String] {
        var events: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
                if line.count > maxLineBytes { throw LineTooLong() }
            }
        }
        return events
    }

    /// The event still open when the stream ends without its blank line.
    public mutating func finish() -> String? {
        if !line.isEmpty { _ = endLine() }
        defer { data.removeAll() }
        return data.isEmpty ? nil : data.joined(separator: "\n")
    }

    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard !data.isEmpty else { return nil }
            defer { data.removeAll() }
            return data.joined(separator: "\n")
        }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("data:") {
            var value = text.dropFirst(5)
            if value.hasPrefix(" ") { value = value.dropFirst() }
            data.append(String(value))
        }
        return nil
    }
}
