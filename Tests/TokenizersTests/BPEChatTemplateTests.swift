import Testing
import Tokenizers

@Suite struct BPEChatTemplateTests {
    /// Qwen 2.5's template opening: the default system prompt is written with Jinja's `\n`
    /// escape, and an earlier `'<|im_start|>system\n' + ...` must not be taken for it.
    let qwenStyle = #"""
        {%- if tools %}{{- '<|im_start|>system\n' }}{%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- endif %}
        {%- else %}{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
        {%- else %}{{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}{%- endif %}{%- endif %}
        """#

    @Test func recognisesFormats() {
        let qwen = ChatTemplate(templateSource: qwenStyle)
        #expect(qwen.format == .chatML)
        #expect(qwen.defaultSystemPrompt == "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.")
        let llama = ChatTemplate(templateSource: "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' }}")
        #expect(llama.format == .llama3)
        #expect(!llama.isFallback)
        #expect(ChatTemplate(templateSource: nil).isFallback)
        #expect(ChatTemplate(templateSource: "{{ message['content'] }}").isFallback)
        #expect(ChatTemplate(templateSource: "<|im_start|>{{ role }}").defaultSystemPrompt == nil)
    }

    @Test func rendersChatML() {
        let template = ChatTemplate(format: .chatML)
        let text = template.render([.system("Be brief."), .user("Hi"), .assistant("Hello."), .user("Bye")],
                                   addGenerationPrompt: true)
        #expect(text == """
            <|im_start|>system
            Be brief.<|im_end|>
            <|im_start|>user
            Hi<|im_end|>
            <|im_start|>assistant
            Hello.<|im_end|>
            <|im_start|>user
            Bye<|im_end|>
            <|im_start|>assistant

            """)
        let withDefault = ChatTemplate(format: .chatML, defaultSystemPrompt: "Default.")
        #expect(withDefault.render([.user("x")], addGenerationPrompt: false)
            == "<|im_start|>system\nDefault.<|im_end|>\n<|im_start|>user\nx<|im_end|>\n")
        #expect(withDefault.render([.system("Own."), .user("x")], addGenerationPrompt: false)
            == "<|im_start|>system\nOwn.<|im_end|>\n<|im_start|>user\nx<|im_end|>\n")
    }

    @Test func rendersLlama3() {
        let template = ChatTemplate(format: .llama3)
        #expect(template.render([.system(" Be brief.\n"), .user("Hi")], addGenerationPrompt: true) ==
            "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n")
    }
}
