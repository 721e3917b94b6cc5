import Foundation
import Models

/// Scores sentences for tone: the token states of all-MiniLM-L6-v2 with Tone's own fine-tuned top
/// layers (one forward pass per sentence), the token head on every token (reading its clause's mean
/// state and cues), the maximum over tokens per output. Analyses are cached by sentence text, so the
/// four tone rules score a sentence once and an edit re-scores only what it changed.
public final class ToneClassifier: Sendable {
    /// MiniLM with layers 4 and 5 replaced by Tone's (`encoderTopFile`); the head was trained on its states.
    public let encoder: SentenceEncoder
    public let head: ToneHead
    let analyses = ToneScoreCache(capacity: 8192)

    public static let headFile = "tone-head.safetensors"
    public static let encoderTopFile = "tone-encoder-top.safetensors"

    /// `encoder` must carry the top layers the head was trained with (see `load`).
    public init(encoder: SentenceEncoder, head: ToneHead) throws {
        guard head.stateCount == encoder.dimension else {
            throw ToneError.invalidHead("head reads \(head.stateCount)-value token states; encoder gives \(encoder.dimension)")
        }
        self.encoder = encoder
        self.head = head
    }

    /// Loads the encoder from `modelsDirectory/all-minilm-l6-v2` with the bundled top layers in place of
    /// its own, and the bundled head (`headPath` and `encoderTopPath` replace the bundled files).
    public static func load(modelsDirectory: URL, headPath: String? = nil, encoderTopPath: String? = nil) throws -> ToneClassifier {
        let encoderDirectory = modelsDirectory.appendingPathComponent("all-minilm-l6-v2")
        guard FileManager.default.fileExists(atPath: encoderDirectory.appendingPathComponent("model.safetensors").path) else {
            throw ToneError.missingModel(encoderDirectory.path)
        }
        guard let head = headPath ?? bundledPath(headFile, environment: "TENOR_TONE_HEAD") else {
            throw ToneError.missingModel(headFile)
        }
        guard let top = encoderTopPath ?? bundledPath(encoderTopFile, environment: "TENOR_TONE_ENCODER_TOP") else {
            throw ToneError.missingModel(encoderTopFile)
        }
        // Tone keeps its own analyses cache, so the encoder's embedding cache stays small.
        let encoder = try SentenceEncoder(directory: encoderDirectory, cacheCapacity: 16, overridingWeights: URL(fileURLWithPath: top))
        return try ToneClassifier(encoder: encoder, head: ToneHead(path: head))
    }

    /// A file shipped with Tenor in Sources/Tone/Resources (see Scripts/train-tone/REPORT-finetune.md):
    /// the path in `environment` if set, else the module's resource bundle next to the executable. Looked
    /// up by hand rather than through `Bundle.module`, which stops the process when the bundle is missing.
    static func bundledPath(_ name: String, environment: String) -> String? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment[environment], fileManager.fileExists(atPath: path) { return path }
        let relative = "Tenor_Tone.resources/Resources/" + name
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in folders {
            let path = folder.appendingPathComponent(relative).path
            if fileManager.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Per sentence, the head's five probabilities (insult, profanity, hate, threat, toxic).
    public func probabilities(for sentences: [String]) -> [[Float]] {
        analyses(for: sentences).map(\.probabilities)
    }

    /// Per sentence, its analysis (probabilities and the words that carry them).
    public func analyses(for sentences: [String]) -> [ToneAnalysis] {
        var results = sentences.map { analyses.analysis(for: $0) }
        var missing: [String] = []
        var seen = Set<String>()
        for (index, sentence) in sentences.enumerated() where results[index] == nil && seen.insert(sentence).inserted {
            missing.append(sentence)
        }
        if !missing.isEmpty {
            var computed: [String: ToneAnalysis] = [:]
            for (sentence, analysis) in zip(missing, analyse(missing)) {
                analyses.insert(analysis, for: sentence)
                computed[sentence] = analysis
            }
            for index in results.indices where results[index] == nil { results[index] = computed[sentences[index]] }
        }
        return results.map { $0 ?? .empty }
    }

    /// Always computed: tokens packed into forward passes of at most the encoder's batch size.
    func analyse(_ sentences: [String]) -> [ToneAnalysis] {
        let tokenized = sentences.map { ToneTokens($0, tokenizer: encoder.tokenizer) }
        return zip(tokenLogits(sentences, tokenized: tokenized), tokenized).map { logits, tokens in
            logits.isEmpty ? .empty : Self.analysis(logits: logits, tokens: tokens, spanOffset: head.spanOffset)
        }
    }

    /// Per sentence, the head's threshold-shifted logits for every token between [CLS] and [SEP]
    /// (`tokens × 5` values row after row; empty for a sentence without tokens).
    func tokenLogits(_ sentences: [String], tokenized: [ToneTokens]) -> [[Float]] {
        // Cue features per clause: a negation or quotation in one clause does not excuse another.
        let cues = zip(sentences, tokenized).map { sentence, tokens in
            let units = Array(sentence.utf16)
            return tokens.clauses.map { ToneCues.features(Self.modelText(String(decoding: units[$0], as: UTF16.self))) }
        }
        var results = [[Float]](repeating: [], count: sentences.count)
        let d = encoder.dimension
        let prefix = encoder.tokenizer.prefixIDs.count
        var batchStart = 0
        while batchStart < tokenized.count {
            var batchEnd = batchStart, tokens = 0
            while batchEnd < tokenized.count,
                  batchEnd == batchStart || tokens + tokenized[batchEnd].ids.count <= encoder.maximumTokensPerBatch {
                tokens += tokenized[batchEnd].ids.count
                batchEnd += 1
            }
            let hidden = encoder.model.hiddenStates(packed: tokenized[batchStart..<batchEnd].map(\.ids))
            var row = 0
            // The head's token part for every row of the batch in one call ([CLS]/[SEP] rows are wasted).
            let rowCount = hidden.count / max(d, 1)
            let projected = hidden.withUnsafeBufferPointer { head.project(states: $0, rowCount: rowCount) }
            let hCount = head.hiddenCount
            projected.withUnsafeBufferPointer { projectedRows in
                hidden.withUnsafeBufferPointer { all in
                    for index in batchStart..<batchEnd {
                        let sentence = tokenized[index]
                        let count = sentence.wordOfToken.count
                        defer { row += sentence.ids.count }
                        guard count > 0 else { continue }
                        let start = (row + prefix) * d
                        let states = UnsafeBufferPointer(rebasing: all[start..<start + count * d])
                        let clauseOfToken = sentence.wordOfToken.map { sentence.clauseOfWord[$0] }
                        let first = (row + prefix) * hCount
                        let tokenPart = UnsafeBufferPointer(rebasing: projectedRows[first..<first + count * hCount])
                        results[index] = head.tokenLogits(states: states, projected: tokenPart, tokenCount: count,
                                                          groupOfToken: clauseOfToken, cues: cues[index])
                    }
                }
            }
            batchStart = batchEnd
        }
        return results
    }

    static func analysis(logits: [Float], tokens: ToneTokens, spanOffset: Float) -> ToneAnalysis {
        let o = ToneHead.outputCount
        var sentence = [Float](repeating: -.infinity, count: o)
        var words = [[Float]](repeating: [Float](repeating: -.infinity, count: o), count: tokens.words.count)
        for (t, word) in tokens.wordOfToken.enumerated() {
            for k in 0..<o {
                let z = logits[t * o + k]
                sentence[k] = max(sentence[k], z)
                words[word][k] = max(words[word][k], z)
            }
        }
        return ToneAnalysis(probabilities: sentence.map(sigmoid), words: tokens.words, wordLogits: words, spanOffset: spanOffset)
    }

    /// Forgets cached analyses (benchmarks measure a cold start with this).
    public func removeCachedScores() {
        analyses.removeAll()
    }

    /// Sentence text as the model should read it: Prose's placeholder for inline code, links' URLs,
    /// HTML and the like (U+FFFC) becomes a neutral word, so hidden content can neither trigger nor
    /// excuse a finding.
    static func modelText(_ sentence: String) -> String {
        guard sentence.contains("\u{FFFC}") else { return sentence }
        return sentence.replacingOccurrences(of: "\u{FFFC}", with: "code")
    }
}
