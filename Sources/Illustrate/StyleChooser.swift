import Models

/// The style a description asks for: its style phrase (`ScenePlan.style`) is embedded and
/// compared with every `StyleCatalog` description; the best style above `threshold` is used,
/// blended half and half with the second when that is also a network style within `blendMargin`.
/// An image-operation style is used alone. No phrase or no match: `StyleChoice.neutral`.
/// Without an encoder (model missing) the older word table (`StyleTable`) decides.
public struct StyleChoice: Sendable, Equatable {
    /// Names of the chosen `StyleCatalog` styles, best first.
    public var names: [String]
    /// The phrase that matched and its similarity, for the CLI's report.
    public var phrase: String?
    public var similarity: Float?
    /// Set when an image operation replaces the network.
    public var operation: ImageStyles.Operation?
    /// multistyle26's 26 weights (ignored when `operation` is set).
    public var weights: [Float]

    /// Soft and warm (styles 11 and 12): they keep the subject readable and fit most scenes.
    public static let neutral = StyleChoice(names: ["style-11", "style-12"], phrase: nil, similarity: nil, operation: nil,
                                            weights: StyleTable.defaultWeights)
}

public enum StyleChooser {
    /// all-MiniLM-L6-v2 cosine similarity a phrase must reach to count as naming a style
    /// (unrelated phrases such as "at dusk" score about 0.1–0.25 against these descriptions).
    public static let threshold: Float = 0.3
    public static let blendMargin: Float = 0.05

    public static func choose(phrases: [String], encoder: SentenceEncoder?, description: String) -> StyleChoice {
        guard let encoder else {
            let table = StyleTable.choose(for: description)
            guard !table.words.isEmpty else { return .neutral }
            return StyleChoice(names: table.words, phrase: nil, similarity: nil, operation: nil, weights: table.weights)
        }
        guard !phrases.isEmpty else { return .neutral }
        let styles = StyleCatalog.styles
        let vectors = encoder.embed(styles.map(\.description) + phrases)
        var best = [Float](repeating: -1, count: styles.count)
        var bestPhrase = [String](repeating: "", count: styles.count)
        for (p, phrase) in phrases.enumerated() {
            let query = vectors[styles.count + p]
            for s in styles.indices {
                let similarity = SentenceEncoder.cosineSimilarity(query, vectors[s])
                if similarity > best[s] { best[s] = similarity; bestPhrase[s] = phrase }
            }
        }
        let order = styles.indices.sorted { best[$0] != best[$1] ? best[$0] > best[$1] : $0 < $1 }
        guard let top = order.first, best[top] >= threshold else { return .neutral }
        var choice = StyleChoice(names: [styles[top].name], phrase: bestPhrase[top], similarity: best[top], operation: nil,
                                 weights: [Float](repeating: 0, count: StyleTable.styleCount))
        switch styles[top].kind {
        case .operation(let operation):
            choice.operation = operation
        case .network(let index):
            choice.weights[index] = 1
            let second = order[1]
            if case .network(let other) = styles[second].kind, best[second] >= threshold, best[second] >= best[top] - blendMargin {
                choice.names.append(styles[second].name)
                choice.weights[index] = 0.5
                choice.weights[other] = 0.5
            }
        }
        return choice
    }
}
