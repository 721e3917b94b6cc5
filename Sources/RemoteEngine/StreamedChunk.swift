import OpenAIProtocol

/// One streamed event as any OpenAI-compatible engine sends it, read leniently: vLLM, llama.cpp, Ollama and
/// `tenor serve` differ in the fields they add or leave out, so everything but the text is optional.
struct StreamedChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            var content: String?
        }
        var delta: Delta?
        /// A non-streamed body (an engine that ignored `stream`) carries `message` instead of `delta`.
        var message: Delta?
        var text: String?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta, message, text, finishReason = "finish_reason"
        }
    }

    var choices: [Choice]?
    var usage: Usage?
    var error: APIError?
}
