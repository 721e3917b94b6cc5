import Foundation

/// The parts of a TextMate grammar (JSON) that an injection grammar uses: match rules, begin/end rules,
/// captures, `name`/`contentName`, `patterns` and `include` of repository entries.
struct TextMateGrammar {
    final class Rule {
        let name: String?
        let contentName: String?
        let match: String?
        let begin: String?
        let end: String?
        let captures: [Int: String]
        let beginCaptures: [Int: String]
        let endCaptures: [Int: String]
        let include: String?
        let patterns: [Rule]

        init(json: [String: Any]) {
            name = json["name"] as? String
            contentName = json["contentName"] as? String
            match = json["match"] as? String
            begin = json["begin"] as? String
            end = json["end"] as? String
            captures = Rule.captureNames(json["captures"])
            // TextMate: `captures` stands in for begin/end captures a begin/end rule does not name.
            beginCaptures = json["beginCaptures"] == nil ? captures : Rule.captureNames(json["beginCaptures"])
            endCaptures = json["endCaptures"] == nil ? captures : Rule.captureNames(json["endCaptures"])
            include = json["include"] as? String
            patterns = (json["patterns"] as? [[String: Any]] ?? []).map(Rule.init(json:))
        }

        private static func captureNames(_ value: Any?) -> [Int: String] {
            var names: [Int: String] = [:]
            for (key, entry) in value as? [String: Any] ?? [:] {
                if let index = Int(key), let name = (entry as? [String: Any])?["name"] as? String { names[index] = name }
            }
            return names
        }
    }

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    let scopeName: String
    let injectionSelector: String?
    let patterns: [Rule]
    let repository: [String: Rule]
    /// Every regular expression in the file (match, begin, end, while), for compiling them all.
    let allRegexes: [String]

    init(data: Data) throws {
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FormatError(description: "the grammar is not a JSON object")
        }
        guard let scopeName = json["scopeName"] as? String else { throw FormatError(description: "no scopeName") }
        self.scopeName = scopeName
        injectionSelector = json["injectionSelector"] as? String
        patterns = (json["patterns"] as? [[String: Any]] ?? []).map(Rule.init(json:))
        var repository: [String: Rule] = [:]
        for (key, value) in json["repository"] as? [String: Any] ?? [:] {
            if let entry = value as? [String: Any] { repository[key] = Rule(json: entry) }
        }
        self.repository = repository
        allRegexes = TextMateGrammar.regexes(in: json)
    }

    private static func regexes(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            var found: [String] = []
            for (key, entry) in object {
                if ["match", "begin", "end", "while"].contains(key), let regex = entry as? String { found.append(regex) }
                else { found += regexes(in: entry) }
            }
            return found
        }
        if let array = value as? [Any] { return array.flatMap(regexes(in:)) }
        return []
    }

    /// `rules` with includes replaced by what they name (repository entries without a regex by their
    /// patterns), in order. Unknown includes are reported.
    func expand(_ rules: [Rule], depth: Int = 0) throws -> [Rule] {
        guard depth < 32 else { throw FormatError(description: "include cycle") }
        var expanded: [Rule] = []
        for rule in rules {
            guard let include = rule.include else {
                if rule.match == nil, rule.begin == nil { expanded += try expand(rule.patterns, depth: depth + 1) }
                else { expanded.append(rule) }
                continue
            }
            if include == "$self" || include == "$base" {
                expanded += try expand(patterns, depth: depth + 1)
            } else if include.hasPrefix("#") {
                guard let target = repository[String(include.dropFirst())] else {
                    throw FormatError(description: "include \(include) names no repository entry")
                }
                expanded += try expand([target], depth: depth + 1)
            } else {
                throw FormatError(description: "include \(include) reaches outside the grammar")
            }
        }
        return expanded
    }
}
