/// Tokenizes text line by line with one TextMate grammar, following vscode-textmate's rules where this
/// grammar needs them: each line is searched with "\n" appended; at every position the earliest match
/// wins, ties going to the end pattern and then to the first rule listed; `\G` matches only where the
/// innermost begin/end rule's begin match ended on the same line; a begin/end rule stays open across lines.
/// Not covered (the grammar uses none): back-references from end to begin, `while`, nested captures,
/// `applyEndPatternLast`, injections of the grammar into itself.
struct LineTokenizer {
    struct Token: Equatable, CustomStringConvertible {
        let text: String
        let scopes: [String]
        var description: String { "\(text.debugDescription) \(scopes)" }
    }

    private struct OpenRule {
        let rule: TextMateGrammar.Rule
        /// Scopes of the begin and end matches (outer scopes plus the rule's name).
        let scopes: [String]
        /// Scopes between them (plus `contentName`).
        let contentScopes: [String]
        /// Byte where `\G` may match on the current line, or nil on later lines.
        var anchor: Int?
    }

    private enum Candidate {
        case end(OpenRule)
        case rule(TextMateGrammar.Rule)
    }

    let grammar: TextMateGrammar
    private var open: [OpenRule] = []
    private var cache: [String: OnigurumaPattern] = [:]

    init(grammar: TextMateGrammar) {
        self.grammar = grammar
    }

    /// Tokens of `text`, a line at a time; tokens never span lines and carry no line terminator.
    mutating func tokenize(_ text: String) throws -> [[Token]] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).map { try tokenize(line: String($0)) }
    }

    mutating func tokenize(line: String) throws -> [Token] {
        let bytes = Array(line.utf8) + [0x0A]
        var tokens: [Token] = []
        var emitted = 0
        func emit(upTo end: Int, scopes: [String]) {
            guard end > emitted else { return }
            let text = String(decoding: bytes[emitted..<min(end, bytes.count - 1)], as: UTF8.self)
            if !text.isEmpty { tokens.append(Token(text: text, scopes: scopes)) }
            emitted = end
        }
        func emit(match: OnigurumaPattern.Match, captures: [Int: String], scopes: [String]) {
            let whole = match.range
            var base = scopes
            if let name = captures[0] { base += Self.split(name) }
            for index in captures.keys.sorted() where index > 0 && index < match.groups.count {
                guard let range = match.groups[index], let name = captures[index], range.lowerBound >= emitted,
                      !range.isEmpty else { continue }
                emit(upTo: range.lowerBound, scopes: base)
                emit(upTo: range.upperBound, scopes: base + Self.split(name))
            }
            emit(upTo: whole.upperBound, scopes: base)
        }

        var position = 0
        while position < bytes.count {
            let innermost = open.last
            let contentScopes = innermost?.contentScopes ?? []
            var candidates: [(Candidate, String)] = []
            if let innermost, let end = innermost.rule.end { candidates.append((.end(innermost), end)) }
            for rule in try grammar.expand(innermost?.rule.patterns ?? grammar.patterns) {
                if let regex = rule.match ?? rule.begin { candidates.append((.rule(rule), regex)) }
            }
            let anchorHere = innermost?.anchor == position
            var best: (Candidate, OnigurumaPattern.Match)?
            for (candidate, regex) in candidates {
                guard let match = try pattern(regex, anchorAllowed: anchorHere).firstMatch(in: bytes, from: position)
                else { continue }
                if best == nil || match.range.lowerBound < (best?.1.range.lowerBound ?? Int.max) { best = (candidate, match) }
            }
            guard let (candidate, match) = best else { break }
            emit(upTo: match.range.lowerBound, scopes: contentScopes)
            var changedStack = false
            switch candidate {
            case .end(let closing):
                emit(match: match, captures: closing.rule.endCaptures, scopes: closing.scopes)
                open.removeLast()
                changedStack = true
            case .rule(let rule) where rule.begin != nil:
                let scopes = contentScopes + (rule.name.map(Self.split) ?? [])
                emit(match: match, captures: rule.beginCaptures, scopes: scopes)
                open.append(OpenRule(rule: rule, scopes: scopes,
                                     contentScopes: scopes + (rule.contentName.map(Self.split) ?? []),
                                     anchor: match.range.upperBound))
                changedStack = true
            case .rule(let rule):
                emit(match: match, captures: rule.captures, scopes: contentScopes + (rule.name.map(Self.split) ?? []))
            }
            position = match.range.upperBound
            if match.range.isEmpty && !changedStack {
                // An empty match that changes nothing would repeat forever: step over one character.
                position += 1
                while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            }
        }
        emit(upTo: bytes.count, scopes: open.last?.contentScopes ?? [])
        for index in open.indices { open[index].anchor = nil }
        return tokens
    }

    /// The compiled pattern; where `\G` may not match, it is replaced by a character no line contains
    /// (what vscode-textmate does).
    private mutating func pattern(_ source: String, anchorAllowed: Bool) throws -> OnigurumaPattern {
        let effective = anchorAllowed ? source : Self.disablingAnchor(in: source)
        if let cached = cache[effective] { return cached }
        let compiled = try OnigurumaPattern(effective)
        cache[effective] = compiled
        return compiled
    }

    static func disablingAnchor(in source: String) -> String {
        var result = ""
        var escaped = false
        for character in source {
            if escaped {
                result += character == "G" ? "\u{FFFF}" : "\\\(character)"
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result += "\\" }
        return result
    }

    /// A rule's `name` may hold several scopes separated by spaces.
    static func split(_ name: String) -> [String] {
        name.split(separator: " ").map(String.init)
    }
}
