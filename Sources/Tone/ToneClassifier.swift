import Foundation
import Models

/// Scores sentences for tone: the sentence encoder's embedding (cached by text in its
/// `EmbeddingCache`, so only sentences whose text changed are encoded again) plus cue features,
/// through the tone head.
public final class ToneClassifier: Sendable {
    public let encoder: SentenceEncoder
    public let head: ToneHead
    /// Probabilities by sentence text, so the four tone rules score a sentence once, and an edit
    /// re-scores only the sentences it changed.
    let scores = ToneScoreCache(capacity: 8192)

    public init(encoder: SentenceEncoder, head: ToneHead) throws {
        guard head.inputCount == encoder.dimension + ToneCues.count else {
            throw ToneError.invalidHead("head expects \(head.inputCount) inputs; encoder gives \(encoder.dimension) + \(ToneCues.count) cues")
        }
        self.encoder = encoder
        self.head = head
    }

    /// Loads the encoder from `modelsDirectory/all-minilm-l6-v2` and the head from `headPath`
    /// (default: the head bundled with this module).
    public static func load(modelsDirectory: URL, headPath: String? = nil) throws -> ToneClassifier {
        let encoderDirectory = modelsDirectory.appendingPathComponent("all-minilm-l6-v2")
        guard FileManager.default.fileExists(atPath: encoderDirectory.appendingPathComponent("model.safetensors").path) else {
            throw ToneError.missingModel(encoderDirectory.path)
        }
        guard let path = headPath ?? bundledHeadPath else { throw ToneError.missingModel("tone-head.safetensors") }
        return try ToneClassifier(encoder: SentenceEncoder(directory: encoderDirectory), head: ToneHead(path: path))
    }

    /// The head shipped with Tenor (Sources/Tone/Resources/tone-head.safetensors; see Scripts/train-tone/REPORT.md):
    /// `$TENOR_TONE_HEAD`, else the module's resource bundle next to the executable. Looked up by hand
    /// rather than through `Bundle.module`, which stops the process when the bundle is missing.
    public static var bundledHeadPath: String? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["TENOR_TONE_HEAD"], fileManager.fileExists(atPath: path) { return path }
        let relative = "Tenor_Tone.resources/Resources/tone-head.safetensors"
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
        let texts = sentences.map(Self.modelText)
        var results = texts.map { scores.probabilities(for: $0) }
        let missing = results.indices.filter { results[$0] == nil }
        guard !missing.isEmpty else { return results.map { $0 ?? [] } }
        let embeddings = encoder.embed(missing.map { texts[$0] })
        for (index, embedding) in zip(missing, embeddings) {
            let probabilities = head.probabilities(embedding + ToneCues.features(texts[index]))
            scores.insert(probabilities, for: texts[index])
            results[index] = probabilities
        }
        return results.map { $0 ?? [] }
    }

    /// Forgets cached scores and embeddings (benchmarks measure a cold start with this).
    public func removeCachedScores() {
        scores.removeAll()
    }

    /// Sentence text as the model should read it: Prose's placeholder for inline code, links' URLs,
    /// HTML and the like (U+FFFC) becomes a neutral word, so hidden content can neither trigger nor
    /// excuse a finding.
    static func modelText(_ sentence: String) -> String {
        guard sentence.contains("\u{FFFC}") else { return sentence }
        return sentence.replacingOccurrences(of: "\u{FFFC}", with: "code")
    }
}
