/// A description split into what to draw and how: subject phrases (the first is the main
/// subject) and the phrases that may name a style, for the encoder to judge.
///
/// The rules are deliberately simple. Comma-separated segments after the first whose words
/// include a style word ("watercolor", "pixel art", "in the style of ...") are style phrases;
/// style words inside the first segment ("a pixel art castle") are pulled out into one. The
/// remaining text is cut at prepositions and conjunctions ("a red lighthouse | on a rocky coast |
/// at dusk"); a piece whose last word is a setting or time word is the background, any other
/// piece is an object, its last word the head noun.
public struct DescriptionParts: Sendable, Equatable {
    public struct Subject: Sendable, Equatable {
        /// The piece without articles and numbers: what the clip-art index is asked for.
        public var query: String
        /// The last word, usually the noun.
        public var head: String
        /// Several of them ("boats", "two foxes").
        public var plural: Bool
    }

    public var subjects: [Subject] = []
    public var stylePhrases: [String] = []

    static let splitters: Set<String> = [
        "on", "in", "at", "by", "near", "under", "over", "with", "beside", "above", "below", "and", "behind", "across",
        "along", "through", "into", "from", "among", "against", "around", "next", "inside", "outside", "during", "while",
        "beneath", "between", "towards", "toward", "under", "upon", "to", "for", "as", "like",
    ]
    static let fillers: Set<String> = [
        "a", "an", "the", "some", "its", "his", "her", "their", "our", "my", "this", "that", "these", "those", "is", "are",
        "very", "one", "of", "s", "it", "there", "standing", "sitting", "flying", "walking", "lying", "floating",
    ]
    static let pluralMarkers: Set<String> = ["two", "three", "four", "five", "several", "many", "few", "pair", "group", "flock", "herd"]
    /// Words that only ever describe how a picture looks. Colour words stay out: they are palette.
    public static let styleVocabulary: Set<String> = {
        var words: Set<String> = [
            "watercolor", "watercolour", "aquarelle", "pixel", "pixelated", "pixels", "bit", "retro", "sketch", "sketchy",
            "ink", "pen", "pencil", "charcoal", "drawing", "drawn", "line", "lines", "poster", "flat", "posterised",
            "posterized", "painting", "painted", "paint", "style", "art", "oil", "impressionist", "impressionism",
            "expressionist", "cubist", "cubism", "abstract", "cartoon", "comic", "pop", "mosaic", "stained", "glass",
            "woodcut", "engraving", "illustration", "minimalist", "graphic", "vector", "psychedelic", "gogh", "van",
            "mondrian", "nocturne", "pastel", "crayon", "chalk", "realistic", "photographic", "folk", "collage",
        ]
        for (word, _) in StyleTable.words where SceneDescription.colourWords[word] == nil { words.insert(word) }
        // Setting and time words are the scene's, even where StyleTable lists them ("night").
        for word in SceneDescription.settingWords.keys { words.remove(word) }
        for word in SceneDescription.timeWords.keys { words.remove(word) }
        return words
    }()

    public init(_ description: String) {
        let segments = description.lowercased().split { ",;:()".contains($0) }.map(String.init)
        for (index, segment) in segments.enumerated() {
            let words = SceneDescription.words(of: segment)
            let styleWords = words.filter { Self.styleVocabulary.contains($0) }
            if index > 0 && !styleWords.isEmpty {
                stylePhrases.append(words.joined(separator: " "))
                continue
            }
            if !styleWords.isEmpty { stylePhrases.append(styleWords.joined(separator: " ")) }
            addSubjects(words.filter { !Self.styleVocabulary.contains($0) })
        }
    }

    mutating func addSubjects(_ words: [String]) {
        var piece: [String] = []
        func flush() {
            defer { piece = [] }
            let plural = piece.contains { Self.pluralMarkers.contains($0) }
            let kept = piece.filter {
                !Self.fillers.contains($0) && !Self.pluralMarkers.contains($0) && SceneDescription.timeWords[$0] == nil
                    && Int($0) == nil
            }
            guard let head = kept.last(where: { SceneDescription.colourWords[$0] == nil }) else { return }
            if SceneDescription.settingWords[head] != nil { return }
            let looksPlural = head.count > 3 && head.hasSuffix("s") && !head.hasSuffix("ss") && !head.hasSuffix("us") && !head.hasSuffix("is")
            subjects.append(Subject(query: kept.joined(separator: " "), head: head, plural: plural || looksPlural))
        }
        for word in words {
            if Self.splitters.contains(word) { flush() } else { piece.append(word) }
        }
        flush()
    }
}
