import Foundation
import Restyle
import Tokenizers

/// Evaluation bridge until the Swift decoder and encoder are merged: a helper process
/// (Scripts/restyle/model_bridge.py) that generates candidates and scores meaning, one JSON object
/// per line each way. `tenor rewrite --bridge CMD` uses it; nothing else does.
/// `@unchecked Sendable`: every exchange holds `lock`, so requests never interleave on the pipes.
final class RewriteBridge: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()

    init(command: String) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    func exchange(_ request: [String: Any]) throws -> [String: Any] {
        try lock.withLock {
            var line = try JSONSerialization.data(withJSONObject: request)
            line.append(0x0A)
            try input.fileHandleForWriting.write(contentsOf: line)
            while !buffer.contains(0x0A) {
                // `availableData` returns what the pipe holds; `read(upToCount:)` would wait for the full count.
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else {
                    throw Failure(description: "model bridge closed its output")
                }
                buffer.append(chunk)
            }
            guard let newline = buffer.firstIndex(of: 0x0A) else { throw Failure(description: "model bridge: no reply") }
            let reply = buffer[buffer.startIndex..<newline]
            buffer = Data(buffer[(newline + 1)...])
            guard let object = try JSONSerialization.jsonObject(with: reply) as? [String: Any] else {
                throw Failure(description: "model bridge: reply is not an object")
            }
            return object
        }
    }
}

struct BridgeGenerator: CandidateGenerator {
    let bridge: RewriteBridge

    func candidates(for request: GenerationRequest) async throws -> [GeneratedText] {
        try Task.checkCancellation()
        let reply = try bridge.exchange([
            "op": "generate", "source": request.source, "count": request.count, "max_tokens": request.maxTokens,
            "seed": request.seed, "messages": request.messages.map { ["role": $0.role, "content": $0.content] },
        ])
        guard let candidates = reply["candidates"] as? [[String: Any]] else {
            throw RewriteBridge.Failure(description: "model bridge: no candidates")
        }
        return candidates.compactMap { item in
            guard let text = item["text"] as? String else { return nil }
            return GeneratedText(text: text, meanLogLikelihood: item["mean_logprob"] as? Double)
        }
    }
}

struct BridgeMeaning: MeaningScorer {
    let bridge: RewriteBridge

    func similarities(source: String, candidates: [String]) async throws -> [Double] {
        let reply = try bridge.exchange(["op": "similarity", "source": source, "candidates": candidates])
        guard let values = reply["similarities"] as? [Double], values.count == candidates.count else {
            throw RewriteBridge.Failure(description: "model bridge: bad similarities")
        }
        return values
    }
}
