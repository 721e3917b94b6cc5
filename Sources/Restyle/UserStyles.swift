extension RestyleStyle {
    /// A user-defined style (`[styles.NAME]` in `.tenor.toml`): its instruction completes "Rewrite the text …",
    /// or stands alone when it is a whole sentence.
    public init(userStyle name: String, instruction: String, examples: [(String, String)]) {
        self.init(name: name, instruction: instruction, examples: examples.map { StyleExample($0.0, $0.1) })
    }
}

public enum StyleCatalog {
    /// Built-in styles, then user styles sorted by name; a user style named like a built-in replaces it.
    public static func merged(userStyles: [RestyleStyle]) -> [RestyleStyle] {
        let user = userStyles.sorted { $0.name < $1.name }
        let userNames = Set(user.map(\.name))
        return BuiltInStyles.all.filter { !userNames.contains($0.name) } + user
    }
}
