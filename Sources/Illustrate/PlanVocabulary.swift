/// The words the rule planner knows: what names a setting, a time of day, the weather, a count or a
/// size, which words join or relate subjects, and which words only say how the picture looks.
enum PlanVocabulary {
    static let settings: [String: ScenePlan.Setting] = [
        "meadow": .meadow, "meadows": .meadow, "field": .meadow, "fields": .meadow, "grassland": .meadow, "prairie": .meadow,
        "countryside": .meadow, "pasture": .meadow, "lawn": .meadow,
        "hill": .hills, "hills": .hills, "hillside": .hills, "hilltop": .hills, "valley": .hills,
        "mountain": .mountains, "mountains": .mountains, "peaks": .mountains, "alps": .mountains,
        "lake": .lake, "pond": .lake,
        "sea": .sea, "ocean": .sea, "waves": .sea, "harbour": .sea, "harbor": .sea, "coast": .sea, "shore": .sea, "bay": .sea,
        "port": .sea, "seashore": .sea,
        "beach": .beach, "seaside": .beach, "sand": .beach,
        "river": .river, "stream": .river, "creek": .river, "canal": .river, "riverbank": .river,
        "forest": .forest, "woods": .forest, "woodland": .forest, "jungle": .forest,
        "garden": .garden, "flowerbed": .garden, "backyard": .garden, "yard": .garden,
        "park": .park, "farm": .farm, "farmyard": .farm, "barnyard": .farm,
        "city": .city, "town": .city, "skyline": .city, "downtown": .city, "village": .city,
        "street": .street, "road": .street, "avenue": .street, "alley": .street,
        "room": .room, "kitchen": .room, "bedroom": .room, "office": .room, "classroom": .room, "library": .room,
        "indoors": .room, "interior": .room, "cafe": .room, "studio": .room, "attic": .room, "bathroom": .room,
        "desert": .desert, "dunes": .desert,
        "arctic": .snow, "tundra": .snow, "glacier": .snow, "snowfield": .snow,
        "space": .space, "galaxy": .space, "cosmos": .space, "universe": .space, "orbit": .space,
        "sky": .sky, "skies": .sky, "air": .sky,
    ]

    static let times: [String: ScenePlan.TimeOfDay] = [
        "dawn": .dawn, "sunrise": .dawn, "daybreak": .dawn, "morning": .morning,
        "day": .day, "daytime": .day, "daylight": .day, "noon": .day, "midday": .day, "afternoon": .day,
        "sunset": .sunset, "dusk": .sunset, "twilight": .sunset, "evening": .evening,
        "night": .night, "midnight": .night, "nighttime": .night, "moonlit": .night, "moonlight": .night, "nocturnal": .night,
    ]

    static let weather: [String: ScenePlan.Weather] = [
        "sunny": .sunny, "sunshine": .sunny, "sunlit": .sunny, "sun": .sunny,
        "cloudy": .cloudy, "overcast": .cloudy, "clouds": .cloudy, "cloud": .cloudy,
        "rain": .rainy, "rainy": .rainy, "raining": .rainy, "drizzle": .rainy, "rainstorm": .rainy,
        "snow": .snowy, "snowy": .snowy, "snowing": .snowy, "snowfall": .snowy, "snowflakes": .snowy, "winter": .snowy,
        "fog": .foggy, "foggy": .foggy, "mist": .foggy, "misty": .foggy, "haze": .foggy, "hazy": .foggy,
        "storm": .stormy, "stormy": .stormy, "thunderstorm": .stormy, "lightning": .stormy, "thunder": .stormy,
        "wind": .windy, "windy": .windy, "breezy": .windy,
    ]

    /// Things the background draws: never subjects. A moon or stars make it night.
    static let skyThings: Set<String> = [
        "moon", "stars", "star", "starry", "sky", "skies", "horizon", "sunlight", "background", "spring", "summer", "autumn",
        "fall", "winter", "season", "weather", "scene", "landscape", "view", "distance", "foreground",
    ]
    static let nightThings: Set<String> = ["moon", "stars", "star", "starry"]

    static let counts: [String: Int] = [
        "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "pair": 2, "couple": 2, "twin": 2, "twins": 2,
        "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "dozen": 12, "several": 3, "few": 3, "some": 3, "many": 5, "lots": 5,
        "flock": 5, "herd": 5, "group": 4, "crowd": 6, "pack": 4, "swarm": 6, "bunch": 5, "row": 4, "family": 3,
    ]

    static let sizes: [String: ScenePlan.Size] = [
        "small": .small, "little": .small, "tiny": .small, "miniature": .small, "baby": .small,
        "big": .large, "large": .large, "huge": .large, "giant": .large, "tall": .large, "enormous": .large,
        "towering": .large, "massive": .large, "great": .large,
    ]

    static let fillers: Set<String> = [
        "a", "an", "the", "its", "his", "her", "their", "our", "my", "this", "that", "these", "those", "is", "are", "of", "it",
        "there", "very", "s", "each", "other", "who", "which", "while", "being", "has", "have", "full",
    ]

    /// Containers: "a cup of coffee" is a coffee cup.
    static let containers: Set<String> = ["cup", "mug", "glass", "bowl", "plate", "basket", "vase", "jar", "bottle", "box", "bag", "pot", "bucket"]

    /// Words that split subjects and the relation they put the thing before in (to the thing after).
    /// Longer phrases are tried first.
    static let relationPhrases: [([String], ScenePlan.Relation)] = [
        (["to", "the", "left", "of"], .leftOf), (["to", "the", "right", "of"], .rightOf),
        (["on", "the", "left", "of"], .leftOf), (["on", "the", "right", "of"], .rightOf),
        (["in", "front", "of"], .inFrontOf), (["on", "top", "of"], .on), (["next", "to"], .nextTo), (["close", "to"], .nextTo),
        (["leaning", "against"], .leaningAgainst), (["left", "of"], .leftOf), (["right", "of"], .rightOf),
        (["beside"], .nextTo), (["besides"], .nextTo), (["by"], .nextTo), (["near"], .nextTo), (["alongside"], .nextTo),
        (["on"], .on), (["upon"], .on), (["atop"], .on), (["onto"], .on),
        (["under"], .under), (["beneath"], .under), (["below"], .under), (["underneath"], .under),
        (["over"], .over), (["above"], .over), (["behind"], .behind), (["against"], .leaningAgainst),
    ]

    /// Words that split subjects without a relation.
    static let splitters: Set<String> = [
        "in", "at", "with", "and", "across", "along", "through", "into", "from", "among", "around", "inside", "outside",
        "during", "while", "between", "towards", "toward", "to", "for", "as", "like", "past", "up", "down", "out", "off",
        "or", "but", "then", "after", "before", "beyond", "within", "amid", "amidst", "under",
    ]

    /// Verbs in the third person that join an agent and an object ("a cat sits on a mat").
    static let verbs: Set<String> = [
        "sits", "stands", "holds", "wears", "flies", "reads", "eats", "drinks", "plays", "looks", "lies", "rides", "carries",
        "watches", "waters", "chases", "grazes", "sleeps", "swims", "runs", "walks", "jumps", "crosses", "hangs", "floats",
        "perches", "rests", "leans", "waits", "sails", "climbs", "pulls", "pushes", "drives", "catches", "feeds", "hugs",
        "kicks", "throws", "paints", "bakes", "cooks", "stares", "sings", "dances", "peeks", "hides", "guards", "hunts",
        "sit", "stand", "hold", "wear", "fly", "read", "eat", "drink", "play", "look", "lie", "ride", "carry", "watch",
        "graze", "sleep", "swim", "run", "walk", "jump", "cross", "hang", "float", "perch", "rest", "lean", "wait", "sail",
        "climb", "pull", "push", "drive", "chase", "catch", "feed", "hug", "kick", "throw", "wave", "waves", "roam", "roams",
        "made", "covered", "filled", "parked", "perched", "seated", "tied", "moored", "stacked", "piled", "lit",
    ]

    /// -ing words that are nouns (or setting words), not verbs.
    static let ingNouns: Set<String> = [
        "building", "buildings", "painting", "paintings", "ring", "rings", "king", "kings", "wing", "wings", "string",
        "swing", "swings", "spring", "ceiling", "evening", "morning", "clothing", "pudding", "sibling", "duckling",
        "ducklings", "seedling", "dumpling", "icing", "thing", "things", "viking", "vikings", "lightning", "railing",
        "wedding", "sling", "earring", "herring", "gosling", "awning", "bedding", "frosting", "sapling", "saplings",
        "lemming", "wring", "offspring", "darling", "sterling", "inkling", "kingpin", "starling", "starlings", "dressing",
        "stuffing", "landing", "sing", "bring", "sting", "ping", "ding", "living", "dining",
    ]

    /// Verbs whose object is on the agent ("a snowman wearing a hat"), or the agent on the object ("riding a bike").
    static let objectOnAgentVerbs: Set<String> = ["wearing", "wears", "wear"]
    static let agentOnObjectVerbs: Set<String> = ["riding", "rides", "ride"]

    /// Words that only ever describe how a picture looks. Colour words are not among them (they are the
    /// subject's), nor setting, time or weather words.
    static let style: Set<String> = {
        var words: Set<String> = [
            "watercolor", "watercolour", "aquarelle", "pixel", "pixelated", "pixels", "bit", "retro", "sketch", "sketchy",
            "ink", "pen", "pencil", "charcoal", "drawing", "drawn", "line", "lines", "poster", "flat", "posterised",
            "posterized", "painting", "painted", "paint", "style", "art", "oil", "impressionist", "impressionism",
            "expressionist", "cubist", "cubism", "abstract", "cartoon", "comic", "pop", "mosaic", "stained", "woodcut",
            "engraving", "illustration", "minimalist", "graphic", "vector", "psychedelic", "gogh", "van", "mondrian",
            "nocturne", "pastel", "crayon", "chalk", "realistic", "photographic", "folk", "collage", "vintage", "travel",
            "storybook", "linocut", "gouache", "acrylic", "render", "lowpoly", "isometric", "anime", "manga", "children's",
            "childrens", "book", "picture", "print", "screen", "stencil", "etching", "photo", "photograph", "sepia",
            "monochrome", "noir", "ukiyo", "postcard", "doodle", "clipart", "icon", "sticker", "emoji", "claymation",
        ]
        for (word, _) in StyleTable.words where SceneDescription.colourWords[word] == nil { words.insert(word) }
        for word in settings.keys { words.remove(word) }
        for word in times.keys { words.remove(word) }
        for word in weather.keys { words.remove(word) }
        for word in sizes.keys { words.remove(word) }
        return words
    }()

    /// Style words that also name things; they are style only beside another style word ("stained glass", "oil
    /// painting") or in a segment of their own.
    static let ambiguousStyle: Set<String> = ["glass", "book", "picture", "print", "screen", "line", "lines", "pen", "ink", "icon", "photo", "travel", "light", "bit"]
}
