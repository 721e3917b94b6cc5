import Foundation

/// What a description asks to be drawn, as a small checked structure: the subjects (each with a
/// count, a size and where it is relative to another subject or the setting), the setting, the
/// time of day, the weather and the style phrase. Both planners (`RuleScenePlanner`,
/// `ModelScenePlanner`) produce it; `SceneComposer` and `ProceduralScene` draw it.
///
/// JSON, keys in this order (`json` writes it so, compact, and the model is constrained to it):
///
///     {"subjects":[{"name":"hot air balloon","count":3,"size":"medium","relation":"over","of":"hills"}],
///      "setting":"hills","time":"morning","weather":"sunny","style":"flat vector poster"}
public struct ScenePlan: Codable, Sendable, Equatable {
    public struct Subject: Codable, Sendable, Equatable {
        /// A singular noun phrase, head noun last ("hot air balloon", "stone bridge").
        public var name: String
        public var count: Int
        public var size: Size
        public var relation: Relation
        /// The subject or setting `relation` refers to ("" with `.none`).
        public var of: String

        public init(name: String, count: Int = 1, size: Size = .medium, relation: Relation = .none, of: String = "") {
            self.name = name
            self.count = count
            self.size = size
            self.relation = relation
            self.of = of
        }

        /// The last word: what the clip-art index must find.
        public var head: String { name.split(separator: " ").last.map(String.init) ?? name }
    }

    public enum Size: String, Codable, Sendable, CaseIterable { case small, medium, large }

    public enum Relation: String, Codable, Sendable, CaseIterable {
        case none, leftOf = "left of", rightOf = "right of", nextTo = "next to", over, under, inFrontOf = "in front of",
             behind, on, leaningAgainst = "leaning against"
    }

    public enum Setting: String, Codable, Sendable, CaseIterable {
        case none, meadow, hills, mountains, lake, sea, beach, river, forest, garden, park, farm, city, street, room,
             desert, snow, space, sky
    }

    public enum TimeOfDay: String, Codable, Sendable, CaseIterable { case none, dawn, morning, day, sunset, evening, night }

    public enum Weather: String, Codable, Sendable, CaseIterable { case none, sunny, cloudy, rainy, snowy, foggy, stormy, windy }

    public var subjects: [Subject]
    public var setting: Setting
    public var time: TimeOfDay
    public var weather: Weather
    /// The words that say how the picture should look ("flat vector poster"), "" when none.
    public var style: String

    public init(subjects: [Subject] = [], setting: Setting = .none, time: TimeOfDay = .none, weather: Weather = .none, style: String = "") {
        self.subjects = subjects
        self.setting = setting
        self.time = time
        self.weather = weather
        self.style = style
    }

    /// Limits `validate` enforces (and the model's grammar).
    public static let maximumSubjects = 4
    public static let countRange = 1...12
    public static let maximumNameLength = 40
    public static let maximumStyleLength = 80

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Throws when the plan breaks a limit: no subject name may be empty or long or hold anything but lower-case
    /// letters, digits, spaces, hyphens and apostrophes; counts within `countRange`; a relation names its other side.
    public func validate() throws {
        guard subjects.count <= Self.maximumSubjects else { throw Invalid(description: "more than \(Self.maximumSubjects) subjects") }
        for subject in subjects {
            guard !subject.name.isEmpty, subject.name.count <= Self.maximumNameLength,
                  subject.name.allSatisfy(Self.isNameCharacter), subject.name.first != " ", subject.name.last != " " else {
                throw Invalid(description: "bad subject name '\(subject.name)'")
            }
            guard Self.countRange.contains(subject.count) else { throw Invalid(description: "count \(subject.count) of \(subject.name)") }
            guard (subject.relation == .none) == subject.of.isEmpty else {
                throw Invalid(description: "relation '\(subject.relation.rawValue)' of \(subject.name) with other side '\(subject.of)'")
            }
            guard subject.of.count <= Self.maximumNameLength, subject.of.allSatisfy(Self.isNameCharacter) else {
                throw Invalid(description: "bad relation target '\(subject.of)'")
            }
        }
        guard style.count <= Self.maximumStyleLength, !style.contains(where: { $0.isNewline || $0 == "\"" || $0 == "\\" }) else {
            throw Invalid(description: "bad style phrase")
        }
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == " " || c == "-" || c == "'"
    }

    /// Compact JSON, keys in schema order: the same plan always gives the same bytes.
    public var json: String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let subjectsJSON = subjects.map {
            "{\"name\":\(quoted($0.name)),\"count\":\($0.count),\"size\":\(quoted($0.size.rawValue)),\"relation\":\(quoted($0.relation.rawValue)),\"of\":\(quoted($0.of))}"
        }
        return "{\"subjects\":[\(subjectsJSON.joined(separator: ","))],\"setting\":\(quoted(setting.rawValue)),\"time\":\(quoted(time.rawValue)),"
            + "\"weather\":\(quoted(weather.rawValue)),\"style\":\(quoted(style))}"
    }

    /// Parses and validates plan JSON (the model's answer, or a file).
    public static func decode(json: String) throws -> ScenePlan {
        let plan: ScenePlan
        do { plan = try JSONDecoder().decode(ScenePlan.self, from: Data(json.utf8)) } catch {
            throw Invalid(description: "not a scene plan: \(error)")
        }
        try plan.validate()
        return plan
    }
}
