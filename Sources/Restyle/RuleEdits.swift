/// The word edits that separate two rule outputs of one sentence, so a subset of them can be tried.
/// The full rules swap every word they know at once; on a short sentence one poor swap ("stuff" →
/// "material") can cost more meaning than all the others earn in style. `Restyler` starts from the light
/// rules' text and adds the edits one at a time, keeping each that raises meaning + style.
struct RuleEdits: Equatable {
    /// One replaced run of tokens: `base[range]` becomes `replacement`.
    struct Edit: Equatable {
        var range: Range<Int>
        var replacement: [String]
    }

    let base: [String]
    let edits: [Edit]

    /// Edits turning `base` into `target`, word by word (tokens split at spaces, punctuation attached).
    init(from base: String, to target: String) {
        let a = base.split(separator: " ").map(String.init)
        let b = target.split(separator: " ").map(String.init)
        self.base = a
        // Longest common subsequence table, suffix form: lcs[i][j] for a[i...], b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        var open: (start: Int, replacement: [String])?
        func close(at end: Int) {
            if let current = open { edits.append(Edit(range: current.start..<end, replacement: current.replacement)) }
            open = nil
        }
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                close(at: i); i += 1; j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                if open == nil { open = (i, []) }
                open?.replacement.append(b[j]); j += 1
            } else {
                if open == nil { open = (i, []) }
                i += 1
            }
        }
        close(at: i)
        self.edits = edits
    }

    /// `base` with the edits at `chosen` (indices into `edits`) applied.
    func applying(_ chosen: Set<Int>) -> String {
        var tokens: [String] = []
        var position = 0
        for (index, edit) in edits.enumerated() where chosen.contains(index) {
            tokens += base[position..<edit.range.lowerBound]
            tokens += edit.replacement
            position = edit.range.upperBound
        }
        tokens += base[position...]
        return tokens.joined(separator: " ")
    }
}
