import Foundation
import Testing

/// `tenor lsp` with a damaged sentence encoder (the tone rules' model): the server tells the user once,
/// naming the file, and every other check keeps working.
@Suite(.serialized) struct DamagedModelSessionTests {
    /// all-minilm-l6-v2's config.json (architecture settings only; no weights).
    static let configJSON = #"""
    {"architectures": ["BertModel"], "hidden_act": "gelu", "hidden_size": 384, "intermediate_size": 1536,
     "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert", "num_attention_heads": 12,
     "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute", "type_vocab_size": 2,
     "vocab_size": 30522}
    """#

    static func safetensors(header: String, data: [UInt8]) -> Data {
        let headerBytes = Array(header.utf8)
        var out = withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { Data($0) }
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: data)
        return out
    }

    /// (case, model.safetensors contents, whether the message must name model.safetensors itself).
    static let cases: [(String, Data, Bool)] = [
        ("zero-filled", Data(count: 4096), true),
        ("header only", safetensors(header: #"{"embeddings.word_embeddings.weight":{"dtype":"F32","shape":[30522,384],"data_offsets":[0,46881792]}}"#, data: []), true),
        ("random", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }), true),
        ("a GGUF file", Data("GGUF".utf8) + Data([3, 0, 0, 0]) + Data(count: 16), true),
        // Valid safetensors, wrong network: the encoder finds none of its tensors.
        ("wrong model", safetensors(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 128, 63]), false),
    ]

    @Test(arguments: 0..<cases.count)
    func damagedEncoderIsReportedOnceAndOtherChecksWork(index: Int) async throws {
        let (name, weights, namesFile) = Self.cases[index]
        let models = FileManager.default.temporaryDirectory.appendingPathComponent("tenor-damaged-models-\(UUID().uuidString)")
        let encoder = models.appendingPathComponent("all-minilm-l6-v2")
        try FileManager.default.createDirectory(at: encoder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: models) }
        try Data(Self.configJSON.utf8).write(to: encoder.appendingPathComponent("config.json"))
        try weights.write(to: encoder.appendingPathComponent("model.safetensors"))
        try Data("{}".utf8).write(to: encoder.appendingPathComponent("tokenizer.json"))

        let server = try ServerProcess(environment: ["TENOR_MODELS_DIR": models.path])
        _ = try await server.request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [String: Any]()])
        try server.notify("initialized")
        let shown = try await server.notification("window/showMessage")
        let message = ((shown["params"] as? [String: Any])?["message"] as? String) ?? ""
        #expect(message.contains("all-minilm-l6-v2"), "\(name): \(message)")
        #expect(!namesFile || message.contains("model.safetensors"), "\(name): \(message)")
        #expect(message.contains("Other checks keep working"), "\(name): \(message)")

        // The built-in rules still run.
        try server.notify("textDocument/didOpen", ["textDocument": [
            "uri": "file:///tmp/damaged.md", "languageId": "markdown", "version": 1, "text": "This is is fine.\n",
        ]])
        let published = try await server.notification("textDocument/publishDiagnostics")
        let diagnostics = ((published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]) ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "style.repeated-word" }, "\(name)")

        // A settings change reloads the rules: the damaged model is not reported again.
        try server.notify("workspace/didChangeConfiguration", ["settings": ["tenor": ["server": ["debounce-ms": 10]]]])
        _ = try await server.notification("textDocument/publishDiagnostics")
        #expect((try? await server.waitFor(timeout: 0.5) { ($0["method"] as? String) == "window/showMessage" }) == nil,
                "\(name): the problem was shown twice")

        _ = try await server.request("shutdown")
        try server.notify("exit")
        #expect(try await server.exitStatus() == 0)
    }
}
