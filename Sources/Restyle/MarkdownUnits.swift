import Foundation

/// Splits a selection into the pieces that are rewritten one at a time, keeping Markdown structure:
/// each line's block prefix (indent, `#`, `>`, list marker) stays, fenced code, tables, HTML blocks and
/// blank lines are copied, and a line's content is split into sentences.
public struct MarkdownUnits: Sendable {
    public enum Piece: Sendable, Equatable {
        /// Copied as is.
        case verbatim(String)
        /// Rewritten; placeholders refer to `line`.
        case sentence(String, line: Int)
    }

    public let pieces: [Piece]
    /// Masks per line (index = `line` above).
    public let lines: [ProtectedText]

    public init(_ text: String) {
        var pieces: [Piece] = []
        var lines: [ProtectedText] = []
        var inFence = false
        let rawLines = text.components(separatedBy: "\n")
        for (index, rawLine) in rawLines.enumerated() {
            let newline = index < rawLines.count - 1 ? "\n" : ""
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); pieces.append(.verbatim(rawLine + newline)); continue }
            if inFence || trimmed.isEmpty || trimmed.hasPrefix("|") || trimmed.hasPrefix("<") || rawLine.hasPrefix("    ")
                || trimmed.allSatisfy({ "-*_=".contains($0) || $0 == " " }) {
                pieces.append(.verbatim(rawLine + newline)); continue
            }
            let (prefix, content) = Self.splitPrefix(rawLine)
            pieces.append(.verbatim(prefix))
            let mask = ProtectedText(masking: content)
            let lineIndex = lines.count
            lines.append(mask)
            for part in Self.sentences(mask.masked) {
                switch part {
                case let .text(sentence): pieces.append(.sentence(sentence, line: lineIndex))
                case let .space(space): pieces.append(.verbatim(space))
                }
            }
            pieces.append(.verbatim(newline))
        }
        self.pieces = pieces.filter { if case let .verbatim(s) = $0 { !s.isEmpty } else { true } }
        self.lines = lines
    }

    public var sentenceCount: Int { pieces.filter { if case .sentence = $0 { true } else { false } }.count }

    /// The block prefix of a line: indentation, heading hashes, quote markers, list markers, task boxes.
    static func splitPrefix(_ line: String) -> (String, String) {
        let pattern = #"^(\s*(?:>\s?)*\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+(?:\[[ xX]\]\s+)?)?)"#
        guard let range = line.range(of: pattern, options: .regularExpression) else { return ("", line) }
        return (String(line[range]), String(line[range.upperBound...]))
    }

    enum Part: Equatable { case text(String), space(String) }

    /// Sentences end at `.`, `!` or `?` (with closing quotes or brackets) before whitespace and a
    /// capital, digit or placeholder. Protected spans are masked already, so `e.g.` in code cannot split.
    static func sentences(_ text: String) -> [Part] {
        var parts: [Part] = []
        let ns = text as NSString
        let regex = Self.boundary
        var cursor = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let end = match.range(at: 1).location + match.range(at: 1).length
            let sentence = ns.substring(with: NSRange(location: cursor, length: end - cursor))
            if Self.abbreviations.contains(where: { sentence.hasSuffix(" " + $0) || sentence == $0 }) { continue }
            appendSentence(sentence, to: &parts)
            parts.append(.space(ns.substring(with: match.range(at: 2))))
            cursor = match.range.location + match.range.length
        }
        let rest = ns.substring(from: cursor)
        // Trailing spaces or a backslash may be a hard line break: structure, not prose.
        let trailing = String(rest.reversed().prefix { $0 == " " || $0 == "\t" || $0 == "\\" }.reversed())
        let body = String(rest.dropLast(trailing.count))
        if !body.isEmpty { appendSentence(body, to: &parts) }
        if !trailing.isEmpty { parts.append(.space(trailing)) }
        return parts
    }

    /// "Move your bike. Now." — an urgency word standing alone belongs to the sentence before it: rewritten
    /// apart, "Now." can be neither softened nor dropped ("… out of the hallway, please" needs both).
    private static func appendSentence(_ sentence: String, to parts: inout [Part]) {
        let bare = sentence.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".!? "))
        if ["now", "right now", "immediately", "asap", "today", "tonight"].contains(bare),
           case let .space(space)? = parts.last, case let .text(previous)? = parts.dropLast().last {
            parts.removeLast(2)
            parts.append(.text(previous + space + sentence))
        } else {
            parts.append(.text(sentence))
        }
    }

    static let abbreviations = ["e.g.", "i.e.", "etc.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "cf.", "St.", "No."]

    static let boundary = try! NSRegularExpression(  // constant pattern
        pattern: #"([^.!?]*?[.!?]+["'”’)\]]*)(\s+)(?=[A-Z0-9{"“(\[])"#)
}
