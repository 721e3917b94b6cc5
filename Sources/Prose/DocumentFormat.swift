/// How a document's text is read: Markdown (CommonMark + GFM pipe tables) or plain text.
public enum DocumentFormat: Sendable {
    case markdown, plainText

    /// From an LSP `languageId`: "markdown" is Markdown, anything else plain text.
    public init(languageId: String) {
        self = languageId.lowercased() == "markdown" ? .markdown : .plainText
    }

    /// From a file name extension (without the dot): md, markdown, mdx, mkd are Markdown.
    public init(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "md", "markdown", "mdx", "mkd": self = .markdown
        default: self = .plainText
        }
    }
}
