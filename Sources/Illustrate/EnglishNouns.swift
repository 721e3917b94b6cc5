/// English noun forms the planners need: the singular of a plural, and whether a word is a plural.
/// Suffix rules with the common exceptions; good enough for the nouns of picture descriptions.
public enum EnglishNouns {
    static let irregular: [String: String] = [
        "mice": "mouse", "geese": "goose", "children": "child", "people": "person", "men": "man", "women": "woman",
        "feet": "foot", "teeth": "tooth", "oxen": "ox", "buses": "bus", "cookies": "cookie", "movies": "movie",
        "pies": "pie", "ties": "tie", "leaves": "leaf", "loaves": "loaf", "knives": "knife", "wives": "wife",
        "lives": "life", "shelves": "shelf", "wolves": "wolf", "calves": "calf", "halves": "half", "scarves": "scarf",
        "elves": "elf", "dwarves": "dwarf", "hooves": "hoof", "thieves": "thief", "sheaves": "sheaf", "wharves": "wharf",
        "selves": "self", "bookshelves": "bookshelf", "giraffes": "giraffe", "cliffs": "cliff", "roofs": "roof",
        "chefs": "chef", "cacti": "cactus", "fungi": "fungus", "dice": "die", "canoes": "canoe", "shoes": "shoe",
        "toes": "toe", "horses": "horse", "houses": "house", "vases": "vase", "cases": "case", "bases": "base",
        "roses": "rose", "noses": "nose", "tortoises": "tortoise", "purses": "purse",
        "nurses": "nurse", "blouses": "blouse", "cheeses": "cheese", "glasses": "glass", "lenses": "lens",
        "mooses": "moose", "axes": "axe", "caches": "cache", "niches": "niche", "cafes": "cafe", "safes": "safe",
    ]
    /// Singular nouns in -men.
    static let menSingulars: Set<String> = ["ramen", "stamen", "specimen", "abdomen", "omen", "hymen", "lumen", "regimen", "acumen"]
    /// Same in both numbers.
    static let unchanged: Set<String> = [
        "sheep", "fish", "deer", "moose", "salmon", "trout", "bison", "aircraft", "series", "species", "grass", "glass",
        "bus", "octopus", "cactus", "walrus", "platypus", "hippopotamus", "asparagus", "citrus", "iris", "lotus",
        "compass", "dress", "chess", "cross", "moss", "bass", "goldfish", "jellyfish", "starfish", "swordfish", "news",
        "gas", "canvas", "atlas", "tennis", "physics", "christmas", "hummus", "lens", "bonus", "circus", "virus",
        "campus", "cyclops", "pegasus", "chassis", "corps",
        // One thing named in the plural.
        "sunglasses", "spectacles", "binoculars", "scissors", "trousers", "jeans", "pants", "shorts", "pyjamas", "pajamas",
        "overalls", "headphones", "earphones", "goggles", "tongs", "pliers",
    ]

    /// "balloons" → "balloon", "foxes" → "fox", "butterflies" → "butterfly", "sheep" → "sheep".
    public static func singular(_ word: String) -> String {
        if unchanged.contains(word) { return word }
        if let known = irregular[word] { return known }
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        // "fishermen", "snowmen" (not "ramen", "stamen").
        if word.hasSuffix("men"), !menSingulars.contains(word) { return String(word.dropLast(3)) + "man" }
        // -f nouns that change ("wolves", "leaves") are listed; the rest just add -s ("hives", "gloves", "caves").
        for suffix in ["sses", "ches", "shes", "xes", "zzes", "oes"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") || word.hasSuffix("'s") { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    /// True when `word` is a plural that `singular` changes ("sheep" is not: its number is not in the word).
    public static func isPlural(_ word: String) -> Bool { singular(word) != word }

    /// A noun phrase with its last word made singular: "hot air balloons" → "hot air balloon".
    public static func singularPhrase(_ phrase: String) -> String {
        var words = phrase.split(separator: " ").map(String.init)
        guard let last = words.last else { return phrase }
        words[words.count - 1] = singular(last)
        return words.joined(separator: " ")
    }
}
