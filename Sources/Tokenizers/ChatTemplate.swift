import ModelFormats

/// Renders a conversation into the prompt text a chat model was trained on.
///
/// GGUF files carry the template as Jinja source (`tokenizer.chat_template`). Rather than
/// interpret Jinja, the format is recognised from the source, as llama.cpp does, and
/// rendered by hand. The result is meant to be encoded with `parseSpecial: true` (so
/// `<|im_start|>` becomes one token) and `addSpecial: true` (which adds BOS where the
/// model wants it; the rendered text never contains BOS itself).
public struct ChatTemplate: Sendable, Equatable {
    public enum Format: Sendable, Equatable {
        /// `<|im_start|>role\ncontent<|im_end|>\n` (SmolLM2, Qwen).
        case chatML
        /// `<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>` (Llama 3).
        case llama3
    }

    public let format: Format
    /// A system message the template inserts when the conversation does not start with one
    /// (SmolLM2: "You are a helpful AI assistant named SmolLM, ...").
    public let defaultSystemPrompt: String?
    /// True when the file had no template or one of an unrecognised format, and ChatML was assumed.
    public let isFallback: Bool

    public init(format: Format, defaultSystemPrompt: String? = nil) {
        self.format = format
        self.defaultSystemPrompt = defaultSystemPrompt
        self.isFallback = false
    }

    public init(gguf: GGUFFile) {
        self.init(templateSource: gguf.string("tokenizer.chat_template"))
    }

    /// Recognises the format of a Jinja chat template.
    public init(templateSource source: String?) {
        guard let source else {
            format = .chatML
            defaultSystemPrompt = nil
            isFallback = true
            return
        }
        if source.contains("<|im_start|>") {
            format = .chatML
            defaultSystemPrompt = Self.literalSystemPrompt(in: source)
            isFallback = false
        } else if source.contains("<|start_header_id|>") {
            format = .llama3
            defaultSystemPrompt = nil
            isFallback = false
        } else {
            format = .chatML
            defaultSystemPrompt = nil
            isFallback = true
        }
    }

    /// The prompt text for `messages`; with `addGenerationPrompt`, it ends with the
    /// header of an assistant turn for the model to complete.
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool) -> String {
        var messages = messages
        if let defaultSystemPrompt, messages.first?.role != "system" {
            messages.insert(.system(defaultSystemPrompt), at: 0)
        }
        var text = ""
        switch format {
        case .chatML:
            for message in messages {
                text += "<|im_start|>\(message.role)\n\(message.content)<|im_end|>\n"
            }
            if addGenerationPrompt { text += "<|im_start|>assistant\n" }
        case .llama3:
            for message in messages {
                // The Llama 3 template trims each message's content.
                let content = message.content.trimmingWhitespace()
                text += "<|start_header_id|>\(message.role)<|end_header_id|>\n\n\(content)<|eot_id|>"
            }
            if addGenerationPrompt { text += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
        }
        return text
    }

    /// The text of a system message written literally in the template, as in
    /// `'<|im_start|>system\nYou are a helpful AI assistant ...<|im_end|>\n'`.
    /// Occurrences built from variables (`'<|im_start|>system\n' + ...`) are skipped.
    static func literalSystemPrompt(in source: String) -> String? {
        let opening = "<|im_start|>system"
        var remaining = source[...]
        while let start = remaining.firstRange(of: opening) {
            var rest = remaining[start.upperBound...]
            remaining = rest
            // The newline after the role: a real one, or the escape `\n` of a Jinja string.
            if rest.hasPrefix("\n") {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("\\n") {
                rest = rest.dropFirst(2)
            } else {
                continue
            }
            guard let end = rest.firstRange(of: "<|im_end|>") else { continue }
            let prompt = rest[..<end.lowerBound]
            if prompt.isEmpty || prompt.contains(where: { "'\"{}+".contains($0) }) { continue }
            return String(prompt)
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing whitespace (Jinja's `trim`).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
