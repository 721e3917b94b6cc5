/// What `tenor serve` serves and the limits that keep one engine usable by a team.
public struct ServeConfiguration: Sendable {
    /// Loopback unless the operator asks otherwise: text sent here stays on this machine.
    public var host = "127.0.0.1"
    /// 0 picks a free port (printed when the server is up).
    public var port = 8080
    /// The GGUF file, and the name clients send as `model` (default: the file name without `.gguf`).
    public var modelPath: String
    public var modelName: String
    /// KV cache size: prompt plus completion, at most the model's own context length.
    public var contextSize = 4096
    public var threads: Int?
    /// Larger bodies get 413 before they are read in full.
    public var maxBodyBytes = 1 << 20
    /// The most `max_tokens` a request may ask for, and what it gets when it asks for none.
    public var maxTokensLimit = 2048
    public var defaultMaxTokens = 512
    /// Requests allowed to wait behind the one generating; more get 503 with Retry-After.
    public var maxQueuedRequests = 32
    /// A request's head and body must arrive within this many seconds (slow clients are dropped).
    public var requestReadTimeoutSeconds = 30
    /// Keep-alive connections with no request in flight are closed after this many seconds.
    public var idleTimeoutSeconds = 60
    /// The bearer token clients must send; nil serves without authentication (fine on loopback).
    public var apiKey: String?

    public init(modelPath: String, modelName: String? = nil) {
        self.modelPath = modelPath
        self.modelName = modelName ?? Self.defaultModelName(forPath: modelPath)
    }

    /// `…/SmolLM2-135M-Instruct.Q4_1.gguf` → `SmolLM2-135M-Instruct.Q4_1`.
    public static func defaultModelName(forPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".gguf") ? String(file.dropLast(5)) : file
    }
}
