/// An instruction to Tenor written in a Markdown HTML comment (an HTML block or inline HTML):
///
///     <!-- tenor-disable -->                        all rules off from here
///     <!-- tenor-disable tone style.repeated-word --> the named rules (or rule groups) off
///     <!-- tenor-enable [rules] -->                 back on
///     <!-- tenor-disable-next-line [rules] -->      off on the next non-blank line after the comment
///     <!-- illustrate: a red lighthouse, watercolor | size: 512x512 | seed: 7 -->
///
/// Rule names may be separated by spaces or commas. Plain-text documents have no directives.
public struct Directive: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case disable(rules: [String])
        case enable(rules: [String])
        case disableNextLine(rules: [String])
        case illustrate(description: String, options: [String: String])
    }

    public let kind: Kind
    /// The whole `<!-- ... -->` comment.
    public let range: SourceRange
    /// Zero-based line of the comment start.
    public let line: Int

    public init(kind: Kind, range: SourceRange, line: Int) {
        self.kind = kind
        self.range = range
        self.line = line
    }

    /// Parses a comment body (the text between `<!--` and `-->`); nil when it is not a directive.
    static func kind(ofCommentBody body: String) -> Kind? {
        let trimmed = body.trimmingWhitespace()
        if trimmed.hasPrefix("illustrate:") {
            var parts = trimmed.dropFirst("illustrate:".count).split(separator: "|", omittingEmptySubsequences: false)
            let description = parts.isEmpty ? "" : String(parts.removeFirst()).trimmingWhitespace()
            var options: [String: String] = [:]
            for part in parts {
                let option = String(part)
                guard let colon = option.firstIndex(of: ":") else {
                    let key = option.trimmingWhitespace()
                    if !key.isEmpty { options[key] = "" }
                    continue
                }
                let key = String(option[..<colon]).trimmingWhitespace()
                let value = String(option[option.index(after: colon)...]).trimmingWhitespace()
                if !key.isEmpty { options[key] = value }
            }
            return .illustrate(description: description, options: options)
        }
        // Longest keyword first: "tenor-disable" is a prefix of "tenor-disable-next-line".
        for keyword in ["tenor-disable-next-line", "tenor-disable", "tenor-enable"] where trimmed.hasPrefix(keyword) {
            let rest = trimmed.dropFirst(keyword.count)
            if let first = rest.first, !(first == " " || first == "\t" || first == "\n" || first == "\r") { continue }
            let rules = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .map(String.init)
            switch keyword {
            case "tenor-disable-next-line": return .disableNextLine(rules: rules)
            case "tenor-disable": return .disable(rules: rules)
            default: return .enable(rules: rules)
            }
        }
        return nil
    }

    /// Whether this directive's rule list covers `rule`: an empty list covers every rule, a group name
    /// ("tone") covers its rules ("tone.insult").
    static func rules(_ names: [String], cover rule: String) -> Bool {
        if names.isEmpty { return true }
        return names.contains { name in
            rule == name || (rule.hasPrefix(name) && rule.dropFirst(name.count).first == ".")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, scalars[lower].properties.isWhitespace { lower = scalars.index(after: lower) }
        while upper > lower, scalars[scalars.index(before: upper)].properties.isWhitespace {
            upper = scalars.index(before: upper)
        }
        return String(scalars[lower..<upper])
    }
}
