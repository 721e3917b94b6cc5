import Foundation
import TOMLKit

/// Project and editor settings, merged from `.tenor.toml` at the workspace root and the
/// client's LSP settings (section `tenor`). Both use the same keys:
///
/// ```toml
/// [rules]                      # severity per rule or rule prefix: off, hint, info, warning, error
/// "style.repeated-word" = "warning"
/// tone = "on"                  # "on" keeps each rule's own severity
///
/// [server]
/// debounce-ms = 300            # delay before re-checking a document after an edit
/// max-message-bytes = 67108864 # JSON-RPC bodies above this are refused unread
///
/// [models]
/// dir = "~/.local/share/tenor/models"
/// rewrite = "qwen"              # or "smollm2" (small, fast) or the path of an instruct GGUF
/// endpoint = "http://gpu-box:8000/v1"  # optional: an OpenAI-compatible engine rewrites instead (off by default)
/// model = "Qwen/Qwen2.5-7B-Instruct"   # the endpoint's model name
/// api-key-env = "TENOR_API_KEY"        # the variable holding its key
///
/// [illustrate]
/// output-dir = "assets/illustrations"
///
/// [tone]
/// threshold = 0.5              # report a tone category at this probability or above (0...1)
/// hate-threshold = 0.7         # per category: insult-, profanity-, hate-, threat-threshold
///
/// [styles.pirate]              # user-defined rewrite styles, beside the built-in ones
/// instruction = "Rewrite the text like a pirate."
/// examples = [["Hello, friend.", "Ahoy, matey."]]
/// ```
public struct Configuration: Sendable, Equatable {
    /// Rule (or prefix such as "tone") → severity override; `nil` switches the rule off.
    public var ruleSeverities: [String: Severity?] = [:]
    /// Rules or prefixes explicitly switched "on" (keep their own severity, even under a disabled prefix).
    public var enabledRules: Set<String> = []
    public var debounceMilliseconds = 300
    public var maxMessageBytes = 64 << 20
    public var modelsDirectory: String?
    /// `[models] rewrite`: "qwen" (the default, Qwen2.5-Coder-1.5B-Instruct), "smollm2" (small and fast) or
    /// the path of any instruct GGUF.
    public var rewriteModel: String?
    /// `[models] endpoint`: an OpenAI-compatible engine ("http://gpu-box:8000/v1") that rewrites instead of the
    /// in-process model. Off (nil) by default: text leaves the machine only when this is set.
    public var endpoint: String?
    /// `[models] model`: the model name to ask the endpoint for.
    public var endpointModel: String?
    /// `[models] api-key-env`: the name of the environment variable holding the endpoint's API key (never the
    /// key itself: a configuration file is often committed).
    public var endpointKeyVariable: String?
    public var illustrationsDirectory = "assets/illustrations"
    public var toneThreshold = 0.5
    /// Category ("insult", "profanity", "hate", "threat") → threshold, overriding `toneThreshold`.
    public var toneCategoryThresholds: [String: Double] = [:]
    /// User-defined rewrite styles by name (`[styles.NAME]`).
    public var styles: [String: StyleDefinition] = [:]

    public init() {}

    public static let fileName = ".tenor.toml"

    /// Reads `.tenor.toml` from `workspaceRoot` when present. A file that cannot be read or parsed
    /// leaves the defaults and returns a warning, so a typo never stops the server.
    public static func load(workspaceRoot: URL?) -> (Configuration, [String]) {
        guard let root = workspaceRoot else { return (Configuration(), []) }
        let url = root.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return (Configuration(), []) }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try Configuration().merging(toml: text)
        } catch {
            return (Configuration(), ["\(url.path): \(error)"])
        }
    }

    /// Applies a TOML document over this configuration.
    public func merging(toml: String) throws -> (Configuration, [String]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ConfigurationError.invalidTOML(line: error.source.begin.line, column: error.source.begin.column,
                                                 message: error.description)
        }
        let json = table.convert(to: .json)
        guard let data = json.data(using: .utf8),
              let settings = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigurationError.invalidTOML(line: 0, column: 0, message: "not a table")
        }
        return merging(settings: settings)
    }

    /// Applies settings shaped like the TOML file (a JSON object from the LSP client).
    /// Unknown keys and wrong types are reported, not fatal.
    public func merging(settings: [String: Any]) -> (Configuration, [String]) {
        var result = self
        var warnings: [String] = []
        for (key, value) in settings {
            switch key {
            case "rules":
                guard let rules = value as? [String: Any] else { warnings.append("rules: expected a table"); continue }
                for (rule, setting) in rules {
                    switch (setting as? String)?.lowercased() {
                    case "off", "false":
                        result.ruleSeverities[rule] = .some(nil); result.enabledRules.remove(rule)
                    case "on", "true":
                        result.ruleSeverities[rule] = nil; result.enabledRules.insert(rule)
                    case let name?:
                        if let severity = Severity(name: name) {
                            result.ruleSeverities[rule] = .some(severity); result.enabledRules.insert(rule)
                        } else {
                            warnings.append("rules.\(rule): unknown severity '\(name)'")
                        }
                    case nil:
                        if let flag = setting as? Bool {
                            if flag { result.ruleSeverities[rule] = nil; result.enabledRules.insert(rule) }
                            else { result.ruleSeverities[rule] = .some(nil); result.enabledRules.remove(rule) }
                        } else {
                            warnings.append("rules.\(rule): expected off, on, hint, info, warning or error")
                        }
                    }
                }
            case "server":
                guard let server = value as? [String: Any] else { warnings.append("server: expected a table"); continue }
                for (name, setting) in server {
                    switch name {
                    case "debounce-ms":
                        if let ms = Self.integer(setting), (0...60_000).contains(ms) { result.debounceMilliseconds = ms }
                        else { warnings.append("server.debounce-ms: expected 0...60000") }
                    case "max-message-bytes":
                        if let bytes = Self.integer(setting), bytes >= 1024 { result.maxMessageBytes = bytes }
                        else { warnings.append("server.max-message-bytes: expected at least 1024") }
                    default: warnings.append("server.\(name): unknown setting")
                    }
                }
            case "models":
                guard let models = value as? [String: Any] else { warnings.append("models: expected a table"); continue }
                for (name, setting) in models {
                    if name == "dir", let dir = setting as? String { result.modelsDirectory = dir }
                    else if name == "rewrite", let model = setting as? String { result.rewriteModel = model }
                    else if name == "endpoint", let endpoint = setting as? String {
                        result.endpoint = endpoint.isEmpty ? nil : endpoint
                    } else if name == "model", let model = setting as? String { result.endpointModel = model }
                    else if name == "api-key-env", let variable = setting as? String {
                        result.endpointKeyVariable = variable.isEmpty ? nil : variable
                    }
                    else { warnings.append("models.\(name): unknown setting") }
                }
            case "illustrate":
                guard let options = value as? [String: Any] else { warnings.append("illustrate: expected a table"); continue }
                for (name, setting) in options {
                    if name == "output-dir", let dir = setting as? String { result.illustrationsDirectory = dir }
                    else { warnings.append("illustrate.\(name): unknown setting") }
                }
            case "tone":
                guard let options = value as? [String: Any] else { warnings.append("tone: expected a table"); continue }
                for (name, setting) in options {
                    guard let number = (setting as? Double) ?? (setting as? Int).map(Double.init), (0...1).contains(number) else {
                        warnings.append("tone.\(name): expected a number from 0 to 1"); continue
                    }
                    if name == "threshold" { result.toneThreshold = number }
                    else if name.hasSuffix("-threshold"), ["insult", "profanity", "hate", "threat"].contains(name.dropLast(10)) {
                        result.toneCategoryThresholds[String(name.dropLast(10))] = number
                    } else { warnings.append("tone.\(name): unknown setting") }
                }
            case "styles":
                guard let styles = value as? [String: Any] else { warnings.append("styles: expected a table"); continue }
                for (name, setting) in styles {
                    if let style = StyleDefinition(setting: setting) { result.styles[name] = style }
                    else { warnings.append("styles.\(name): expected instruction = \"...\" and examples = [[\"from\", \"to\"], ...]") }
                }
            default:
                warnings.append("\(key): unknown section")
            }
        }
        return (result, warnings.sorted())
    }

    /// The severity a finding of `rule` gets, or nil when the rule is off.
    /// The longest matching key wins: "tone.insult" over "tone" over "".
    public func severity(for rule: String, default defaultSeverity: Severity) -> Severity? {
        let keys = Set(ruleSeverities.keys).union(enabledRules).filter { Self.rule(rule, isCoveredBy: $0) }
        guard let mostSpecific = keys.max(by: { $0.count < $1.count }) else { return defaultSeverity }
        return ruleSeverities[mostSpecific] ?? .some(defaultSeverity)
    }

    /// "tone" covers "tone" and "tone.insult" but not "tonality".
    public static func rule(_ rule: String, isCoveredBy key: String) -> Bool {
        key.isEmpty || rule == key || rule.hasPrefix(key + ".")
    }

    private static func integer(_ value: Any) -> Int? {
        if let n = value as? Int { return n }
        if let d = value as? Double, d.rounded() == d, abs(d) < 1e15 { return Int(d) }
        if let s = value as? String { return Int(s) }
        return nil
    }
}

/// A rewrite style from `.tenor.toml`: an instruction and optional (from, to) example pairs.
public struct StyleDefinition: Sendable, Equatable {
    public var instruction: String
    public var examples: [(String, String)]

    public init(instruction: String, examples: [(String, String)] = []) {
        self.instruction = instruction; self.examples = examples
    }

    init?(setting: Any) {
        guard let table = setting as? [String: Any], let instruction = table["instruction"] as? String,
              !instruction.isEmpty else { return nil }
        var examples: [(String, String)] = []
        if let pairs = table["examples"] {
            guard let list = pairs as? [Any] else { return nil }
            for pair in list {
                guard let strings = pair as? [Any], strings.count == 2,
                      let from = strings[0] as? String, let to = strings[1] as? String else { return nil }
                examples.append((from, to))
            }
        }
        self.init(instruction: instruction, examples: examples)
    }

    public static func == (lhs: StyleDefinition, rhs: StyleDefinition) -> Bool {
        lhs.instruction == rhs.instruction && lhs.examples.elementsEqual(rhs.examples) { $0 == $1 }
    }
}

public enum ConfigurationError: Error, CustomStringConvertible {
    case invalidTOML(line: Int, column: Int, message: String)
    public var description: String {
        switch self {
        case let .invalidTOML(line, column, message): "invalid TOML at line \(line), column \(column): \(message)"
        }
    }
}
