import Prose

/// A check over a document's prose. Rules report findings with their own default
/// severity and fixes; the engine applies configuration and disable directives.
public protocol Rule: Sendable {
    /// Dotted identifier, e.g. "style.repeated-word". Its first component is the rule family.
    var id: String { get }
    var defaultSeverity: Severity { get }
    func findings(in document: ProseDocument) -> [Finding]
}
