/// The words the rule planner knows: what names a setting, a time of day, the weather, a count or a
/// size, which words join or relate subjects, and which words only say how the picture looks.
enum PlanVocabulary {
    /// Places and landscapes: where the scene is, never a subject. Two-word entries ("living room") are
    /// matched on a piece's last two words. The words first fitted on the development rows, then the
    /// broader place lexicon below.
    static let settings: [String: ScenePlan.Setting] = {
        var all = fittedSettings
        for (setting, words) in placeLexicon { for word in words where all[word] == nil { all[word] = setting } }
        for word in venues where all[word] == nil { all[word] = .park }
        return all
    }()

    /// Common place nouns by kind of place (landforms, water, plants, rooms, streets, sky), so that a place no
    /// development row named ("a misty fjord", "a reading nook", "a rocky ledge") is still background. Buildings
    /// that are places only when the scene is in them are `buildingPlaces`.
    static let placeLexicon: [(ScenePlan.Setting, [String])] = [
        // Landforms.
        (.mountains, ["mountaintop", "mountaintops", "mountainside", "plateau", "ledge", "ledges", "crag", "crags", "bluff", "bluffs",
                      "outcrop", "precipice", "ravine", "gully", "gulch", "crest", "escarpment", "scree", "massif", "mountain range",
                      "grotto", "grottoes", "caverns", "cliffside", "cliff edge", "cliff top", "clifftop", "summits", "pinnacle",
                      "rock face", "boulder field", "volcano crater", "lava field", "alpine", "tor", "fells"]),
        (.hills, ["foothills", "hillock", "knoll", "mound", "dell", "dale", "glen", "vale", "hillsides", "hilltops", "countryside hills",
                  "rolling hills", "terraces", "highland", "upland", "embankment"]),
        (.desert, ["mesa", "butte", "salt flats", "salt flat", "wasteland", "wastelands", "dust bowl", "sand dunes", "scrubland",
                   "drylands", "sahara", "gobi"]),
        (.meadow, ["pastures", "grasslands", "prairies", "heathland", "heather", "fields", "paddy", "paddies", "rice paddy",
                   "hayfield", "hay field", "farm field", "lowland", "veld", "veldt", "pampas", "bushland",
                   "scrub", "range land", "rangeland"]),
        // Water.
        (.lake, ["fen", "mire", "bayou", "slough", "billabong", "millpond", "fishpond", "duck pond", "ponds", "lakes", "lakeshore",
                 "lakeside", "waterside", "waters edge", "shallows", "puddles", "hot spring", "loch", "tarn",
                 "mere", "swamps", "marshes", "marshland", "bog", "bogs", "reeds", "rushes", "pools"]),
        (.sea, ["fjord", "fjords", "estuary", "inlet", "strait", "channel", "open sea", "high seas", "deep sea", "ocean floor",
                "sea floor", "depths", "abyss", "surf", "breakers", "seas", "oceans", "waterfront", "quayside", "harbourside",
                "harborside", "seafront", "tide pool", "tide pools", "rock pool", "rock pools", "rockpool", "rockpools", "tidepool",
                "atoll", "lagoons", "headland", "peninsula", "shipyard", "dockyard", "boardwalk", "deck", "sea cave", "coral reef",
                "kelp forest", "seaweed"]),
        (.beach, ["shores", "beaches", "sandbank", "foreshore", "isle", "islet", "islands", "archipelago", "dunes", "tideline",
                  "seashore", "sandy beach", "pebble beach", "shingle"]),
        (.river, ["riverbanks", "bank", "banks", "streams", "rivers", "creeks", "ford", "weir", "cascade", "cascades",
                  "riverfront", "river bank", "stream bank", "canals", "towpath", "delta", "river delta", "oxbow", "gorge river"]),
        (.snow, ["floe", "ice floe", "ice floes", "ice sheet", "ice shelf", "pack ice", "snowdrift",
                 "snowdrifts", "snowbank", "snowbanks", "drifts", "piste", "ski slope", "ski slopes", "permafrost", "north pole",
                 "south pole", "ice rink", "rink", "icefield", "ice field", "frozen pond", "frozen lake"]),
        // Plants.
        (.forest, ["copse", "spinney", "woodlands", "forests", "jungles", "rainforests", "taiga", "canopy", "treeline", "tree line",
                   "forest floor", "pinewood", "pinewoods", "pine forest", "bamboo grove", "bamboo forest", "wood", "bush",
                   "treetop", "orchards", "plantation", "brambles", "thickets", "groves", "mangrove", "mangroves", "wildwood"]),
        (.garden, ["herb garden", "rose garden", "kitchen garden", "front yard", "hedge maze", "maze", "decking", "pergola",
                   "flowerbeds", "flower bed", "flower beds", "lawns", "greenhouse", "conservatory", "gardens",
                   "yards", "backyards", "porches", "balconies", "windowbox", "potting shed", "arbour", "arbor"]),
        (.farm, ["patch", "pumpkin patch", "cropland", "crops", "plantation fields", "farmyard", "farmlands", "farms",
                 "pastureland", "vineyards", "rice field", "rice fields", "wheat fields", "corn fields", "hayloft", "pigsty",
                 "pig pen", "coop", "henhouse", "chicken coop", "stables", "barnyard"]),
        (.park, ["picnic area", "schoolyard", "churchyard", "graveyard", "cemetery", "golf course", "tennis court",
                 "football pitch", "soccer field", "skatepark", "skate park", "playing field", "playgrounds", "parks",
                 "parkland", "funfair", "fairground", "carnival", "amusement park", "theme park", "campsites", "trailhead",
                 "trails", "paths", "racetrack", "botanical garden", "arboretum"]),
        // Towns and streets.
        (.city, ["piazza", "town square", "village square", "village green", "bazaar", "souk", "marketplace", "markets",
                 "cityscape", "townscape", "streetscape", "cities", "towns", "villages", "hamlet", "slum", "favela",
                 "old town", "harbour town", "chinatown", "rooftop garden", "skyscrapers", "construction site", "building site",
                 "waterfront city", "megacity", "capital"]),
        (.street, ["boulevard", "promenade", "esplanade", "backstreet", "backstreets", "side street", "streets", "roads",
                   "alleys", "alleyways", "underpass", "overpass", "crosswalk", "zebra crossing", "roundabout", "subway",
                   "metro", "underground", "tracks", "railroad", "rail yard", "train yard", "runway", "tarmac", "airfield",
                   "freeway", "dirt road", "country road", "country lane", "lanes", "cul de sac", "curb", "kerb", "gutter",
                   "parking garage", "tram stop", "bus station", "train station", "petrol station", "gas station", "airstrip",
                   "landing strip", "helipad", "launch pad", "launchpad"]),
        // Rooms and insides.
        (.room, ["nook", "reading nook", "alcove", "den", "study", "loft", "pantry", "parlor", "parlour", "lounge", "foyer",
                 "hall", "sunroom", "laundry", "dungeon", "chamber", "throne room", "ballroom", "playroom", "stairwell",
                 "fireside", "dormitory", "cockpit", "galley", "laboratory", "lab", "cubicle", "boardroom", "garret",
                 "vault", "crypt", "closet", "bedrooms", "kitchens", "rooms", "interiors", "indoor", "home",
                 "living room", "waiting room", "locker room", "common room", "tea room", "sitting room", "dining hall",
                 "great hall", "corridors", "hallways", "cabin interior", "bedside", "ward", "gymnasium", "auditorium", "hangar", "stage"]),
        // Sky and space.
        (.sky, ["heavens", "stratosphere", "cloudscape", "clouds", "midair", "mid-air", "skyline sky", "blue sky", "night sky"]),
        (.space, ["starfield", "void", "deep space", "asteroid belt", "milky way", "solar system", "lunar surface", "moonscape",
                  "stars and planets", "spaceport", "space station"]),
    ]

    static let fittedSettings: [String: ScenePlan.Setting] = [
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
    static let settingModifiersOnly: Set<String> = [
        "ice", "water", "sand", "air", "grass", "snow", "wood", "bank", "study", "deck", "subway", "metro", "lab", "hall", "home",
        "patch", "bush", "chamber", "rink", "crest", "ledge", "vault", "channel", "current", "indoor", "underground", "maze",
        "mound", "coop", "den", "lounge", "loft", "galley", "tracks", "runway", "glen", "moss", "foam", "dust", "lava", "frost",
    ]

    /// Places that are buildings too: the setting when the scene is in them or at them ("a chef in a bakery",
    /// "a train at the station"), a subject otherwise ("a bicycle in front of a bakery").
    static let buildingPlaces: [String: ScenePlan.Setting] = fittedBuildingPlaces.merging(moreBuildings) { fitted, _ in fitted }
    static let fittedBuildingPlaces: [String: ScenePlan.Setting] = [
        "bakery": .room, "cafe": .room, "restaurant": .room, "diner": .room, "shop": .room, "store": .room, "supermarket": .room,
        "library": .room, "museum": .room, "gallery": .room, "school": .room, "church": .room, "cathedral": .room, "gym": .room,
        "theatre": .room, "theater": .room, "cinema": .room, "hospital": .room, "factory": .room, "pub": .room, "hotel": .room,
        "workshop": .room, "garage": .room, "warehouse": .room, "mall": .room, "house": .room,
        "cabin": .room, "cottage": .room, "barn": .farm, "stable": .farm, "greenhouse": .garden, "station": .street, "airport": .street,
    ]
    /// Buildings and vehicles that are the place only when the scene is inside them ("up a staircase inside the
    /// tower"); "in a tower" or "at the castle" may still show the building.
    static let interiorPlaces: [String: ScenePlan.Setting] = [
        "tower": .room, "lighthouse": .room, "castle": .room, "palace": .room, "tent": .room, "igloo": .room, "treehouse": .room,
        "windmill": .room, "ship": .room, "train": .room, "bus": .room, "car": .room, "plane": .room, "spaceship": .room,
    ]
    /// Prepositions that put the scene inside a place or at it.
    static let insidePrepositions: Set<String> = ["in", "inside", "at", "into", "within", "through", "from", "around"]
    /// Prepositions after which a proper name is a place ("in Venice", "at Brighton", "near Paris").
    static let placePrepositions: Set<String> = [
        "in", "at", "from", "near", "across", "around", "through", "over", "above", "outside", "under", "beneath", "below",
        "beside", "by", "behind", "towards", "toward", "into", "along", "past", "beyond", "on", "upon", "inside", "within",
        "underneath", "next to", "in front of", "close to", "amid", "among", "overlooking",
    ]
    /// Words that make the proper name after them a landform or a water ("Mount Fuji", "Lake Como").
    static let placeTitles: [String: ScenePlan.Setting] = [
        "mount": .mountains, "mt": .mountains, "lake": .lake, "loch": .lake, "river": .river, "cape": .sea, "isle": .beach,
        "bay": .sea, "gulf": .sea, "glacier": .snow, "desert": .desert, "valley": .hills, "forest": .forest, "port": .sea,
    ]

    static let times: [String: ScenePlan.TimeOfDay] = [
        "dawn": .dawn, "sunrise": .dawn, "daybreak": .dawn, "morning": .morning,
        "day": .day, "daytime": .day, "daylight": .day, "noon": .day, "midday": .day, "afternoon": .day,
        "sunset": .sunset, "dusk": .sunset, "twilight": .sunset, "evening": .evening,
        "night": .night, "midnight": .night, "nighttime": .night, "moonlit": .night, "moonlight": .night, "nocturnal": .night,
    ]

    /// Times said in two words, matched on a piece's last two ("at golden hour").
    static let compoundTimes: [String: ScenePlan.TimeOfDay] = [
        "golden hour": .sunset, "blue hour": .evening, "first light": .dawn, "high noon": .day, "small hours": .night,
        "late afternoon": .day, "early morning": .morning, "late evening": .evening,
    ]

    static let weather: [String: ScenePlan.Weather] = [
        "sunny": .sunny, "sunshine": .sunny, "sunlit": .sunny, "sun": .sunny,
        "cloudy": .cloudy, "overcast": .cloudy, "clouds": .cloudy, "cloud": .cloudy,
        "rain": .rainy, "rainy": .rainy, "raining": .rainy, "drizzle": .rainy, "rainstorm": .rainy,
        "snow": .snowy, "snowy": .snowy, "snowing": .snowy, "snowfall": .snowy, "snowflakes": .snowy, "winter": .snowy,
        "fog": .foggy, "foggy": .foggy, "mist": .foggy, "misty": .foggy, "haze": .foggy, "hazy": .foggy,
        "storm": .stormy, "stormy": .stormy, "thunderstorm": .stormy, "lightning": .stormy, "thunder": .stormy,
        "wind": .windy, "windy": .windy, "breezy": .windy,
        "blizzard": .snowy, "snowstorm": .snowy, "hailstorm": .stormy, "sandstorm": .windy, "gale": .windy, "downpour": .rainy,
        "monsoon": .rainy, "showers": .rainy, "tempest": .stormy, "hurricane": .stormy, "typhoon": .stormy, "tornado": .stormy,
    ]

    /// The sky, the ground, water and light, which the background draws: never subjects. A moon or stars make it night.
    static let skyThings: Set<String> = [
        "moon", "stars", "star", "starry", "sky", "skies", "horizon", "sunlight", "background", "spring", "summer", "autumn",
        "fall", "winter", "season", "weather", "scene", "landscape", "view", "distance", "foreground", "sun", "moonlight",
        "starlight", "sunrise", "sunset", "sunbeams", "rays", "glow", "shadow", "shadows", "shade", "darkness", "dark",
        "ground", "earth", "soil", "dirt", "mud", "puddle", "puddles", "snow", "snowflakes", "flakes", "raindrops",
        "drops", "rainbow", "aurora", "breeze", "tide", "rocks", "stones", "pebbles", "boulders", "air", "surface", "scenery", "nature", "outdoors", "setting", "atmosphere",
        // Light and what it does: the background's light.
        "candlelight", "firelight", "lamplight", "torchlight", "gaslight", "sunbeam", "moonbeam", "moonbeams", "beam", "beams",
        "ray", "glare", "gleam", "glimmer", "shimmer", "sparkles", "reflection", "reflections", "neon", "sunshine", "silhouettes",
        "gloom", "backdrop", "skyline",
        // Substances and growth spread over the scene: the background's ground and water.
        "ripples", "ripple", "spray", "foam", "dew", "frost", "lava", "magma", "haze", "smog", "greenery", "foliage", "leaves",
        "vegetation", "undergrowth", "moss", "lichen", "gravel", "sand", "dust", "ash", "ashes", "slush", "sleet", "hail",
        "hailstones", "downpour", "showers", "drizzle", "wind", "gusts", "gust", "waves", "wave", "swell", "current", "currents",
        "depths", "cosmos", "sunrays", "glitter", "embers", "sparks",
        // The floor and ceiling of a room ("across the kitchen floor").
        "floor", "floors", "floorboards", "ceiling", "tiles",
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
        // Said after the noun ("kittens asleep in a basket").
        "asleep", "awake", "afloat", "adrift", "aglow", "ablaze", "alight", "aloft", "ashore", "abloom", "astride", "alive",
    ]
    /// Whether a word before the head noun only says how the thing looks or feels (mood, quality, colour,
    /// material): left out of a subject's name. Age words stay ("an old man" is drawn differently), and so does
    /// "hot" ("hot air balloon", "hot dog").
    static func onlyDescribes(_ word: String) -> Bool {
        if keptAdjectives.contains(word) { return false }
        return isAdjective(word) || moodAdjectives.contains(word) || materialAdjectives.contains(word)
            || SceneDescription.colourWords[word] != nil
    }
    static let keptAdjectives: Set<String> = ["old", "young", "ancient", "antique", "modern", "new", "hot", "baby", "elderly"]
    /// Compounds that keep their first word even so ("red panda" is no panda).
    static let adjectiveCompounds: [String] = [
        "red panda", "blue jay", "black widow", "white house", "great tit", "black hole", "green bean", "golden retriever",
        "golden eagle", "grey heron", "brown bear", "black bear",
    ]
    /// Moods and looks the `adjectives` list does not hold.
    static let moodAdjectives: Set<String> = [
        "grumpy", "excited", "tired", "hungry", "shy", "bored", "scared", "frightened", "surprised", "determined", "confused",
        "worried", "adorable", "kind", "fat", "chubby", "plump", "skinny", "slender", "shaggy", "scruffy", "hairy", "spiky",
        "glossy", "sleek", "muddy", "soggy", "damp", "weathered", "shabby", "battered", "rickety", "crooked", "twisted",
        "gnarled", "ornate", "polished", "lonely", "curly", "sparkly", "prickly", "wobbly", "cuddly", "jolly", "stately",
        "ghostly", "scaly", "smelly", "giant", "mighty", "gorgeous", "charming", "sweet", "tidy", "messy", "neat",
        "bare", "leafless", "fresh", "ripe", "juicy", "crisp", "crispy", "steaming", "steamy", "glowing", "shimmering",
        "sparkling", "twinkling", "gleaming", "flickering", "smiling", "grinning", "laughing", "giggling", "cheeky",
        "bouncy", "fluffed", "feathered", "speckled", "dappled", "freckled", "whiskered", "bearded", "winged", "horned",
        "mossy", "snowcapped", "overgrown", "abandoned", "derelict", "ruined", "crumbling", "sunken", "lost", "weary",
    ]
    /// Materials said as adjectives ("a wooden boat"); materials said as nouns stay ("a stone bridge").
    static let materialAdjectives: Set<String> = [
        "wooden", "woollen", "woolen", "golden", "silken", "earthen", "oaken", "leaden", "brazen", "wicker", "ceramic",
        "plastic", "metallic", "velvet", "knitted", "crocheted", "handmade",
    ]

    /// Other words for a thing that the clip art names plainly ("on horseback" is on a horse).
    static let nounAliases: [String: String] = ["horseback": "horse"]

    static func isAdjective(_ word: String) -> Bool {
        adjectives.contains(word) || ["ful", "ous", "less"].contains { word.count > 5 && word.hasSuffix($0) }
    }

    /// Pronouns that are the subject of the verb after them ("while it snows").
    static let subjectPronouns: Set<String> = ["it", "he", "she", "they", "we", "who", "which", "that"]
    /// Forms of "be": what follows says what the subject does or is ("is sleeping", "are asleep").
    static let copulas: Set<String> = ["is", "are", "was", "were", "being", "been"]
    /// Determiners before a verb's object ("reading a comic book", "holding her pencil").
    static let objectDeterminers: Set<String> = ["a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "one", "two", "three"]
    /// Determiners of one thing: a plural cannot follow them.
    static let singularDeterminers: Set<String> = ["a", "an", "one", "each", "every", "another"]
    /// Past participles not in -ed, read as the -ed ones ("led by a man", "caught in a net", "hung on a wall").
    static let irregularParticiples: Set<String> = [
        "led", "fed", "held", "built", "caught", "hung", "bound", "found", "left", "kept", "set", "spread", "stuck", "struck",
        "swept", "thrown", "worn", "woven", "spun", "sunk", "sunken", "drawn", "ridden", "driven", "bitten", "chosen", "seen",
        "shown", "sewn", "sown", "grown", "blown", "flown", "torn", "tucked", "wrapped", "made", "laid", "brought", "bought",
        "taught", "lost", "shot", "split", "cast", "hidden", "frozen", "fallen", "risen", "shaken", "taken", "given", "written",
    ]

    /// -ed words that are nouns.
    static let edNouns: Set<String> = ["flowerbed", "riverbed", "seabed", "seed", "weed", "reed", "steed", "tweed", "breed", "hundred", "sled", "shed", "bed"]
    static let nightThings: Set<String> = ["moon", "stars", "star", "starry"]

    static let counts: [String: Int] = [
        "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "pair": 2, "couple": 2, "twin": 2, "twins": 2, "double": 2,
        "pairs": 2, "duo": 2, "trio": 3, "triplets": 3, "quadruplets": 4, "quartet": 4, "quintet": 5, "half-dozen": 6,
        "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "dozen": 12, "several": 3, "few": 3, "some": 3, "many": 5, "lots": 5,
        "flock": 5, "herd": 5, "group": 4, "crowd": 6, "pack": 4, "swarm": 6, "bunch": 5, "row": 4, "family": 3,
    ]

    /// Count words that are also what is counted ("twins on a swing").
    static let multipleBirths: Set<String> = ["twins", "triplets", "quadruplets"]
    /// Count words that head their own phrase: "a flock of seagulls" is the seagulls.
    static let quantityNouns: Set<String> = [
        "pairs", "duo", "trio", "quartet", "quintet", "pair", "couple", "flock", "herd", "group", "crowd", "pack",
        "swarm", "bunch", "row", "family", "dozen", "lots",
    ]
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
        "happily", "peacefully", "lazily", "softly", "quietly", "high", "low", "still", "upright", "aside", "apart",
        "late", "early", "just", "right", "almost", "nearly", "barely", "only", "even", "too", "so", "also",
    ]

    /// What someone does rather than a thing ("casting a spell", "taking a nap"): not subjects.
    static let activities: Set<String> = [
        "spell", "nap", "walk", "stroll", "rest", "look", "fun", "trip", "journey", "break", "moment", "time", "selfie", "photo",
        "bath", "swim", "dive", "jump", "leap", "turn", "dance", "song", "game", "pollen", "nectar",
        // Games and sports played (what is drawn is the players and their things: "playing chess at a table").
        "chess", "checkers", "draughts", "tennis", "golf", "football", "soccer", "basketball", "baseball", "cricket", "hockey",
        "rugby", "volleyball", "badminton", "poker", "hopscotch", "tag", "war", "seek", "fetch", "dominoes", "bingo", "music",
        "catch", "pretend", "videogames", "games", "sports", "sport",
        // Events and doings: the people at them are the subjects ("a family having a picnic").
        "picnic", "party", "parade", "festival", "concert", "race", "celebration", "ceremony", "match", "tournament",
        "competition", "performance", "show", "lesson", "meeting", "conversation", "chat", "argument", "adventure", "voyage",
        "expedition", "migration", "feast", "meal", "duel", "battle", "fight", "contest", "rehearsal", "practice", "workout",
        "exercise", "yoga", "meditation", "prayer", "sleep", "snooze", "bite", "sip", "ride", "run", "climb", "hike",
        "glance", "peek", "kiss", "hug", "wave", "bow", "splash", "shower", "chorus", "tune", "melody", "noise",
        "trick", "tricks", "stunt", "somersault", "cartwheel", "handstand", "wheelie", "flip", "pose", "curtsy", "tango", "waltz", "salsa", "ballet", "foxtrot", "jig", "polka", "rumba",
        "flamenco", "samba", "conga", "tap", "heartbeat", "breath", "voice", "laughter", "story", "stories", "tale", "lullaby", "colour", "colours", "color", "colors", "shade", "shades",
    ]
    /// Verbs whose object is the shape the subjects make ("forming a circle").
    static let formingVerbs: Set<String> = ["forming", "form", "forms", "making", "make", "makes", "arranged", "standing"]
    /// Nouns in -ly, which the adverb rule must keep.
    static let lyNouns: Set<String> = [
        "lily", "lilly", "belly", "jelly", "bully", "family", "butterfly", "dragonfly", "firefly", "housefly", "holly", "ally",
        "rally", "gully", "folly", "trolly", "dolly", "molly", "polly", "tally", "sally", "willy", "billy", "filly", "colly",
        "scully", "mayfly", "horsefly", "sawfly", "greenfly", "blackfly", "potbelly",
    ]
    /// Arrangements after "in" ("ducks walking in a line", "chairs in a circle"): how subjects stand, not a subject.
    static let arrangements: Set<String> = [
        "row", "rows", "line", "lines", "circle", "ring", "queue", "formation", "pile", "heap", "huddle", "cluster", "group",
        "procession", "file", "pairs", "pair", "bunch", "crowd", "flock", "herd", "swarm", "column", "pack", "tangle", "jumble",
        "heart", "spiral", "semicircle", "ball", "knot", "bundle", "half-circle", "unison", "silhouette", "motion", "flight", "mid-air", "midair", "action",
        "love", "harmony", "thought", "awe", "wonder", "peace", "silence", "bloom", "blossom", "flames", "view", "sight", "place",
    ]

    /// Piles: "a stack of books" is the books (three when unnumbered).
    static let piles: Set<String> = ["stack", "stacks", "pile", "piles", "heap", "heaps", "mound", "tower"]

    /// Containers and vessels (singular; a plural is made singular first): "a cup of coffee" is a coffee cup and
    /// "two buckets of milk" two buckets — what a container holds is not a subject of its own.
    static let containers: Set<String> = [
        "cup", "mug", "glass", "bowl", "plate", "basket", "vase", "jar", "bottle", "box", "bag", "pot", "bucket", "slice", "piece",
        "loaf", "scoop", "bouquet", "tray", "wheelbarrow", "cart", "sack", "pan", "dish", "platter", "carton", "tin", "net", "crate", "barrel", "jug", "pitcher", "can",
        // Drinking and serving vessels.
        "teacup", "tumbler", "goblet", "chalice", "beaker", "flask", "thermos", "canteen", "decanter", "carafe", "tankard",
        "stein", "flute", "teapot", "kettle", "coffeepot", "urn", "ladle", "spoonful", "saucer", "tureen", "gravy boat",
        "saucepan", "skillet", "wok", "cauldron", "casserole", "pie dish", "baking tray", "baking sheet", "colander", "sieve",
        "punnet", "ramekin", "cone", "cupful", "handful", "mouthful", "bowlful", "plateful",
        // Storage.
        "pail", "tub", "vat", "cask", "keg", "drum", "canister", "tank", "trough", "bin", "hamper", "chest", "trunk",
        "suitcase", "briefcase", "satchel", "pouch", "purse", "wallet", "envelope", "packet", "package", "parcel", "pack",
        "case", "cage", "coop", "planter", "flowerpot", "window box", "tote", "backpack", "rucksack",
        "knapsack", "duffel", "bundle", "bale", "sheaf", "roll", "reel", "spool", "skein", "ball", "jerrycan", "vial", "ampoule",
        "tube", "bucketful", "basketful", "boxful", "sackful", "cartload", "truckload", "wagonload", "boatload", "barrow",
        "wagon", "trolley", "pram", "stroller", "crib", "cradle", "nest", "hive", "aquarium", "fishbowl", "terrarium",
        "lunchbox", "cooler", "dispenser", "trailer",
    ]

    /// Substances and masses, which are poured, rolled, stirred or carried rather than drawn as a thing: after a
    /// verb or "with" ("rolling dough", "pouring latte art", "directing traffic") they are not subjects; a container
    /// of them is ("a jar of jam").
    static let massNouns: Set<String> = [
        // Food and drink.
        "dough", "bread", "batter", "flour", "sugar", "salt", "pepper", "butter", "honey", "jam", "jelly", "marmalade", "syrup",
        "milk", "coffee", "tea", "latte", "cappuccino", "espresso", "cocoa", "juice", "lemonade", "soda", "wine",
        "beer", "cider", "water", "soup", "stew", "broth", "sauce", "gravy", "custard", "oil", "vinegar", "chocolate",
        "porridge", "oatmeal", "cereal", "rice", "pasta", "spaghetti", "noodles", "yogurt", "yoghurt", "icing", "frosting",
        "whipped cream", "foam", "froth", "caramel", "mustard", "ketchup", "mayonnaise", "seasoning", "spice", "spices",
        "herbs", "grain", "wheat", "oats", "barley", "corn", "popcorn", "food", "feed", "birdseed", "seed", "seeds",
        "breakfast", "lunch", "dinner", "supper", "dessert", "latte art",
        // Materials.
        "clay", "paint", "glue", "wax", "wool", "yarn", "thread", "twine", "rope", "string", "wire", "cloth", "fabric",
        "silk", "linen", "cotton", "leather", "paper", "cardboard", "firewood", "timber", "lumber",
        "cement", "concrete", "plaster", "mortar", "straw", "hay", "compost", "mulch", "manure", "fertilizer", "fertiliser",
        "coal", "charcoal", "fuel", "petrol", "gasoline", "steel", "iron", "tin foil", "foil", "plastic", "glitter", "confetti",
        "laundry", "washing", "rubbish", "trash", "garbage", "litter", "junk", "soil", "sand", "mud", "gravel", "snow", "ice",
        // Flows and abstractions.
        "traffic", "music", "money", "cash", "news", "homework", "housework", "chores", "smoke", "steam", "shampoo",
        "medicine", "perfume", "makeup",
    ]

    /// Nouns that are an activity when said bare, without an article ("standing guard", "keeping watch"), and a
    /// thing or a person with one ("a crossing guard", "a gold watch").
    static let bareActivities: Set<String> = ["guard", "watch", "lookout", "duty", "sentry", "shelter", "cover", "chase", "school", "church", "class"]

    /// Things that come in pairs: an unnumbered plural of them is one pair ("wearing red rain boots").
    static let pairedThings: Set<String> = [
        "boot", "shoe", "sneaker", "trainer", "slipper", "sandal", "clog", "glove", "mitten", "sock", "stocking", "skate",
        "rollerskate", "ski", "earring", "welly", "wellie", "flipper", "snowshoe", "crutch", "chopstick", "oar", "cymbal",
    ]

    /// Nouns that name what a picture is, after the words that say which kind: "Dot painting of a kangaroo",
    /// "Vintage safari poster: a giraffe …" — the whole phrase before "of" or a colon is the style.
    static let mediumNouns: Set<String> = [
        "painting", "poster", "illustration", "print", "sketch", "drawing", "art", "artwork", "style", "photo", "photograph",
        "photography", "picture", "image", "render", "rendering", "engraving", "etching", "woodcut", "linocut", "lithograph",
        "watercolor", "watercolour", "gouache", "pastel", "doodle", "cartoon", "comic", "mural", "fresco", "mosaic", "collage",
        "tapestry", "embroidery", "postcard", "card", "cover", "label", "advert", "advertisement", "ad", "stamp", "sticker",
        "icon", "emoji", "vignette", "snapshot",
    ]
    /// Building nouns that name where a scene is when it is inside them and a thing seen from outside otherwise
    /// (added to `buildingPlaces`).
    static let moreBuildings: [String: ScenePlan.Setting] = [
        "bookstore": .room, "bookshop": .room, "post office": .room, "bank": .room, "farmhouse": .room, "chapel": .room,
        "temple": .room, "mosque": .room, "pagoda": .room, "shrine": .room, "tavern": .room, "inn": .room, "bar": .room,
        "boathouse": .room, "shed": .garden, "henhouse": .farm, "schoolhouse": .room, "teahouse": .room, "bathhouse": .room,
        "clinic": .room, "pharmacy": .room, "salon": .room, "barbershop": .room, "boutique": .room, "florist": .room,
        "butcher": .room, "deli": .room, "pizzeria": .room, "bistro": .room, "canteen": .room, "cafeteria": .room,
        "laundromat": .room, "arcade": .room, "stadium": .park, "arena": .room, "observatory": .room, "planetarium": .room,
        "aquarium": .room, "greenhouse": .garden, "glasshouse": .garden, "gas station": .street, "petrol station": .street,
        "fire station": .street, "police station": .street, "train station": .street, "bus station": .street,
        "forge": .room, "smithy": .room, "foundry": .room, "mill": .room, "sawmill": .room, "brewery": .room, "winery": .room,
        "dairy": .farm, "kennel": .room, "stable": .farm, "workshop": .room, "hut": .room, "shack": .room, "lodge": .room, "chalet": .room, "villa": .room, "mansion": .room,
    ]
    /// Fairs, shows and sports grounds: where the people at them are ("at the county fair"), never a subject.
    static let venues: [String] = [
        "fair", "fete", "county fair", "state fair", "funfair", "fairgrounds", "rodeo", "circus", "flea market",
        "farmers market", "night market", "christmas market", "street market", "fish market", "bazaar", "expo", "exhibition",
        "showground", "racecourse", "velodrome", "ballpark", "ice rink", "bowling alley", "beer garden",
    ]
    /// Kinds of land that are what grows on them ("a field of sunflowers", "a forest of pines").
    static let plantedLand: Set<ScenePlan.Setting> = [.meadow, .farm, .garden, .forest]
    /// Prepositions that put the scene within a stretch of land.
    static let withinPrepositions: Set<String> = ["in", "into", "inside", "within", "through", "across", "among", "amid", "amidst", "at"]
    /// Adverbs of place said after the noun ("tying her shoes backstage").
    static let placeAdverbs: Set<String> = [
        "backstage", "offstage", "onstage", "upstairs", "downstairs", "outdoors", "abroad", "overseas", "uphill", "downhill",
        "downstream", "upstream", "ashore", "aboard", "afield", "underfoot", "nearby", "overhead",
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

    /// A listed verb in its plain form ("stand", not "stands", "parked" or "sat").
    static func isPlainVerbForm(_ word: String) -> Bool {
        !word.hasSuffix("s") && !word.hasSuffix("ed") && !pastForms.contains(word)
    }
    static let pastForms: Set<String> = [
        "sat", "stood", "lay", "flew", "ran", "swam", "rode", "drove", "held", "wore", "ate", "drank", "sang", "hid", "slept",
        "fell", "grew", "made", "lit", "was", "were",
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
            // Renderings, movements and named looks.
            "3d", "2d", "cgi", "zen", "macro", "bokeh", "minimal", "photography", "closeup", "rendered", "digital",
            "photorealistic", "hyperrealistic", "cinematic", "surreal", "surrealist",
            "baroque", "renaissance", "rococo", "steampunk", "cyberpunk", "vaporwave", "synthwave", "nouveau", "deco", "bauhaus",
            "pointillism", "pointillist", "fauvist", "lomography", "polaroid", "kodachrome", "daguerreotype", "blueprint",
            "infographic", "chibi", "kawaii", "ghibli", "pixar", "lithograph", "risograph", "airbrush", "airbrushed", "impasto",
            "fresco", "tapestry", "embroidery", "embroidered", "papercraft", "batik", "needlepoint", "halftone", "letterpress",
            "screenprint", "silkscreen", "inked", "sumi", "shaded", "lineart", "grayscale", "greyscale", "duotone",
            "glitch", "pixelart", "voxel", "papercut", "cutout", "scratchboard", "pyrography", "mezzotint",
            "stylized", "stylised", "illustrated", "sketched", "cartoonish", "painterly", "hokusai", "monet", "picasso",
            "rembrandt", "vermeer", "klimt", "hopper", "magritte", "dali", "escher", "rockwell", "seurat", "matisse", "warhol",
            "caravaggio", "chiaroscuro", "sfumato", "tenebrism", "turner", "constable", "whistler", "cezanne", "renoir", "degas",
            "munch", "kandinsky", "hiroshige",
        ]
        for (word, _) in StyleTable.words where SceneDescription.colourWords[word] == nil { words.insert(word) }
        for word in settings.keys { words.remove(word) }
        for word in times.keys { words.remove(word) }
        for word in weather.keys { words.remove(word) }
        for word in sizes.keys { words.remove(word) }
        return words
    }()

    /// Hyphenated compounds that name a style as a whole (their parts alone do not: "low", "poly", "cel").
    /// Compounds that end in a style word ("hand-drawn", "pixel-art", "anime-style") need no entry.
    static let hyphenatedStyles: Set<String> = [
        "low-poly", "cel-shaded", "cell-shaded", "sumi-e", "ukiyo-e", "8-bit", "16-bit", "32-bit", "sci-fi", "black-and-white",
        "hi-fi", "lo-fi", "tilt-shift", "half-tone", "risograph-printed", "art-deco", "art-nouveau", "pop-art", "film-noir",
        "cut-paper", "paper-cut", "papercut", "hyper-real", "photo-real", "mid-century", "old-school", "double-exposure",
        "soft-focus", "high-contrast", "long-exposure", "wide-angle", "close-up", "3d-rendered", "claymation-style", "stop-motion",
        "needle-felted", "cross-stitch", "paint-by-numbers", "trompe-l-oeil", "chiaroscuro-lit", "hand-made", "hand-crafted",
    ]
    /// Style phrases of words that alone are not styles ("still life": "still" is an adverb, "life" a noun).
    static let styleCompounds: [[String]] = [
        ["still", "life"], ["mixed", "media"], ["ink", "wash"], ["oil", "on", "canvas"], ["pen", "and", "ink"],
        ["fine", "art"], ["golden", "age"], ["matte", "painting"], ["paint", "by", "numbers"],
    ]
    /// Words that start a style phrase running to the end of its segment ("in the style of Hokusai").
    static let styleIntroductions: [[String]] = [
        ["in", "the", "style", "of"], ["in", "style", "of"], ["style", "of"], ["inspired", "by"], ["in", "the", "manner", "of"],
        ["in", "the", "spirit", "of"], ["a", "la"], ["reminiscent", "of"],
    ]
    /// Media that are also things ("ink", "print"): a later segment of them alone, with no article, is a style.
    static let ambiguousStyleNouns: Set<String> = [
        "ink", "print", "prints", "pen", "photo", "picture", "lines", "line", "glass", "wash", "art", "look", "finish",
        "palette", "colours", "colors", "tones", "light", "lighting",
    ]

    /// A style word: listed, or the name of a movement or a craft by its ending ("minimalism", "photography",
    /// "ghibliesque").
    static func isStyleWord(_ word: String) -> Bool {
        style.contains(word) || (word.count > 5 && ["ism", "ography", "esque"].contains { word.hasSuffix($0) })
    }

    /// Style words that also name things; they are style only beside another style word ("stained glass", "oil
    /// painting") or in a segment of their own.
    static let ambiguousStyle: Set<String> = [
        "glass", "book", "picture", "print", "screen", "line", "lines", "pen", "ink", "icon", "photo", "travel", "light", "bit", "vintage",
        "van", "digital", "shaded", "tapestry", "embroidery", "fresco", "blueprint", "turner", "hopper", "constable", "cutout", "inked",
        // Adjectives of the style table that describe things as often ("an old man", "a calm lake", "a dark cave").
        "old", "warm", "cool", "soft", "smooth", "calm", "gentle", "golden", "dark", "bright", "icy", "lush", "colourful", "colorful",
        "vibrant", "vivid", "rustic", "bold", "faded", "airy", "intense", "verdant", "autumnal", "wintry",
    ]
}
