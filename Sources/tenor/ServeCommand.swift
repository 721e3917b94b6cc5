import ArgumentParser
import Checks
import EngineServer
import Foundation
import TensorMath

/// `tenor serve`: the in-process model over the OpenAI-compatible HTTP protocol, for a team's shared machine.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the decoder over the OpenAI-compatible HTTP API (/v1/models, /v1/chat/completions, /v1/completions) and Restyle (/v1/tenor/rewrite).",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise; text sent to it stays on this machine. One engine \
            serves every client, one request at a time in arrival order. See docs/SERVE.md.
            """)

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "TCP port (0 picks a free one; the port is printed on stderr).")
    var port = 8080

    @Option(help: "GGUF model file (default: the catalog's rewrite model, else SmolLM2-135M-Instruct).")
    var model: String?

    @Option(help: "The model name clients send (default: the file name without .gguf).")
    var modelName: String?

    @Option(help: "Name of the environment variable holding the bearer token clients must send (none: no token).")
    var apiKeyEnv: String?

    @Option(help: "Context size in tokens (prompt + completion), at most the model's.")
    var contextSize = 4096

    @Option(help: "Most max_tokens a request may ask for.")
    var maxTokensLimit = 2048

    @Option(help: "Largest request body in bytes.")
    var maxBodyBytes = 1 << 20

    @Option(help: "Requests that may wait for the engine; more get 503.")
    var maxQueue = 32

    @Option(help: "Seconds a client has to send a whole request (slower clients are disconnected).")
    var requestReadTimeout = 30

    @Option(help: "Seconds an idle keep-alive connection stays open.")
    var idleTimeout = 60

    @Option(help: "Threads for the decoder (default: all cores).")
    var threads: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        if contextSize < 16 { throw ValidationError("--context-size must be ≥ 16") }
        if maxTokensLimit < 1 { throw ValidationError("--max-tokens-limit must be ≥ 1") }
        if maxBodyBytes < 1024 { throw ValidationError("--max-body-bytes must be ≥ 1024") }
        if maxQueue < 1 { throw ValidationError("--max-queue must be ≥ 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1") }
        if requestReadTimeout < 1 { throw ValidationError("--request-read-timeout must be ≥ 1") }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout must be ≥ 1") }
    }

    func run() throws {
        var configuration = ServeConfiguration(modelPath: model ?? DecoderDefaults.modelPath, modelName: modelName)
        configuration.host = host
        configuration.port = port
        configuration.contextSize = contextSize
        configuration.maxTokensLimit = maxTokensLimit
        configuration.defaultMaxTokens = min(configuration.defaultMaxTokens, maxTokensLimit)
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxQueuedRequests = maxQueue
        configuration.threads = threads
        configuration.requestReadTimeoutSeconds = requestReadTimeout
        configuration.idleTimeoutSeconds = idleTimeout
        if let apiKeyEnv {
            // The key is read from the environment only, never from a flag or a file, so it stays out of
            // shell history and `ps`.
            guard let key = ProcessInfo.processInfo.environment[apiKeyEnv], !key.isEmpty else {
                FileHandle.standardError.write(Data("tenor serve: --api-key-env \(apiKeyEnv): the variable is not set or empty\n".utf8))
                throw ExitCode.failure
            }
            configuration.apiKey = key
        }

        let server: EngineServer
        do {
            let styles = RestyleCodeActions.styles(in: Configuration.load(
                workspaceRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).0)
            let rewriter = ServeRewriter(modelPath: configuration.modelPath,
                                         threads: threads ?? ThreadPool.defaultThreadCount(), styles: styles)
            server = try EngineServer(configuration: configuration, rewriter: rewriter)
        } catch {
            FileHandle.standardError.write(Data("tenor serve: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if host != "127.0.0.1" && host != "localhost" && host != "::1" && configuration.apiKey == nil {
            FileHandle.standardError.write(Data("tenor serve: warning: listening on \(host) without --api-key-env; anyone who can reach it can use it\n".utf8))
        }

        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        let name = configuration.modelName
        let context = server.contextLimit
        Task {
            do {
                try await server.run { boundPort in
                    FileHandle.standardError.write(Data(
                        "tenor serve: listening on http://\(host):\(boundPort)/v1 (model \(name), context \(context) tokens)\n".utf8))
                }
            } catch {
                outcome.set("tenor serve: \(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.message {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode.failure
        }
    }
}

/// The error the server stopped with, if any (set on a task, read after it).
private final class ServeOutcome: @unchecked Sendable {
    // @unchecked: `value` is guarded by `lock`.
    private let lock = NSLock()
    private var value: String?
    var message: String? { lock.withLock { value } }
    func set(_ message: String) { lock.withLock { value = message } }
}
