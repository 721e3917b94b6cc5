import Foundation

/// How the next token is chosen from the logits.
public struct SamplingParameters: Sendable, Equatable {
    /// 0 means greedy (argmax); otherwise logits are divided by it before the softmax.
    public var temperature: Float
    /// Keep only the `topK` most likely tokens; 0 keeps all.
    public var topK: Int
    /// Keep the smallest set of tokens whose probability sums to at least `topP`; 1 keeps all.
    public var topP: Float
    /// Penalty (> 1 discourages) for tokens seen in the last `repetitionWindow` tokens, llama.cpp style:
    /// positive logits are divided by it, negative ones multiplied.
    public var repetitionPenalty: Float
    public var repetitionWindow: Int
    public var seed: UInt64

    public init(temperature: Float = 0.8, topK: Int = 40, topP: Float = 0.95,
                repetitionPenalty: Float = 1.0, repetitionWindow: Int = 64, seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.repetitionPenalty = repetitionPenalty
        self.repetitionWindow = repetitionWindow
        self.seed = seed
    }

    public static let greedy = SamplingParameters(temperature: 0, topK: 0, topP: 1)
}

/// Chooses tokens from logits. The steps, in order: repetition penalty, top-k,
/// temperature, softmax, top-p, then a draw from the seeded generator.
/// The same parameters, seed, history and logits give the same tokens.
public struct Sampler: Sendable {
    public let parameters: SamplingParameters
    private var random: SeededRandom
    /// Scratch reused between calls: candidate tokens with a logit, later a probability.
    private var candidates: [Candidate] = []

    private struct Candidate { var id: Int; var value: Float }

    public init(_ parameters: SamplingParameters) {
        self.parameters = parameters
        self.random = SeededRandom(seed: parameters.seed)
    }

    /// Picks the next token. Penalties are applied to `logits` in place; `history` is the tokens so far.
    public mutating func sample(logits: UnsafeMutableBufferPointer<Float>, history: [Int]) -> Int {
        precondition(!logits.isEmpty, "sampling from an empty vocabulary")
        applyRepetitionPenalty(logits, history: history)
        if parameters.temperature <= 0 { return Self.argmax(UnsafeBufferPointer(logits)) }

        collectTopK(logits)
        if candidates.isEmpty { return Self.argmax(UnsafeBufferPointer(logits)) }

        // Temperature and softmax; candidates are sorted, so the first holds the largest logit.
        let maxLogit = candidates[0].value
        var sum: Float = 0
        for i in candidates.indices {
            let p = expf((candidates[i].value - maxLogit) / parameters.temperature)
            candidates[i].value = p
            sum += p
        }
        for i in candidates.indices { candidates[i].value /= sum }

        // Top-p: the shortest prefix whose mass reaches topP.
        var kept = candidates.count
        if parameters.topP < 1 {
            var cumulative: Float = 0
            for i in candidates.indices {
                cumulative += candidates[i].value
                if cumulative >= parameters.topP { kept = i + 1; break }
            }
        }
        var keptMass: Float = 0
        for i in 0..<kept { keptMass += candidates[i].value }

        let r = random.nextUnitFloat() * keptMass
        var cumulative: Float = 0
        for i in 0..<kept {
            cumulative += candidates[i].value
            if r < cumulative { return candidates[i].id }
        }
        return candidates[kept - 1].id
    }

    /// Fills `candidates` with the `topK` largest finite logits (all when topK is 0), sorted descending.
    private mutating func collectTopK(_ logits: UnsafeMutableBufferPointer<Float>) {
        candidates.removeAll(keepingCapacity: true)
        let k = parameters.topK > 0 ? parameters.topK : logits.count
        if k >= logits.count {
            for (id, value) in logits.enumerated() where value > -Float.infinity { candidates.append(Candidate(id: id, value: value)) }
            candidates.sort { $0.value > $1.value || ($0.value == $1.value && $0.id < $1.id) }
            return
        }
        // Small k: keep a sorted list of the best k seen; most logits fail the first comparison.
        for (id, value) in logits.enumerated() where value > -Float.infinity {
            if candidates.count == k {
                guard let last = candidates.last, value > last.value else { continue }
                candidates.removeLast()
            }
            var insertAt = candidates.count
            while insertAt > 0 && candidates[insertAt - 1].value < value { insertAt -= 1 }
            candidates.insert(Candidate(id: id, value: value), at: insertAt)
        }
    }

    private func applyRepetitionPenalty(_ logits: UnsafeMutableBufferPointer<Float>, history: [Int]) {
        let penalty = parameters.repetitionPenalty
        guard penalty != 1, penalty > 0, parameters.repetitionWindow > 0 else { return }
        // Each distinct token is penalised once, however often it occurs.
        for id in Set(history.suffix(parameters.repetitionWindow)) where id >= 0 && id < logits.count {
            logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty
        }
    }

    /// Index of the largest value; the lowest index wins ties, as in llama.cpp's greedy sampler.
    public static func argmax(_ values: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        var bestValue = -Float.infinity
        for (i, v) in values.enumerated() where v > bestValue {
            best = i
            bestValue = v
        }
        return best
    }
}
