import Foundation
import OpenAIProtocol

/// Builds the JSON bodies and SSE chunks of one response, chat or text completion, with one id.
struct ResponseFormatter: Sendable {
    let kind: OpenAIResponder.Kind
    let model: String
    let created: Int
    let id: String

    init(kind: OpenAIResponder.Kind, model: String, created: Int) {
        self.kind = kind
        self.model = model
        self.created = created
        let random = (0..<24).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" }
        id = (kind == .chat ? "chatcmpl-" : "cmpl-") + String(random)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    private func event<T: Encodable>(_ value: T) throws -> String {
        ServerSentEvents.event(json: String(decoding: try Self.encoder.encode(value), as: UTF8.self))
    }

    private static func finishReason(_ outcome: EngineOutcome) -> FinishReason {
        outcome.stoppedNaturally ? .stop : .length
    }

    /// Chat streams open with the assistant's role and empty content, as OpenAI's do.
    func firstChunk() throws -> String? {
        guard kind == .chat else { return nil }
        return try event(ChatCompletionChunk(id: id, created: created, model: model, choices: [
            .init(index: 0, delta: .init(role: "assistant", content: ""), finishReason: nil)]))
    }

    func chunk(_ text: String) throws -> String {
        switch kind {
        case .chat:
            return try event(ChatCompletionChunk(id: id, created: created, model: model, choices: [
                .init(index: 0, delta: .init(content: text), finishReason: nil)]))
        case .text:
            return try event(CompletionResponse(id: id, created: created, model: model, choices: [
                .init(index: 0, text: text, finishReason: nil)], usage: nil))
        }
    }

    /// The chunk carrying finish_reason, then (when asked) one with the usage and no choices.
    func lastChunk(_ outcome: EngineOutcome, includeUsage: Bool) throws -> String {
        let usage = Usage(promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens)
        var text: String
        switch kind {
        case .chat:
            text = try event(ChatCompletionChunk(id: id, created: created, model: model, choices: [
                .init(index: 0, delta: .init(), finishReason: Self.finishReason(outcome))]))
            if includeUsage {
                text += try event(ChatCompletionChunk(id: id, created: created, model: model, choices: [], usage: usage))
            }
        case .text:
            text = try event(CompletionResponse(id: id, created: created, model: model, choices: [
                .init(index: 0, text: "", finishReason: Self.finishReason(outcome))], usage: nil))
            if includeUsage {
                text += try event(CompletionResponse(id: id, created: created, model: model, choices: [], usage: usage))
            }
        }
        return text
    }

    func complete(text: String, outcome: EngineOutcome) throws -> Data {
        let usage = Usage(promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens)
        switch kind {
        case .chat:
            return try Self.encoder.encode(ChatCompletionResponse(id: id, created: created, model: model, choices: [
                .init(index: 0, message: .init(role: "assistant", content: text), finishReason: Self.finishReason(outcome))],
                usage: usage))
        case .text:
            return try Self.encoder.encode(CompletionResponse(id: id, created: created, model: model, choices: [
                .init(index: 0, text: text, finishReason: Self.finishReason(outcome))], usage: usage))
        }
    }
}
