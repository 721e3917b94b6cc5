import Testing
import Foundation
import Models

@Suite struct SamplerTests {
    private func draw(_ parameters: SamplingParameters, logits: [Float], count: Int, history: [Int] = []) -> [Int] {
        var sampler = Sampler(parameters)
        var tokens: [Int] = []
        for _ in 0..<count {
            var copy = logits
            tokens.append(copy.withUnsafeMutableBufferPointer { sampler.sample(logits: $0, history: history) })
        }
        return tokens
    }

    @Test func seededRandomIsReproducibleAndUniformish() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let seqA = (0..<8).map { _ in a.next() }
        #expect(seqA == (0..<8).map { _ in b.next() })
        #expect(seqA != (0..<8).map { _ in c.next() })
        var r = SeededRandom(seed: 0)
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 {
            let u = r.nextUnitFloat()
            #expect(u >= 0 && u < 1)
            buckets[Int(u * 10)] += 1
        }
        #expect(buckets.allSatisfy { $0 > 900 && $0 < 1100 })
    }

    @Test func greedyTakesArgmaxLowestIndexOnTies() {
        #expect(draw(.greedy, logits: [0.1, 3, -2, 3], count: 3) == [1, 1, 1])
    }

    @Test func sameSeedSameTokensDifferentSeedDiffers() {
        let logits: [Float] = (0..<50).map { Float($0 % 7) * 0.3 }
        let p = SamplingParameters(temperature: 1, topK: 0, topP: 1, seed: 7)
        let first = draw(p, logits: logits, count: 64)
        #expect(first == draw(p, logits: logits, count: 64))
        var q = p
        q.seed = 8
        #expect(first != draw(q, logits: logits, count: 64))
    }

    @Test func topKKeepsOnlyTheKLargest() {
        let logits: [Float] = [5, 1, 4.9, 0, 4.8, -1]
        let tokens = draw(SamplingParameters(temperature: 5, topK: 2, topP: 1, seed: 1), logits: logits, count: 400)
        #expect(Set(tokens) == [0, 2])
    }

    @Test func topPKeepsTheSmallestSetReachingTheMass() {
        // Probabilities ≈ [0.5, 0.3, 0.2] at temperature 1: top-p 0.7 keeps two tokens.
        let logits: [Float] = [logf(0.5), logf(0.3), logf(0.2)]
        let tokens = draw(SamplingParameters(temperature: 1, topK: 0, topP: 0.7, seed: 3), logits: logits, count: 2000)
        #expect(Set(tokens) == [0, 1])
        let share = Float(tokens.filter { $0 == 0 }.count) / Float(tokens.count)
        #expect(abs(share - 0.625) < 0.04)  // 0.5 / 0.8 after renormalising
    }

    @Test func temperatureFollowsTheSoftmax() {
        let logits: [Float] = [0, logf(3)]  // p = [0.25, 0.75]
        let tokens = draw(SamplingParameters(temperature: 1, topK: 0, topP: 1, seed: 11), logits: logits, count: 4000)
        let share = Float(tokens.filter { $0 == 1 }.count) / Float(tokens.count)
        #expect(abs(share - 0.75) < 0.03)
        // Low temperature sharpens towards the argmax.
        let cold = draw(SamplingParameters(temperature: 0.05, topK: 0, topP: 1, seed: 11), logits: logits, count: 500)
        #expect(cold.allSatisfy { $0 == 1 })
    }

    @Test func repetitionPenaltyDividesPositiveAndMultipliesNegative() {
        var sampler = Sampler(SamplingParameters(temperature: 0, topK: 0, topP: 1, repetitionPenalty: 2, repetitionWindow: 4))
        var logits: [Float] = [4, 3, -1, 0.5]
        let chosen = logits.withUnsafeMutableBufferPointer { sampler.sample(logits: $0, history: [0, 2, 0]) }
        #expect(logits == [2, 3, -2, 0.5])
        #expect(chosen == 1)
        // Tokens outside the window are not penalised.
        var far: [Float] = [4, 3]
        _ = far.withUnsafeMutableBufferPointer { sampler.sample(logits: $0, history: [0, 1, 1, 1, 1]) }
        #expect(far == [4, 1.5])
    }

    @Test func negativeInfinityIsNeverSampled() {
        let logits: [Float] = [-.infinity, 0, -.infinity, 0]
        let tokens = draw(SamplingParameters(temperature: 1, topK: 0, topP: 1, seed: 5), logits: logits, count: 200)
        #expect(Set(tokens) == [1, 3])
    }
}
