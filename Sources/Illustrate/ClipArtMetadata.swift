import Foundation

/// The words an openclipart SVG carries about itself: the RDF block inside `<metadata>`
/// (`dc:title`, `dc:description`, `rdf:li` keywords under `dc:subject`). Only that block is
/// read, by plain substring search: the files are machine-written by Inkscape and the fields
/// are flat text, so an XML parser would add nothing but time (8,000 files at index build).
public struct ClipArtMetadata: Sendable, Equatable {
    public var title: String
    public var description: String
    public var keywords: [String]

    public init(title: String, description: String, keywords: [String]) {
        self.title = title
        self.description = description
        self.keywords = keywords
    }

    /// nil when the text has no `<metadata>` block.
    public init?(svg text: String) {
        guard let start = text.range(of: "<metadata"), let end = text.range(of: "</metadata>", range: start.upperBound..<text.endIndex) else {
            return nil
        }
        let block = text[start.upperBound..<end.lowerBound]
        // The first dc:title is the work's; later ones name the publisher and creator agents.
        title = Self.unescape(Self.first("dc:title", in: block) ?? "")
        description = Self.unescape(Self.first("dc:description", in: block) ?? "")
        var keywords: [String] = []
        if let subject = Self.first("dc:subject", in: block) {
            var rest = subject[...]
            while let open = rest.range(of: "<rdf:li>"), let close = rest.range(of: "</rdf:li>", range: open.upperBound..<rest.endIndex) {
                let word = Self.unescape(String(rest[open.upperBound..<close.lowerBound]))
                if !word.isEmpty { keywords.append(word) }
                rest = rest[close.upperBound...]
            }
        }
        // Uploaders often tag their own name; it says nothing about the picture.
        if let creatorBlock = Self.first("dc:creator", in: block), let creator = Self.first("dc:title", in: creatorBlock[...]) {
            let name = Self.unescape(creator).lowercased()
            keywords.removeAll { $0.lowercased() == name }
        }
        self.keywords = keywords
    }

    /// What the index embeds: "title. keywords" with a short description between them.
    public var sentence: String {
        var parts = [title.trimmingCharacters(in: .whitespacesAndNewlines)]
        let shortDescription = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !shortDescription.isEmpty && shortDescription.lowercased() != parts[0].lowercased() {
            parts.append(String(shortDescription.prefix(120)))
        }
        if !keywords.isEmpty { parts.append(keywords.prefix(12).joined(separator: ", ")) }
        return parts.filter { !$0.isEmpty }.joined(separator: ". ")
    }

    static func first(_ element: String, in text: Substring) -> String? {
        guard let open = text.range(of: "<\(element)>"), let close = text.range(of: "</\(element)>", range: open.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[open.upperBound..<close.lowerBound])
    }

    static func unescape(_ s: String) -> String {
        var out = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
