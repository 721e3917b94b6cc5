/// Where an OpenAI-compatible engine is and how patiently to talk to it. The API key is never part of the
/// configuration: only the NAME of the environment variable that holds it (`[models] api-key-env`).
public struct RemoteEngineConfiguration: Sendable, Equatable {
    /// The API base, with its `/v1`: "http://gpu-box:8000/v1" (vLLM), "http://host:8080/v1" (llama.cpp),
    /// "http://host:11434/v1" (Ollama), "http://127.0.0.1:8080/v1" (`tenor serve`).
    public var endpoint: String
    /// The model name the engine serves (`GET /v1/models` lists them).
    public var model: String
    /// The environment variable holding the bearer token; nil sends none (Ollama, a loopback `tenor serve`).
    public var apiKeyEnvironmentVariable: String?
    /// Seconds to open a connection; a dead endpoint fails within this, so the caller can fall back.
    public var connectTimeoutSeconds: Double = 5
    /// Seconds the engine may stay silent (before the first byte, or between two streamed chunks).
    public var readTimeoutSeconds: Double = 60
    /// Seconds one request may take in all, streaming included.
    public var requestTimeoutSeconds: Double = 600
    /// Retries after 429 or 5xx (before any text arrived), with exponential backoff from `initialBackoffSeconds`,
    /// at most `maxBackoffSeconds` (a `Retry-After` the engine sends is honoured within that bound).
    public var maxRetries = 3
    public var initialBackoffSeconds: Double = 0.5
    public var maxBackoffSeconds: Double = 8

    public init(endpoint: String, model: String, apiKeyEnvironmentVariable: String? = nil) {
        self.endpoint = endpoint
        self.model = model
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
    }
}
