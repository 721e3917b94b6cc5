import Foundation

/// Splits a byte stream into LSP messages framed as `Content-Length: N\r\n\r\n<N bytes>`.
///
/// Pure and incremental (feed it chunks of any size), so the framing can be fuzzed without pipes.
/// It never trusts the peer: a header block without a usable Content-Length is reported and skipped,
/// a header block that never ends is dropped once it exceeds `maxHeaderBytes`, and a body larger than
/// `maxMessageBytes` is counted off and discarded rather than buffered (only its first bytes are kept,
/// to recover the request id for an error answer).
public struct FrameDecoder: Sendable {
    public enum Event: Sendable, Equatable {
        case message(Data)
        /// A header block that had no valid Content-Length; the text is for logging.
        case malformedHeader(String)
        /// A body over the size limit, discarded; `prefix` is its first bytes (for id recovery).
        case oversized(declaredLength: Int, prefix: Data)
    }

    /// May be changed between `feed` calls (a configuration reload); applies to the next header.
    public var maxMessageBytes: Int
    public let maxHeaderBytes: Int
    /// How much of an oversized body is kept to find its id.
    public static let oversizedPrefixBytes = 4096

    private enum State: Sendable {
        case header
        case body(remaining: Int)
        case discarding(declared: Int, remaining: Int, prefix: Data)
    }

    private var state: State = .header
    private var buffer = Data()

    public init(maxMessageBytes: Int = 64 << 20, maxHeaderBytes: Int = 64 << 10) {
        self.maxMessageBytes = max(0, maxMessageBytes)
        self.maxHeaderBytes = max(64, maxHeaderBytes)
    }

    /// True when no partial message is pending (EOF here is a clean end of stream).
    public var isAtMessageBoundary: Bool {
        if case .header = state { return buffer.allSatisfy { $0 == 0x0D || $0 == 0x0A } }
        return false
    }

    public mutating func feed(_ chunk: Data) -> [Event] {
        var events: [Event] = []
        var input = chunk[...]
        while !input.isEmpty || canProgressWithoutInput {
            switch state {
            case .discarding(let declared, let remaining, var prefix):
                let take = min(remaining, input.count)
                if prefix.count < Self.oversizedPrefixBytes {
                    prefix.append(input.prefix(min(take, Self.oversizedPrefixBytes - prefix.count)))
                }
                input = input.dropFirst(take)
                if remaining - take == 0 {
                    events.append(.oversized(declaredLength: declared, prefix: prefix))
                    state = .header
                } else {
                    state = .discarding(declared: declared, remaining: remaining - take, prefix: prefix)
                }
            case .body(let remaining):
                let take = min(remaining, input.count)
                buffer.append(contentsOf: input.prefix(take))
                input = input.dropFirst(take)
                if remaining - take == 0 {
                    events.append(.message(buffer))
                    buffer = Data()
                    state = .header
                } else {
                    state = .body(remaining: remaining - take)
                }
            case .header:
                buffer.append(contentsOf: input)
                input = input.dropFirst(input.count)
                // Parsing may move the tail of `buffer` (bytes after the header) back into `input`.
                if let rest = parseHeaderBlocks(into: &events) {
                    input = rest[...]
                }
            }
        }
        return events
    }

    private var canProgressWithoutInput: Bool {
        if case .body(0) = state { return true }
        return false
    }

    /// Looks for a complete header block in `buffer`. On success switches state and returns the bytes
    /// that followed the block (the start of the body); returns nil when more input is needed.
    private mutating func parseHeaderBlocks(into events: inout [Event]) -> Data? {
        while true {
            guard let end = Self.headerTerminator(in: buffer) else {
                if buffer.count > maxHeaderBytes {
                    events.append(.malformedHeader("header longer than \(maxHeaderBytes) bytes without an end; dropped"))
                    // Keep the last bytes: they may be the start of a "\r\n\r\n".
                    buffer = Data(buffer.suffix(3))
                }
                return nil
            }
            let headerBytes = buffer[buffer.startIndex..<end.lowerBound]
            let rest = Data(buffer[end.upperBound...])
            buffer = Data()
            switch Self.contentLength(in: headerBytes) {
            case .success(let length):
                if length > maxMessageBytes {
                    state = .discarding(declared: length, remaining: length, prefix: Data())
                } else {
                    state = .body(remaining: length)
                }
                return rest
            case .failure(let problem):
                events.append(.malformedHeader(problem.message))
                buffer = rest
                // Try the next header block in what is already buffered.
            }
        }
    }

    /// The range of the first "\r\n\r\n" (or a bare "\n\n", which some hand-written clients send).
    static func headerTerminator(in data: Data) -> Range<Data.Index>? {
        var i = data.startIndex
        while i < data.endIndex {
            if data[i] == 0x0A {
                // "\n\n" or "\n\r\n"
                let next = data.index(after: i)
                if next < data.endIndex, data[next] == 0x0A { return i..<data.index(after: next) }
                if next < data.endIndex, data[next] == 0x0D {
                    let third = data.index(after: next)
                    if third < data.endIndex, data[third] == 0x0A { return i..<data.index(after: third) }
                }
            }
            i = data.index(after: i)
        }
        return nil
    }

    struct HeaderProblem: Error { var message: String }

    /// Reads Content-Length from a header block. Lines are split on "\n" (with an optional "\r");
    /// when garbage precedes the header on the same line (leftover body bytes from a bad frame), the last
    /// "Content-Length:" on the line is used so the stream resynchronises.
    static func contentLength(in header: Data) -> Result<Int, HeaderProblem> {
        var found: Int?
        var sawHeader = false
        // Split bytes, not Characters: "\r\n" is a single Character in Swift.
        for rawLine in header.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = String(decoding: rawLine.last == 0x0D ? rawLine.dropLast() : rawLine, as: UTF8.self)
            guard let nameRange = line.range(of: "content-length:", options: [.caseInsensitive, .backwards]) else {
                continue
            }
            sawHeader = true
            let value = line[nameRange.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(value) else {
                return .failure(HeaderProblem(message: "invalid Content-Length \"\(value.prefix(40))\""))
            }
            found = n
        }
        if let found { return .success(found) }
        let shown = String(decoding: header.prefix(80), as: UTF8.self).replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        return .failure(HeaderProblem(message: sawHeader ? "invalid Content-Length" : "header without Content-Length: \(shown)"))
    }

    /// Frames one message body.
    public static func frame(_ body: Data) -> Data {
        var out = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.append(body)
        return out
    }
}
