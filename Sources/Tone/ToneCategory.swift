import Checks

/// What the tone head scores. The head's fifth output ("toxic", trained for the public data's binary
/// labels) is not a category of its own: it is not reported.
public enum ToneCategory: String, CaseIterable, Sendable {
    case insult, profanity, hate, threat

    /// Output index in the head (Scripts/train-tone/REPORT.md: insult, profanity, hate, threat, toxic).
    public var outputIndex: Int {
        switch self {
        case .insult: 0
        case .profanity: 1
        case .hate: 2
        case .threat: 3
        }
    }

    public var ruleID: String { "tone.\(rawValue)" }

    /// Profanity alone is information; insults are warnings; hate and threats are errors.
    public var defaultSeverity: Severity {
        switch self {
        case .profanity: .information
        case .insult: .warning
        case .hate, .threat: .error
        }
    }

    public var documentation: String { "docs/TONE.md#tone-\(rawValue)" }

    /// Completes "Reads as …" / "May read as …".
    var reading: String {
        switch self {
        case .insult: "an insult"
        case .profanity: "profanity"
        case .hate: "hateful towards a group of people"
        case .threat: "a threat"
        }
    }
}
