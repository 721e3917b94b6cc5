/// Style words → weights over multistyle26's 26 built-in styles.
///
/// The styles have no names (the model never came with any), so each word points at the style
/// whose output measured closest to it: every style was run on the same smooth gradient and its
/// mean colour, brightness, saturation and edge energy recorded (docs/ILLUSTRATE.md has the
/// numbers). Several words blend their styles equally; no word gives `defaultWeights`.
/// A later version should replace this with similarity between a text encoder and style images.
public enum StyleTable {
    public static let styleCount = 26

    public static let words: [String: Int] = [
        // Darkest outputs: 20 (deep red, brightness 0.21), 6 (dark blue, 0.27).
        "dark": 20, "gothic": 20, "moody": 20, "night": 6, "nocturnal": 6,
        // Brightest: 8 (0.80, pale).
        "bright": 8, "light": 8, "airy": 8, "pastel": 8,
        // Cool: 14 (hue 194°, bright, smooth).
        "cool": 14, "icy": 14, "wintry": 14, "blue": 14,
        // Warm: 11 (hue 40°, golden).
        "warm": 11, "golden": 11, "autumn": 11, "autumnal": 11, "sunny": 11,
        // Most saturated red: 17.
        "fiery": 17, "dramatic": 17, "red": 17, "intense": 17,
        // Highest edge energy: 19 (strong strokes), then 15.
        "bold": 19, "expressive": 19, "textured": 19, "sketchy": 15, "sketch": 15,
        // Lowest edge energy with medium brightness: 12.
        "soft": 12, "calm": 12, "gentle": 12, "dreamy": 12, "smooth": 12,
        // Least saturated: 23.
        "muted": 23, "grey": 23, "gray": 23, "monochrome": 23, "sombre": 23, "somber": 23,
        // Brown and dark: 7.
        "earthy": 7, "rustic": 7, "brown": 7,
        // Green hues: 13, 24.
        "green": 13, "lush": 24, "verdant": 24,
        // Saturated with moderate edges: 3.
        "vivid": 3, "colourful": 3, "colorful": 3, "vibrant": 3,
        // Yellow-beige, low edges: 0.
        "vintage": 0, "sepia": 0, "old": 0, "faded": 0,
        // Painterly mid-tones: 4.
        "painterly": 4, "impressionist": 4, "oil": 4,
    ]

    /// No style word: half warm (11), half soft (12).
    public static let defaultWeights: [Float] = weights(for: [11, 12])

    /// The style words found in `description`, in order, and the normalised weight vector.
    public static func choose(for description: String) -> (words: [String], weights: [Float]) {
        var found: [String] = []
        var styles: [Int] = []
        for word in SceneDescription.words(of: description) {
            if let index = words[word] { found.append(word); styles.append(index) }
        }
        return styles.isEmpty ? ([], defaultWeights) : (found, weights(for: styles))
    }

    static func weights(for styles: [Int]) -> [Float] {
        var w = [Float](repeating: 0, count: styleCount)
        for s in styles { w[s] += 1 }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }
}
