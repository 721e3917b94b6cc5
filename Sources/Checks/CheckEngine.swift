import Prose

/// Runs rules over a document and applies the configuration: per-rule severity,
/// rules switched off, and `tenor-disable` directives in the document.
/// The LSP server and `tenor check` both call this, so they report the same findings.
public struct CheckEngine: Sendable {
    public var configuration: Configuration
    public let rules: [any Rule]

    public init(configuration: Configuration = Configuration(), rules: [any Rule] = CheckEngine.builtinRules) {
        self.configuration = configuration
        self.rules = rules
    }

    /// Rules that need no model.
    public static let builtinRules: [any Rule] = [RepeatedWordRule()]

    public func check(_ document: ProseDocument) -> [Finding] {
        var results: [Finding] = []
        for rule in rules {
            guard configuration.severity(for: rule.id, default: rule.defaultSeverity) != nil else { continue }
            for var finding in rule.findings(in: document) {
                guard let severity = configuration.severity(for: finding.rule, default: finding.severity),
                      !document.isDisabled(rule: finding.rule, at: finding.span.start) else { continue }
                finding.severity = severity
                results.append(finding)
            }
        }
        return results.sorted { ($0.span.start, $0.span.end, $0.rule) < ($1.span.start, $1.span.end, $1.rule) }
    }
}
