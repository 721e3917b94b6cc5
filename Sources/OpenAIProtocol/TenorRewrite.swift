/// `POST /v1/tenor/rewrite`: Restyle over HTTP for scripts and editors without LSP. Not an OpenAI endpoint;
/// it answers errors in the same format, so the same client code handles both.
public struct TenorRewriteRequest: Codable, Sendable, Equatable {
    /// The passage (Markdown or plain text).
    public var text: String
    /// formal, casual, polite, concise, neutral, plain, or a style of the server's `.tenor.toml`.
    public var style: String
    /// Formality 0...1, for formal and casual.
    public var level: Double?

    public init(text: String, style: String, level: Double? = nil) {
        self.text = text; self.style = style; self.level = level
    }
}

public struct TenorRewriteResponse: Codable, Sendable, Equatable {
    /// The checked rewrite; parts no answer passed the checks for are as the request had them.
    public var text: String
    public var style: String
    /// Set when something was left as written ("1 of 3 parts left as written: …").
    public var notice: String?
    /// Parts (paragraphs, list items, headings) and how many were rewritten.
    public var parts: Int
    public var rewrittenParts: Int

    public init(text: String, style: String, notice: String?, parts: Int, rewrittenParts: Int) {
        self.text = text; self.style = style; self.notice = notice; self.parts = parts; self.rewrittenParts = rewrittenParts
    }

    enum CodingKeys: String, CodingKey {
        case text, style, notice, parts
        case rewrittenParts = "rewritten_parts"
    }
}
