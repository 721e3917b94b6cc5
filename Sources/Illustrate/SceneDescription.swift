/// What the procedural scene takes from a description: a setting, a time of day and colour
/// words. Words are matched whole and case-insensitively; the first setting word wins.
public struct SceneDescription: Sendable, Equatable {
    public enum Setting: String, Sendable, CaseIterable { case meadow, sea, desert, forest, mountains, city, snow, space, hills, lake, garden, room }
    public enum TimeOfDay: String, Sendable { case day, dawn, sunset, night }

    /// Weather the background and `ProceduralScene.drawWeather` show.
    public enum Weather: String, Sendable { case clear, cloudy, rain, snow, fog, storm }
    /// Which room an interior is, for its walls: a kitchen is tiled, a classroom has a blackboard.
    public enum Room: String, Sendable { case plain, kitchen, classroom, bedroom, office, library, cafe, bathroom }

    public var setting: Setting = .meadow
    public var time: TimeOfDay = .day
    public var weather: Weather = .clear
    public var room: Room = .plain
    /// Colours named in the description, in order (RGB 0…1).
    public var colours: [SIMD3<Float>] = []
    /// At night: a crescent moon ("crescent" in the description) instead of a full one.
    public var crescentMoon = false

    static let settingWords: [String: Setting] = [
        "sea": .sea, "ocean": .sea, "beach": .sea, "coast": .sea, "lake": .sea, "harbour": .sea, "harbor": .sea, "waves": .sea, "shore": .sea, "river": .sea, "island": .sea,
        "desert": .desert, "dunes": .desert, "sand": .desert,
        "forest": .forest, "woods": .forest, "trees": .forest, "jungle": .forest,
        "mountain": .mountains, "hill": .mountains, "hillside": .mountains, "mountains": .mountains, "hills": .mountains, "peaks": .mountains, "valley": .mountains,
        "city": .city, "town": .city, "street": .city, "skyline": .city, "village": .city,
        "meadow": .meadow, "field": .meadow, "garden": .meadow, "park": .meadow, "countryside": .meadow,
        "snow": .snow, "snowy": .snow, "arctic": .snow, "ice": .snow, "winter": .snow,
        "space": .space, "stars": .space, "galaxy": .space, "planet": .space, "cosmos": .space,
    ]

    static let timeWords: [String: TimeOfDay] = [
        "night": .night, "midnight": .night, "moon": .night, "moonlit": .night, "nocturnal": .night,
        "sunset": .sunset, "dusk": .sunset, "evening": .sunset, "twilight": .sunset,
        "dawn": .dawn, "sunrise": .dawn, "morning": .dawn,
        "day": .day, "noon": .day, "afternoon": .day, "sunny": .day,
    ]

    public static let colourWords: [String: SIMD3<Float>] = [
        "red": [0.85, 0.2, 0.15], "orange": [0.95, 0.55, 0.15], "yellow": [0.95, 0.85, 0.2],
        "gold": [0.85, 0.7, 0.25], "golden": [0.85, 0.7, 0.25], "green": [0.25, 0.65, 0.3],
        "teal": [0.15, 0.55, 0.55], "blue": [0.2, 0.4, 0.85], "navy": [0.1, 0.15, 0.4],
        "purple": [0.5, 0.25, 0.65], "violet": [0.55, 0.35, 0.8], "pink": [0.95, 0.55, 0.7],
        "white": [0.95, 0.95, 0.95], "black": [0.08, 0.08, 0.1], "grey": [0.5, 0.5, 0.52],
        "gray": [0.5, 0.5, 0.52], "brown": [0.45, 0.3, 0.18], "silver": [0.75, 0.77, 0.8],
    ]

    static let roomWords: [String: Room] = [
        "kitchen": .kitchen, "bakery": .kitchen, "classroom": .classroom, "school": .classroom, "blackboard": .classroom,
        "bedroom": .bedroom, "nursery": .bedroom, "office": .office, "studio": .office, "library": .library, "study": .library,
        "bookshelf": .library, "cafe": .cafe, "restaurant": .cafe, "diner": .cafe, "pub": .cafe, "bathroom": .bathroom,
    ]

    public init(_ text: String) {
        var settingFound = false, timeFound = false
        for word in Self.words(of: text) {
            if !settingFound, let s = Self.settingWords[word] { setting = s; settingFound = true }
            if !timeFound, let t = Self.timeWords[word] { time = t; timeFound = true }
            if let c = Self.colourWords[word] { colours.append(c) }
            if word == "crescent" { crescentMoon = true }
            if room == .plain, let r = Self.roomWords[word] { room = r }
        }
        if setting == .space && !timeFound { time = .night }
    }

    /// The background for a plan: its setting, time and weather (a setting the procedural scene does not draw
    /// takes the nearest one it does: a park is a meadow, a beach or a river the sea), and the colour
    /// words of the description.
    public init(plan: ScenePlan, description: String) {
        self.init(description)
        setting = switch plan.setting {
        case .none: plan.weather == .snowy ? .snow : .meadow
        case .meadow, .park, .farm, .sky: .meadow
        case .garden: .garden
        case .room: .room
        case .hills: .hills
        case .mountains: .mountains
        case .lake: .lake
        case .sea, .beach, .river: .sea
        case .forest: .forest
        case .city, .street: .city
        case .desert: .desert
        case .snow: .snow
        case .space: .space
        }
        weather = switch plan.weather {
        case .none, .sunny, .windy: .clear
        case .cloudy: .cloudy
        case .rainy: .rain
        case .snowy: .snow
        case .foggy: .fog
        case .stormy: .storm
        }
        time = switch plan.time {
        case .none, .day: plan.setting == .space ? .night : .day
        case .dawn, .morning: .dawn
        case .sunset, .evening: .sunset
        case .night: .night
        }
    }

    /// Lower-cased runs of letters.
    public static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}
