import OpenAIProtocol

/// Why a remote generation failed, in words an editor can show as is.
public enum RemoteEngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint is not an http(s) URL.
    case invalidEndpoint(String)
    /// The configured environment variable is unset or empty.
    case missingAPIKey(variable: String)
    /// No connection (refused, unknown host, connect timeout, reset): nothing was generated.
    case unreachable(endpoint: String, detail: String)
    /// The engine went silent longer than the read timeout, or the request passed its deadline.
    case timedOut(endpoint: String, seconds: Double)
    /// The engine answered with an error (after any retries): its status and OpenAI-format error when it sent one.
    case server(status: Int, error: APIError?)
    /// The engine answered something that is not the OpenAI protocol.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let endpoint):
            return "the endpoint '\(endpoint)' is not an http:// or https:// URL"
        case .missingAPIKey(let variable):
            return "the API key variable \(variable) is not set (or empty) in Tenor's environment"
        case .unreachable(let endpoint, let detail):
            return "cannot reach \(endpoint): \(detail)"
        case .timedOut(let endpoint, let seconds):
            return "\(endpoint) did not answer within \(Self.format(seconds)) s"
        case .server(let status, let error):
            if let error { return "the engine refused the request (HTTP \(status)): \(error.message)" }
            return "the engine failed (HTTP \(status))"
        case .malformedResponse(let detail):
            return "the engine's answer is not OpenAI-compatible: \(detail)"
        }
    }

    /// Whether another try may succeed: rate limits and server-side failures.
    var isRetryable: Bool {
        if case .server(let status, _) = self { return status == 429 || (500...599).contains(status) }
        return false
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
