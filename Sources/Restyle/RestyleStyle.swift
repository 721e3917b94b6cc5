/// A target style: what the model is told and the few examples it is shown.
public struct RestyleStyle: Sendable, Equatable {
    public var name: String
    /// What the rewrite should read like, completing "Rewrite the text …" ("in a formal register: …").
    public var instruction: String
    /// A few short pairs written by us; never drawn from the evaluation sets.
    public var examples: [StyleExample]
    /// Formality 0 (very casual) ... 1 (very formal), for formal and casual; nil for the others.
    public var level: Double?
    /// How much shorter the rewrite must be, as the largest words(rewrite) / words(source) (concise only).
    public var maximumLengthRatio: Double?
    /// The rewrite must read as inoffensive to the tone classifier (neutral; polite too, as rudeness is removed).
    public var mustBeInoffensive: Bool
    /// The least meaning (encoder cosine with the source) a rewrite must keep. Neutral removes insults and
    /// plain swaps jargon for common words, which the encoder reads as larger changes.
    public var minimumMeaning: Double

    public init(name: String, instruction: String, examples: [StyleExample] = [], level: Double? = nil,
                maximumLengthRatio: Double? = nil, mustBeInoffensive: Bool = false, minimumMeaning: Double = 0.6) {
        self.name = name; self.instruction = instruction; self.examples = examples; self.level = level
        self.maximumLengthRatio = maximumLengthRatio; self.mustBeInoffensive = mustBeInoffensive
        self.minimumMeaning = minimumMeaning
    }

    /// Formal and casual take a level; the instruction names its degree.
    public var hasLevel: Bool { level != nil }

    /// This style at another formality level (clamped to 0...1).
    public func at(level newLevel: Double) -> RestyleStyle {
        guard level != nil else { return self }
        var copy = self
        copy.level = min(1, max(0, newLevel))
        copy.instruction = Self.formalityInstruction(level: copy.level ?? newLevel)
        return copy
    }

    static func formalityInstruction(level: Double) -> String {
        switch level {
        case 0.85...: "in a very formal, professional register: complete sentences, precise wording, no slang, no contractions, no chat abbreviations"
        case 0.6..<0.85: "in a formal, professional register: complete sentences, no slang, no contractions, no chat abbreviations"
        case 0.4..<0.6: "in a neutral, everyday register: clear and correct, neither stiff nor slangy"
        case 0.15..<0.4: "in a casual, friendly, conversational register: contractions, everyday words, a relaxed tone, as one colleague writes to another"
        default: "in a very casual, chatty register: contractions, everyday words, short sentences, as in a quick chat message"
        }
    }
}

public struct StyleExample: Sendable, Equatable {
    public var source: String
    public var rewrite: String
    /// The source's offensive words, named in the example's turn as the tone classifier's are in the user's.
    public var offensive: [String]
    public init(_ source: String, _ rewrite: String, offensive: [String] = []) {
        self.source = source; self.rewrite = rewrite; self.offensive = offensive
    }
}
