/// What a check reports about a document, independent of any protocol.
/// The LSP layer and the CLI turn these into LSP `Diagnostic`s.

/// Severity, numbered as LSP numbers `DiagnosticSeverity`.
public enum Severity: Int, Sendable, Codable, CaseIterable, Comparable {
    case error = 1, warning = 2, information = 3, hint = 4

    /// Parses "error", "warning", "info"/"information", "hint".
    public init?(name: String) {
        switch name.lowercased() {
        case "error": self = .error
        case "warning", "warn": self = .warning
        case "info", "information": self = .information
        case "hint": self = .hint
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .information: "info"
        case .hint: "hint"
        }
    }

    /// `a < b` means `a` is *less severe* than `b` (hint < info < warning < error).
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue > b.rawValue }
}

/// A half-open range of UTF-16 code-unit offsets into a document's text.
public struct TextSpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
}

/// A replacement of `span` (UTF-16 offsets) by `newText`.
public struct TextReplacement: Hashable, Sendable, Codable {
    public var span: TextSpan
    public var newText: String
    public init(span: TextSpan, newText: String) { self.span = span; self.newText = newText }
}

/// A fix a finding carries with it. `replacements` may be empty when the fix is
/// computed lazily (for example a model rewrite), in which case `command` names it.
public struct Fix: Hashable, Sendable, Codable {
    public var title: String
    public var replacements: [TextReplacement]
    /// Identifies a fix computed on demand (e.g. "tone.rewrite-neutral"); nil when `replacements` is complete.
    public var lazyKind: String?
    public var isPreferred: Bool
    public init(title: String, replacements: [TextReplacement], lazyKind: String? = nil, isPreferred: Bool = false) {
        self.title = title; self.replacements = replacements; self.lazyKind = lazyKind; self.isPreferred = isPreferred
    }
}

/// One diagnostic-to-be.
public struct Finding: Hashable, Sendable, Codable {
    /// Rule identifier, dotted: "tone.insult", "style.repeated-word".
    public var rule: String
    public var message: String
    public var severity: Severity
    public var span: TextSpan
    public var fixes: [Fix]
    /// Relative path into docs/ that explains the rule (e.g. "docs/rules.md#style-repeated-word").
    public var documentation: String?

    public init(rule: String, message: String, severity: Severity, span: TextSpan,
                fixes: [Fix] = [], documentation: String? = nil) {
        self.rule = rule; self.message = message; self.severity = severity
        self.span = span; self.fixes = fixes; self.documentation = documentation
    }
}
