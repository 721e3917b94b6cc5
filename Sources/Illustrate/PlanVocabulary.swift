/// The words the rule planner knows: what names a setting, a time of day, the weather, a count or a
/// size, which words join or relate subjects, and which words only say how the picture looks.
enum PlanVocabulary {
    /// Places and landscapes: where the scene is, never a subject. Two-word entries ("living room") are
    /// matched on a piece's last two words.
    static let settings: [String: ScenePlan.Setting] = [
        "meadow": .meadow, "meadows": .meadow, "field": .meadow, "fields": .meadow, "grassland": .meadow, "prairie": .meadow,
        "countryside": .meadow, "pasture": .meadow, "lawn": .meadow, "savanna": .meadow, "savannah": .meadow, "plain": .meadow,
        "plains": .meadow, "steppe": .meadow, "heath": .meadow, "moor": .meadow, "moors": .meadow, "moorland": .meadow,
        "clearing": .meadow, "glade": .meadow, "grass": .meadow, "grasses": .meadow,
        "hill": .hills, "hills": .hills, "hillside": .hills, "hilltop": .hills, "valley": .hills, "slope": .hills, "slopes": .hills,
        "ridge": .hills, "highlands": .hills, "uplands": .hills, "downs": .hills, "lowlands": .meadow, "wilderness": .meadow,
        "outback": .desert,
        "mountain": .mountains, "mountains": .mountains, "peak": .mountains, "peaks": .mountains, "alps": .mountains,
        "summit": .mountains, "cave": .mountains, "caves": .mountains, "cavern": .mountains, "cliff": .mountains, "cliffs": .mountains,
        "rockface": .mountains, "gorge": .mountains,
        "lake": .lake, "pond": .lake, "lagoon": .lake, "swamp": .lake, "marsh": .lake, "wetland": .lake, "wetlands": .lake,
        "bog": .lake, "water": .lake, "waters": .lake, "waterhole": .lake, "watering hole": .lake, "pool": .lake, "swimming pool": .lake, "reservoir": .lake,
        "sea": .sea, "ocean": .sea, "waves": .sea, "harbour": .sea, "harbor": .sea, "coast": .sea, "coastline": .sea, "shore": .sea,
        "shoreline": .sea, "bay": .sea, "cove": .sea, "port": .sea, "seashore": .sea, "pier": .sea, "jetty": .sea, "dock": .sea,
        "docks": .sea, "wharf": .sea, "quay": .sea, "marina": .sea, "reef": .sea, "seabed": .sea, "seafloor": .sea, "underwater": .sea,
        "beach": .beach, "seaside": .beach, "sand": .beach, "sands": .beach, "island": .beach, "sandbar": .beach,
        "river": .river, "stream": .river, "creek": .river, "brook": .river, "canal": .river, "riverbank": .river,
        "riverside": .river, "waterfall": .river, "waterfalls": .river, "rapids": .river,
        "forest": .forest, "woods": .forest, "woodland": .forest, "jungle": .forest, "rainforest": .forest, "grove": .forest,
        "thicket": .forest, "treetops": .forest, "undergrowth": .forest,
        "garden": .garden, "gardens": .garden, "flowerbed": .garden, "backyard": .garden, "yard": .garden, "orchard": .garden,
        "porch": .garden, "patio": .garden, "terrace": .garden, "balcony": .garden, "veranda": .garden, "verandah": .garden,
        "courtyard": .garden, "allotment": .garden, "vegetable patch": .garden,
        "park": .park, "playground": .park, "campsite": .park, "campground": .park, "zoo": .park, "path": .park,
        "footpath": .park, "trail": .park,
        "farm": .farm, "farmyard": .farm, "barnyard": .farm, "ranch": .farm, "vineyard": .farm, "cornfield": .farm,
        "wheatfield": .farm, "paddock": .farm, "farmland": .farm, "corn field": .farm, "wheat field": .farm,
        "city": .city, "town": .city, "skyline": .city, "downtown": .city, "village": .city, "suburb": .city, "suburbs": .city,
        "neighbourhood": .city, "neighborhood": .city, "market": .city, "marketplace": .city, "square": .city, "plaza": .city,
        "rooftop": .city, "rooftops": .city, "metropolis": .city,
        "street": .street, "road": .street, "avenue": .street, "alley": .street, "alleyway": .street, "lane": .street,
        "highway": .street, "motorway": .street, "sidewalk": .street, "pavement": .street, "crossroads": .street,
        "intersection": .street, "driveway": .street, "platform": .street, "railway": .street, "parking lot": .street,
        "car park": .street,
        "room": .room, "kitchen": .room, "bedroom": .room, "office": .room, "classroom": .room, "bathroom": .room,
        "indoors": .room, "interior": .room, "studio": .room, "attic": .room, "basement": .room, "cellar": .room,
        "hallway": .room, "corridor": .room, "nursery": .room, "lobby": .room, "windowsill": .room, "living room": .room,
        "dining room": .room, "stage": .room, "doorstep": .street, "mountain pass": .mountains, "northern lights": .sky,
        "desert": .desert, "dunes": .desert, "dune": .desert, "canyon": .desert, "oasis": .desert, "badlands": .desert,
        "arctic": .snow, "antarctic": .snow, "antarctica": .snow, "tundra": .snow, "glacier": .snow, "snowfield": .snow, "ice": .snow, "snow": .snow,
        "space": .space, "galaxy": .space, "cosmos": .space, "universe": .space, "orbit": .space, "crater": .space, "planet": .space,
        "nebula": .space, "outer space": .space,
        "sky": .sky, "skies": .sky, "air": .sky,
    ]

    /// Where a subject usually is, for a description that names no setting ("a lamp on a desk" is indoors).
    static let impliedSettings: [String: ScenePlan.Setting] = [
        "table": .room, "desk": .room, "sofa": .room, "couch": .room, "bed": .room, "lamp": .room, "shelf": .room, "bookshelf": .room,
        "bookcase": .room, "cushion": .room, "pillow": .room, "fireplace": .room, "armchair": .room, "chair": .room, "rug": .room,
        "carpet": .room, "blanket": .room, "laptop": .room, "computer": .room, "piano": .room, "bathtub": .room, "stove": .room,
        "oven": .room, "fridge": .room, "cupboard": .room, "wardrobe": .room, "teapot": .room, "kettle": .room, "aquarium": .room,
        "barn": .farm, "tractor": .farm, "scarecrow": .farm, "haystack": .farm, "silo": .farm, "hen": .farm, "chicken": .farm,
        "snowman": .snow, "igloo": .snow, "sled": .snow, "sledge": .snow, "penguin": .snow, "polar bear": .snow,
        "lighthouse": .sea, "sailboat": .sea, "ship": .sea, "yacht": .sea, "seagull": .sea,
        "astronaut": .space, "ufo": .space, "satellite": .space, "spaceship": .space,
        "bus stop": .street, "traffic light": .street, "fire hydrant": .street, "lamp post": .street, "taxi": .street,
        "tent": .forest, "campfire": .forest, "koala": .forest, "squirrel": .forest, "deer": .forest,
        "camel": .desert, "cactus": .desert,
    ]
    /// Setting words that, before another noun, only say what it is made of or for ("ice cream", "water lily", "snow globe").
    static let settingModifiersOnly: Set<String> = ["ice", "water", "sand", "air", "grass", "snow"]

    /// Places that are buildings too: the setting when the scene is in them or at them ("a chef in a bakery",
    /// "a train at the station"), a subject otherwise ("a bicycle in front of a bakery").
    static let buildingPlaces: [String: ScenePlan.Setting] = [
        "bakery": .room, "cafe": .room, "restaurant": .room, "diner": .room, "shop": .room, "store": .room, "supermarket": .room,
        "library": .room, "museum": .room, "gallery": .room, "school": .room, "church": .room, "cathedral": .room, "gym": .room,
        "theatre": .room, "theater": .room, "cinema": .room, "hospital": .room, "factory": .room, "pub": .room, "hotel": .room,
        "workshop": .room, "garage": .room, "warehouse": .room, "mall": .room, "house": .room,
        "cabin": .room, "cottage": .room, "barn": .farm, "stable": .farm, "greenhouse": .garden, "station": .street, "airport": .street,
    ]
    /// Prepositions that put the scene inside a place or at it.
    static let insidePrepositions: Set<String> = ["in", "inside", "at", "into", "within", "through", "from", "around"]
    /// Prepositions after which a proper name is a place ("in Venice", "at Brighton", "near Paris").
    static let placePrepositions: Set<String> = ["in", "at", "from", "near", "across", "around", "through", "over", "above", "outside"]

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

    /// The sky, the ground, water and light, which the background draws: never subjects. A moon or stars make it night.
    static let skyThings: Set<String> = [
        "moon", "stars", "star", "starry", "sky", "skies", "horizon", "sunlight", "background", "spring", "summer", "autumn",
        "fall", "winter", "season", "weather", "scene", "landscape", "view", "distance", "foreground", "sun", "moonlight",
        "starlight", "sunrise", "sunset", "sunbeams", "rays", "glow", "shadow", "shadows", "shade", "darkness", "dark",
        "ground", "earth", "soil", "dirt", "mud", "puddle", "puddles", "snow", "snowflakes", "flakes", "raindrops",
        "drops", "rainbow", "aurora", "breeze", "tide", "rocks", "stones", "pebbles", "boulders", "air", "surface", "scenery", "nature", "outdoors", "setting", "atmosphere",
    ]

    /// Whether a piece whose last word is `head` is background (a place, the sky, the ground, a time, the weather).
    static func isBackground(_ head: String) -> Bool {
        settings[head] != nil || times[head] != nil || weather[head] != nil || skyThings.contains(head)
    }

    /// Positions on or in something ("the top of a hill", "the corner of the room"): neither subject nor setting.
    static let positions: Set<String> = [
        "top", "bottom", "middle", "centre", "center", "edge", "edges", "corner", "side", "sides", "foot", "end", "front", "back",
        "left", "right", "surface", "inside", "outside", "rest", "shape", "kind", "sort", "type", "lot", "lots", "plenty",
    ]

    /// Body parts: part of a subject, never one of their own unless named first ("holding hands", "a cat with green eyes").
    static let bodyParts: Set<String> = [
        "eye", "hair", "beard", "moustache", "mustache", "tail", "wing", "ear", "nose", "mouth", "leg", "arm", "hand", "finger",
        "face", "smile", "grin", "horn", "antler", "feather", "fur", "mane", "whisker", "paw", "beak", "claw", "head", "body",
        "neck", "fin", "tusk", "freckle", "curl", "braid", "ponytail", "cheek", "lip", "tooth", "knee", "shoulder", "toe",
    ]
    /// Parts and features a thing has "with" or "from" ("a house with a red door", "smoke rising from the chimney").
    static let features: Set<String> = bodyParts.union([
        "spot", "stripe", "petal", "roof", "chimney", "window", "door", "wheel", "sail", "handle", "lid", "light", "shadow",
        "colour", "color", "pattern", "texture", "detail", "expression", "shell", "scale", "trunk", "glow", "reflection", "steam",
        "smoke", "sparkle", "shine",
    ])

    /// Things worn: "in a yellow raincoat" and "with a hat" put them on the wearer.
    static let clothes: Set<String> = [
        "hat", "cap", "beret", "helmet", "crown", "scarf", "coat", "raincoat", "jacket", "sweater", "jumper", "hoodie", "cardigan",
        "dress", "skirt", "shirt", "t-shirt", "suit", "uniform", "costume", "apron", "cloak", "cape", "robe", "kimono", "pyjamas",
        "pajamas", "overalls", "boot", "shoe", "sneaker", "slipper", "sandal", "glove", "mitten", "sock", "tie", "bowtie",
        "glasses", "sunglasses", "goggles", "mask", "backpack", "necklace", "bow", "ribbon", "tutu", "vest", "wellies",
    ]

    /// Adjectives that say how a thing is, for telling "an old | rocking chair" from "a man | fishing". A piece that
    /// ends in one names nothing.
    static let adjectives: Set<String> = [
        "old", "new", "young", "ancient", "modern", "antique", "happy", "sad", "angry", "lonely", "lone", "cute", "pretty",
        "beautiful", "lovely", "ugly", "funny", "silly", "friendly", "fierce", "curious", "playful", "proud", "brave", "wise",
        "sleepy", "lazy", "busy", "quiet", "calm", "peaceful", "noisy", "cosy", "cozy", "warm", "cold", "hot", "cool", "wet",
        "dry", "fresh", "clean", "dirty", "empty", "full", "open", "closed", "bright", "dark", "pale", "heavy", "soft",
        "hard", "smooth", "rough", "shiny", "fluffy", "furry", "fuzzy", "wooden", "golden", "woolly", "woollen",
        "rusty", "broken", "striped", "spotted", "tabby", "wild", "tame",
        "majestic", "mysterious", "magical", "enchanted", "medieval", "tropical", "snowy", "sandy", "rocky", "grassy",
        "misty", "foggy", "sunny", "rainy", "stormy", "cloudy", "windy", "frozen", "icy", "dusty", "leafy", "shady", "dense",
        "thick", "thin", "long", "short", "round", "flat", "high", "low", "deep", "shallow", "wide", "narrow", "steep",
        "lush", "vibrant", "colourful", "colorful", "striking", "gentle", "sturdy", "tiny", "elegant", "fancy",
        "simple", "rustic", "cheerful", "gloomy", "spooky", "scary", "haunted", "abandoned", "crowded", "distant",
        "nearby", "lonesome", "lit", "tall", "huge", "small", "big", "little", "great", "single", "lucky", "famous",
    ]
    static func isAdjective(_ word: String) -> Bool {
        adjectives.contains(word) || ["ful", "ous", "less"].contains { word.count > 5 && word.hasSuffix($0) }
    }

    /// -ed words that are nouns.
    static let edNouns: Set<String> = ["flowerbed", "riverbed", "seabed", "seed", "weed", "reed", "steed", "tweed", "breed", "hundred", "sled", "shed", "bed"]
    static let nightThings: Set<String> = ["moon", "stars", "star", "starry"]

    static let counts: [String: Int] = [
        "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "pair": 2, "couple": 2, "twin": 2, "twins": 2, "double": 2,
        "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "dozen": 12, "several": 3, "few": 3, "some": 3, "many": 5, "lots": 5,
        "flock": 5, "herd": 5, "group": 4, "crowd": 6, "pack": 4, "swarm": 6, "bunch": 5, "row": 4, "family": 3,
    ]

    /// Count words that head their own phrase: "a flock of seagulls" is the seagulls.
    static let quantityNouns: Set<String> = ["pair", "couple", "flock", "herd", "group", "crowd", "pack", "swarm", "bunch", "row", "family", "dozen", "lots"]
    /// Quantity nouns that are people when nothing else is named ("a couple dancing", "a family of four").
    static let peopleQuantities: Set<String> = ["couple", "group", "crowd", "family"]

    static let sizes: [String: ScenePlan.Size] = [
        "small": .small, "little": .small, "tiny": .small, "miniature": .small, "baby": .small,
        "big": .large, "large": .large, "huge": .large, "giant": .large, "tall": .large, "enormous": .large,
        "towering": .large, "massive": .large, "great": .large,
    ]

    static let fillers: Set<String> = [
        "a", "an", "the", "its", "his", "her", "their", "our", "my", "this", "that", "these", "those", "is", "are", "of", "it",
        "there", "very", "s", "each", "other", "who", "which", "while", "being", "has", "have", "full", "he", "she", "they",
        "them", "him", "we", "you", "i", "me", "us", "was", "were", "be", "been", "some", "any", "another", "your", "whose",
        // Adverbs of place and manner.
        "overhead", "nearby", "together", "alone", "away", "everywhere", "far", "here", "again", "gently", "slowly", "quickly",
        "happily", "peacefully", "lazily", "softly", "quietly", "high", "low",
    ]

    /// What someone does rather than a thing ("casting a spell", "taking a nap"): not subjects.
    static let activities: Set<String> = [
        "spell", "nap", "walk", "stroll", "rest", "look", "fun", "trip", "journey", "break", "moment", "time", "selfie", "photo",
        "bath", "swim", "dive", "jump", "leap", "turn", "dance", "song", "game", "guard", "pollen", "nectar",
    ]

    /// Containers: "a cup of coffee" is a coffee cup.
    static let containers: Set<String> = [
        "cup", "mug", "glass", "bowl", "plate", "basket", "vase", "jar", "bottle", "box", "bag", "pot", "bucket", "slice", "piece",
        "loaf", "scoop", "stack", "pile", "heap", "bouquet", "tray", "crate", "barrel", "jug", "pitcher", "can",
    ]

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

    /// First words of the relation phrases ("in" of "in front of"): they start a new phrase.
    static let relationStarts: Set<String> = Set(relationPhrases.compactMap(\.0.first))

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
        "grows", "grow", "shines", "shine", "falls", "rises", "rise", "glows", "glow", "blooms", "bloom", "lands", "land", "flows",
        "overlooks", "overlook", "surrounds", "surround", "builds", "build", "makes", "make", "paint", "bake",
        "cook", "stir", "stirs", "digs", "dig", "sat", "stood", "lay", "flew", "ran", "swam", "rode", "drove",
        "held", "wore", "ate", "drank", "sang", "hid", "slept", "fell", "grew", "is", "are", "gazes", "gaze",
        "follows", "follow", "meets", "meet", "greets", "greet", "visits", "visit", "enjoys", "enjoy",
    ]

    /// -ing words that are nouns (or setting words), not verbs.
    static let ingNouns: Set<String> = [
        "building", "buildings", "painting", "paintings", "ring", "rings", "king", "kings", "wing", "wings", "string",
        "swing", "swings", "spring", "ceiling", "evening", "morning", "clothing", "pudding", "sibling", "duckling",
        "ducklings", "seedling", "dumpling", "icing", "thing", "things", "viking", "vikings", "lightning", "railing",
        "wedding", "sling", "earring", "herring", "gosling", "awning", "bedding", "frosting", "sapling", "saplings",
        "lemming", "wring", "offspring", "darling", "sterling", "inkling", "kingpin", "starling", "starlings", "dressing",
        "stuffing", "sing", "drawing", "drawings", "stocking", "stockings", "carving", "opening", "bowling", "bring", "sting", "ping", "ding", "living", "dining",
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
    static let ambiguousStyle: Set<String> = [
        "glass", "book", "picture", "print", "screen", "line", "lines", "pen", "ink", "icon", "photo", "travel", "light", "bit", "vintage",
        // Adjectives of the style table that describe things as often ("an old man", "a calm lake", "a dark cave").
        "old", "warm", "cool", "soft", "smooth", "calm", "gentle", "golden", "dark", "bright", "icy", "lush", "colourful", "colorful",
        "vibrant", "vivid", "rustic", "bold", "faded", "airy", "intense", "verdant", "autumnal", "wintry",
    ]
}
