/// Turns generated tokens into text one at a time. A token may end in the middle of a
/// UTF-8 sequence (emoji and CJK are often split across tokens); those bytes are held
/// back until the sequence completes, so no replacement characters appear mid-stream.
public struct BPEStreamingDecoder {
    private let tokenizer: any GGUFTokenizer
    private let skipSpecial: Bool
    private var pending: [UInt8] = []

    public init(tokenizer: any GGUFTokenizer, skipSpecial: Bool = true) {
        self.tokenizer = tokenizer
        self.skipSpecial = skipSpecial
    }

    /// The text that `id` completes; empty while a UTF-8 sequence is unfinished.
    public mutating func append(_ id: Int32) -> String {
        pending += tokenizer.bytes(of: id, skipSpecial: skipSpecial)
        let complete = Self.completePrefixLength(pending)
        guard complete > 0 else { return "" }
        let text = String(decoding: pending[..<complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// Whatever is still held back, with U+FFFD for an unfinished sequence.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// Length of the longest prefix that does not end inside an unfinished UTF-8 sequence.
    /// Only a possibly-valid unfinished tail (at most 3 bytes) is held back; invalid bytes
    /// are passed on to become U+FFFD.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let count = bytes.count
        // Look back at most 3 bytes for the lead byte of the last sequence.
        var index = count - 1
        while index >= 0 && index >= count - 3 && bytes[index] & 0xC0 == 0x80 { index -= 1 }
        guard index >= 0 else { return count }
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return count
        }
        return count - index < length ? index : count
    }
}
