/// The byte-level grammar of a `ScenePlan` answer: exactly the compact JSON `ScenePlan.json` writes,
/// with every free value taken from a fixed set. Constrained decoding feeds it the bytes of candidate
/// tokens and keeps only tokens it accepts, so the model can only write a valid plan.
///
/// Subject names and relation targets are whole-word runs of the description (up to four words, none of
/// them an article, a count, a preposition, a conjunction or a verb; the last word also in its singular), so
/// the model copies noun phrases rather than invents; counts are 1–12; sizes, relations, settings, times and weather are their enums; the style
/// is "" or a word run of the description. With relation "none" the target is forced to "".
///
/// Every free value lives in one trie (`nodes`), so a state is a few integers and copying it to try a
/// token costs nothing.
public struct PlanGrammar: Sendable {
    /// A trie over byte strings; `terminal` marks a complete value.
    struct Trie: Sendable {
        var children: [[UInt8: Int32]] = [[:]]
        var terminal: [Bool] = [false]

        /// Adds `value` below `root`.
        mutating func insert(_ value: [UInt8], root: Int) {
            var node = root
            for byte in value {
                if let next = children[node][byte] { node = Int(next); continue }
                children.append([:])
                terminal.append(false)
                children[node][byte] = Int32(children.count - 1)
                node = children.count - 1
            }
            terminal[node] = true
        }

        mutating func newRoot() -> Int {
            children.append([:])
            terminal.append(false)
            return children.count - 1
        }
    }

    enum Step: Sendable {
        /// Bytes that must come next.
        case literal([UInt8])
        /// A value from the trie at `root`, ended by `"` (`quoted`) or by the next literal's first byte.
        case value(root: Int, quoted: Bool, field: Field)
        /// After `{"subjects":[` or a subject's `}`: `{` starts a subject, `,{` another, `]` ends the list.
        case subjectListChoice
    }

    enum Field: Sendable { case name, count, size, relation, target, setting, time, weather, style }

    struct State: Sendable, Equatable {
        var step: Int = 0
        /// Offset in a literal, or the trie node of a value.
        var position: Int = 0
        var subjects = 0
        /// The current subject's relation is "none" (its target must be "").
        var relationIsNone = false
        var done = false
    }

    let trie: Trie
    let steps: [Step]
    /// Where a subject's steps start, and the step after the subject list.
    let subjectStart: Int
    let afterSubjects: Int
    let maximumSubjects: Int
    private(set) var state = State()

    public var isComplete: Bool { state.done }

    /// At the choice after `[` or after a subject's `}`: another subject or the end of the list.
    public var isAtListChoice: Bool {
        guard !state.done, state.step < steps.count, case .subjectListChoice = steps[state.step] else { return false }
        return true
    }

    public init(description: String, maximumSubjects: Int = ScenePlan.maximumSubjects) {
        self.maximumSubjects = maximumSubjects
        var trie = Trie()
        func enumRoot(_ values: [String]) -> Int {
            let root = trie.newRoot()
            for value in values { trie.insert(Array(value.utf8), root: root) }
            return root
        }
        let words = RuleScenePlanner.words(of: String(description.prefix(RuleScenePlanner.maximumCharacters)))
        // A name is a noun phrase: no article, count, preposition, conjunction or verb inside it.
        let relationWords = Set(PlanVocabulary.relationPhrases.filter { $0.0.count == 1 }.map { $0.0[0] })
        func nameWord(_ word: String) -> Bool {
            PlanVocabulary.counts[word] == nil && !PlanVocabulary.fillers.contains(word) && Int(word) == nil
                && !PlanVocabulary.splitters.contains(word) && !relationWords.contains(word) && !PlanVocabulary.verbs.contains(word)
                && !(word.hasSuffix("ing") && !PlanVocabulary.ingNouns.contains(word))
        }
        var runs: [String] = []
        for start in words.indices where nameWord(words[start]) {
            for length in 1...4 where start + length <= words.count {
                var run = Array(words[start..<start + length])
                guard let last = run.last, nameWord(last) else { break }
                let text = run.joined(separator: " ")
                guard text.count <= ScenePlan.maximumNameLength else { break }
                runs.append(text)
                run[run.count - 1] = EnglishNouns.singular(last)
                runs.append(run.joined(separator: " "))
            }
        }
        let nameRoot = enumRoot(runs)
        let countRoot = enumRoot(ScenePlan.countRange.map(String.init))
        var styleRuns: [String] = [""]
        for start in words.indices {
            for length in 1...8 where start + length <= words.count {
                let text = words[start..<start + length].joined(separator: " ")
                if text.count <= ScenePlan.maximumStyleLength { styleRuns.append(text) }
            }
        }
        let styleRoot = enumRoot(styleRuns)
        func q(_ s: String) -> [UInt8] { Array(s.utf8) }
        var steps: [Step] = [.literal(q("{\"subjects\":[")), .subjectListChoice]
        subjectStart = steps.count
        steps += [
            .literal(q("{\"name\":\"")), .value(root: nameRoot, quoted: true, field: .name),
            .literal(q(",\"count\":")), .value(root: countRoot, quoted: false, field: .count),
            .literal(q(",\"size\":\"")), .value(root: enumRoot(ScenePlan.Size.allCases.map(\.rawValue)), quoted: true, field: .size),
            .literal(q(",\"relation\":\"")),
            .value(root: enumRoot(ScenePlan.Relation.allCases.map(\.rawValue)), quoted: true, field: .relation),
            .literal(q(",\"of\":\"")),
        ]
        steps += [.value(root: nameRoot, quoted: true, field: .target), .literal(q("}")), .subjectListChoice]
        afterSubjects = steps.count
        steps += [
            .literal(q(",\"setting\":\"")), .value(root: enumRoot(ScenePlan.Setting.allCases.map(\.rawValue)), quoted: true, field: .setting),
            .literal(q(",\"time\":\"")), .value(root: enumRoot(ScenePlan.TimeOfDay.allCases.map(\.rawValue)), quoted: true, field: .time),
            .literal(q(",\"weather\":\"")), .value(root: enumRoot(ScenePlan.Weather.allCases.map(\.rawValue)), quoted: true, field: .weather),
            .literal(q(",\"style\":\"")), .value(root: styleRoot, quoted: true, field: .style), .literal(q("}")),
        ]
        self.steps = steps
        self.trie = trie
    }

    /// Feeds one byte; false (and the state unchanged) when the grammar does not allow it.
    @discardableResult
    public mutating func feed(_ byte: UInt8) -> Bool {
        guard let next = Self.advance(state, byte, self) else { return false }
        state = next
        return true
    }

    /// Feeds bytes; false (state unchanged) when any is refused.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var s = state
        for byte in bytes {
            guard let next = Self.advance(s, byte, self) else { return false }
            s = next
        }
        state = s
        return true
    }

    /// Whether `bytes` could be fed now (the state is not changed).
    public func accepts(_ bytes: [UInt8]) -> Bool {
        var s = state
        for byte in bytes {
            guard let next = Self.advance(s, byte, self) else { return false }
            s = next
        }
        return true
    }

    /// The bytes allowed next.
    public func allowedBytes() -> [UInt8] {
        (0...127).compactMap { Self.advance(state, UInt8($0), self) != nil ? UInt8($0) : nil }
    }

    /// The bytes that must come next (one choice each), up to the next real choice.
    public func forcedBytes() -> [UInt8] {
        var s = state
        var out: [UInt8] = []
        while !s.done {
            var only: (UInt8, State)?
            var choices = 0
            for byte in UInt8(0)...127 {
                if let next = Self.advance(s, byte, self) {
                    choices += 1
                    only = (byte, next)
                    if choices > 1 { break }
                }
            }
            guard choices == 1, let (byte, next) = only else { break }
            out.append(byte)
            s = next
        }
        return out
    }

    /// The next state after `byte`, or nil.
    static func advance(_ s: State, _ byte: UInt8, _ g: PlanGrammar) -> State? {
        guard !s.done, s.step < g.steps.count else { return nil }
        var s = s
        switch g.steps[s.step] {
        case .literal(let bytes):
            guard bytes[s.position] == byte else { return nil }
            s.position += 1
            if s.position == bytes.count { g.enterNext(&s) }
            return s
        case .subjectListChoice:
            if byte == UInt8(ascii: "]") {
                s.step = g.afterSubjects
                s.position = 0
                return s
            }
            // The first subject opens with `{`, the next ones with `,` and then the literal `{"name":"`.
            guard s.subjects < g.maximumSubjects, byte == UInt8(ascii: s.subjects == 0 ? "{" : ",") else { return nil }
            s.step = g.subjectStart
            s.position = s.subjects == 0 ? 1 : 0
            s.subjects += 1
            return s
        case .value(let root, let quoted, let field):
            let node = s.position
            if quoted && byte == UInt8(ascii: "\"") {
                if field == .target && s.relationIsNone {
                    guard node == root else { return nil }
                } else {
                    guard g.trie.terminal[node], field == .style || node != root else { return nil }
                }
                if field == .relation { s.relationIsNone = g.isValue(node, root: root, "none") }
                s.step += 1
                s.position = 0
                return s
            }
            if field == .target && s.relationIsNone { return nil }
            if let child = g.trie.children[node][byte] {
                s.position = Int(child)
                return s
            }
            // An unquoted value (the count) ends where the next literal starts.
            guard !quoted, g.trie.terminal[node], node != root else { return nil }
            s.step += 1
            s.position = 0
            return advance(s, byte, g)
        }
    }

    /// Moves from the end of a literal to the step after it, entering a value at its trie root.
    private func enterNext(_ s: inout State) {
        s.step += 1
        s.position = 0
        if s.step >= steps.count { s.done = true; return }
        if case .value(let root, _, _) = steps[s.step] { s.position = root }
    }

    private func isValue(_ node: Int, root: Int, _ value: String) -> Bool {
        var n = root
        for byte in value.utf8 {
            guard let next = trie.children[n][byte] else { return false }
            n = Int(next)
        }
        return n == node
    }
}
