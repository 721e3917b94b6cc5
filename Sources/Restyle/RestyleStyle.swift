/// A target style: what the model is told, the examples it is shown, and how success is measured.
public struct RestyleStyle: Sendable, Equatable {
    public var name: String
    /// One imperative sentence for the system prompt ("Rewrite the text in a formal register.").
    public var instruction: String
    /// Few-shot pairs written by us; never drawn from the evaluation sets.
    public var examples: [StyleExample]
    public var measure: StyleMeasure
    /// Formality the rewrite aims at, 0 (very casual) ... 1 (very formal); used by formal/casual.
    public var level: Double?

    public init(name: String, instruction: String, examples: [StyleExample], measure: StyleMeasure,
                level: Double? = nil) {
        self.name = name; self.instruction = instruction; self.examples = examples
        self.measure = measure; self.level = level
    }

    /// This style at another formality level (clamped to 0...1); the instruction names the degree.
    public func at(level newLevel: Double) -> RestyleStyle {
        var copy = self
        let clamped = min(1, max(0, newLevel))
        copy.level = clamped
        if measure == .formality {
            copy.instruction = Self.formalityInstruction(level: clamped)
        }
        return copy
    }

    static func formalityInstruction(level: Double) -> String {
        switch level {
        case 0.85...: "Rewrite the text in a very formal, professional register. Keep every fact."
        case 0.6..<0.85: "Rewrite the text in a formal register. Keep every fact."
        case 0.4..<0.6: "Rewrite the text in a neutral, everyday register. Keep every fact."
        case 0.15..<0.4: "Rewrite the text in a casual, friendly register, with contractions and everyday words. Keep every fact."
        default: "Rewrite the text in a very casual, chatty register, with contractions and everyday words. Keep every fact."
        }
    }
}

public struct StyleExample: Sendable, Equatable {
    public var source: String
    public var rewrite: String
    public init(_ source: String, _ rewrite: String) { self.source = source; self.rewrite = rewrite }
}

/// How "style achieved" is judged for a style.
public enum StyleMeasure: String, Sendable, Equatable {
    /// Formality scorer against `RestyleStyle.level` (formal and casual).
    case formality
    /// Politeness markers.
    case politeness
    /// Shorter than the source.
    case brevity
    /// The tone classifier judges it non-offensive.
    case inoffensiveness
    /// Flesch reading ease higher than the source.
    case readability
    /// User-defined styles: no scorer; meaning and fluency rank the candidates.
    case none
}
