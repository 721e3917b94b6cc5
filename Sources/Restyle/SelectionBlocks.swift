import Foundation

/// A selection cut into the prose units that are rewritten, one request each, and the Markdown around them,
/// which is copied. Structure is kept by construction: fenced and indented code, tables, HTML, front matter,
/// link definitions and blank lines are never sent to the model; each unit's block prefix (heading marks,
/// quote markers, list markers, indentation) and a hard line break after it come back where they were.
///
/// A unit is a paragraph, a list item, a heading or a quoted paragraph, with its soft-wrapped lines joined;
/// a rewrite of a unit that was wrapped is wrapped again at the unit's widest line.
public struct SelectionBlocks: Sendable {
    public struct Unit: Sendable, Equatable {
        /// The unit's text, lines joined by spaces, without prefixes.
        public var text: String
        /// Written before the first line ("- ", "## ", "> ", indentation).
        public var prefix: String
        /// Written before each further line when the rewrite is wrapped.
        public var continuationPrefix: String
        /// Wrap column when the source unit spanned several lines, else nil (one line).
        public var wrapWidth: Int?
        /// A hard break ("  " or "\") or nothing, then the unit's line ending.
        public var ending: String
        /// The unit's lines exactly as written, written back when the unit is not rewritten.
        public var source: String = ""
    }

    public enum Piece: Sendable, Equatable {
        case verbatim(String)
        case unit(Unit)
    }

    public let pieces: [Piece]

    public var units: [Unit] { pieces.compactMap { if case let .unit(unit) = $0 { unit } else { nil } } }

    public init(_ text: String) {
        var pieces: [Piece] = []
        var open: (unit: Unit, lines: [String], kind: Kind, raw: String)?
        func close() {
            guard var current = open else { return }
            current.unit.text = current.lines.joined(separator: " ")
            current.unit.source = current.raw
            if current.lines.count > 1 { current.unit.wrapWidth = current.unit.wrapWidth.map { max($0, 40) } }
            else { current.unit.wrapWidth = nil }
            pieces.append(.unit(current.unit))
            open = nil
        }

        let rawLines = text.components(separatedBy: "\n")
        var fence: String?
        var inFrontMatter = rawLines.first == "---" || rawLines.first == "+++"
        let frontMatterEnd = rawLines.first == "+++" ? "+++" : "---"
        for (index, rawLine) in rawLines.enumerated() {
            let newline = index < rawLines.count - 1 ? "\n" : ""
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if inFrontMatter {
                close(); pieces.append(.verbatim(rawLine + newline))
                if index > 0, trimmed == frontMatterEnd || trimmed == "..." { inFrontMatter = false }
                continue
            }
            if let marker = fence {
                pieces.append(.verbatim(rawLine + newline))
                if trimmed.hasPrefix(marker) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                close(); fence = String(trimmed.prefix(3)); pieces.append(.verbatim(rawLine + newline)); continue
            }
            let (prefix, content, kind) = Self.splitPrefix(rawLine)
            let isCode = kind == .paragraph && (rawLine.hasPrefix("    ") || rawLine.hasPrefix("\t")) && open == nil
            if trimmed.isEmpty || isCode || Self.isStructure(content) {
                close(); pieces.append(.verbatim(rawLine + newline)); continue
            }
            // The line's content, less a hard break at its end.
            let hardBreak = Self.hardBreak(content)
            let body = String(content.dropLast(hardBreak.count)).trimmingCharacters(in: .whitespaces)
            // A lazy continuation: a plain line right after an open paragraph, list item or quote joins it.
            if var current = open, kind == .paragraph || (kind == .quote && current.kind == .quote), current.kind != .heading {
                current.lines.append(body)
                current.unit.wrapWidth = max(current.unit.wrapWidth ?? 0, rawLine.count)
                if current.unit.continuationPrefix.isEmpty, kind == .quote { current.unit.continuationPrefix = prefix }
                else if current.lines.count == 2, kind == .paragraph {
                    current.unit.continuationPrefix = String(rawLine.prefix { $0 == " " || $0 == "\t" })
                }
                current.unit.ending = hardBreak + newline
                current.raw += rawLine + newline
                open = current
            } else {
                close()
                let continuation = kind == .list ? String(repeating: " ", count: prefix.count)
                    : kind == .quote ? prefix : ""
                open = (Unit(text: "", prefix: prefix, continuationPrefix: continuation, wrapWidth: rawLine.count,
                             ending: hardBreak + newline), [body], kind, rawLine + newline)
            }
            if !hardBreak.isEmpty || kind == .heading { close() }
        }
        close()
        self.pieces = pieces
    }

    /// The selection with each unit replaced by its rewrite; nil writes the unit back byte for byte.
    public func assembled(_ rewrites: [String?]) -> String {
        var output = ""
        var next = 0
        for piece in pieces {
            switch piece {
            case let .verbatim(text): output += text
            case let .unit(unit):
                let rewrite = next < rewrites.count ? rewrites[next] : nil
                next += 1
                output += rewrite.map { Self.render($0, unit: unit) } ?? unit.source
            }
        }
        return output
    }

    /// A unit's rewritten text with its prefix, wrapping and ending.
    static func render(_ text: String, unit: Unit) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        guard let width = unit.wrapWidth else { return unit.prefix + flat + unit.ending }
        var lines: [String] = []
        var line = unit.prefix
        var lineHasWord = false
        for word in flat.split(separator: " ") {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = unit.continuationPrefix
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n") + unit.ending
    }

    enum Kind { case paragraph, heading, list, quote }

    /// The block prefix of a line: indentation, quote markers, then a heading's hashes or a list marker.
    static func splitPrefix(_ line: String) -> (String, String, Kind) {
        let pattern = #"^(\s*(?:>\s?)*)(#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+(?:\[[ xX]\]\s+)?)?"#
        guard let range = line.range(of: pattern, options: .regularExpression) else { return ("", line, .paragraph) }
        let prefix = String(line[range])
        let content = String(line[range.upperBound...])
        let kind: Kind = prefix.contains("#") && prefix.trimmingCharacters(in: .whitespaces).last != ">"
            && prefix.range(of: #"#{1,6}\s+$"#, options: .regularExpression) != nil ? .heading
            : prefix.range(of: #"([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?$"#, options: .regularExpression) != nil ? .list
            : prefix.contains(">") ? .quote : .paragraph
        // Plain indentation alone is not a prefix a paragraph keeps on its first line.
        return (prefix, content, kind)
    }

    /// Lines that are structure, not prose: tables, HTML and comments, thematic breaks, link definitions.
    static func isStructure(_ content: String) -> Bool {
        let trimmed = content.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("|") || trimmed.hasPrefix("<") { return true }
        if trimmed.count >= 3, trimmed.allSatisfy({ "-*_= ".contains($0) }) { return true }
        return trimmed.range(of: #"^\[[^\]]+\]:\s*\S"#, options: .regularExpression) != nil
    }

    /// Two or more trailing spaces, or a backslash, end a line with a hard break.
    static func hardBreak(_ content: String) -> String {
        if content.hasSuffix("\\") { return "\\" }
        let spaces = content.reversed().prefix { $0 == " " }.count
        return spaces >= 2 ? String(repeating: " ", count: spaces) : ""
    }
}

/// Sentences of one unit's text, for the per-sentence fallback. A boundary is `.`, `!` or `?` (closing quotes
/// or brackets may follow) before a space and a letter (chat writes sentences in lower case), digit or opening
/// quote, outside code spans and links, and not after a common abbreviation.
public enum SentenceSplitting {
    public static func sentences(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = []
        var start = 0
        var inCode = false
        var bracketDepth = 0
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "`" { inCode.toggle() }
            if !inCode { if c == "[" || c == "(" { bracketDepth += 1 } else if (c == "]" || c == ")") && bracketDepth > 0 { bracketDepth -= 1 } }
            if !inCode, bracketDepth == 0, ".!?".contains(c) {
                var end = i + 1
                while end < characters.count, ".!?\"'”’)".contains(characters[end]) { end += 1 }
                if end + 1 < characters.count, characters[end] == " ",
                   let next = characters[(end + 1)...].first(where: { $0 != " " }),
                   next.isLetter || next.isNumber || "\"“*`[".contains(next) {
                    let sentence = String(characters[start..<end])
                    if !abbreviations.contains(where: { sentence.hasSuffix(" " + $0) || sentence == $0 }) {
                        sentences.append(sentence)
                        start = end + 1
                        while start < characters.count, characters[start] == " " { start += 1 }
                        i = start
                        continue
                    }
                }
            }
            i += 1
        }
        if start < characters.count { sentences.append(String(characters[start...])) }
        return sentences.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static let abbreviations = ["e.g.", "i.e.", "etc.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "cf.", "St.", "No.", "approx."]
}
