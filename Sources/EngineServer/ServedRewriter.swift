import OpenAIProtocol

/// What `POST /v1/tenor/rewrite` calls: the executable hands the server its Restyle pipeline (the server
/// module knows nothing of Restyle). Throw an `APIError` for a bad request (an unknown style, say); any other
/// error is answered as a server failure.
public protocol ServedRewriter: Sendable {
    func rewrite(_ request: TenorRewriteRequest) async throws -> TenorRewriteResponse
}
