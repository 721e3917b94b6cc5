extension RestyleStyle {
    /// A user-defined style (`[styles.NAME]` in `.tenor.toml`): its instruction completes "Rewrite the text …",
    /// or stands alone when it is a whole sentence.
    public init(userStyle name: String, instruction: String, examples: [(String, String)]) {
        self.init(name: name, instruction: instruction, examples: examples.map { StyleExample($0.0, $0.1) })
    }
}

public enum StyleCatalog {
    /// The style called `name` among `styles`, at `level` when one is given: what `tenor rewrite --style` and
    /// `POST /v1/tenor/rewrite` ask for, checked the same way for both.
    public static func choose(_ name: String, level: Double?, among styles: [RestyleStyle]) throws(StyleChoiceError) -> RestyleStyle {
        guard let style = styles.first(where: { $0.name == name }) else {
            throw .unknownStyle(name, known: styles.map(\.name))
        }
        guard let level else { return style }
        guard (0...1).contains(level) else { throw .levelOutOfRange }
        guard style.hasLevel else { throw .levelNotApplicable }
        return style.at(level: level)
    }

    /// Built-in styles, then user styles sorted by name; a user style named like a built-in replaces it.
    public static func merged(userStyles: [RestyleStyle]) -> [RestyleStyle] {
        let user = userStyles.sorted { $0.name < $1.name }
        let userNames = Set(user.map(\.name))
        return BuiltInStyles.all.filter { !userNames.contains($0.name) } + user
    }
}

/// Why a style name and level could not be used.
public enum StyleChoiceError: Error, Equatable, CustomStringConvertible {
    case unknownStyle(String, known: [String])
    case levelOutOfRange
    case levelNotApplicable

    public var description: String {
        switch self {
        case let .unknownStyle(name, known): "unknown style '\(name)'; known: \(known.joined(separator: ", "))"
        case .levelOutOfRange: "the level must be between 0 and 1"
        case .levelNotApplicable: "a level applies to formal and casual only"
        }
    }
}
