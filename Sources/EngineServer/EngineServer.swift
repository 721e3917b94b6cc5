import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `tenor serve`: the in-process decoder behind an OpenAI-compatible HTTP server (Hummingbird on SwiftNIO).
public struct EngineServer: Sendable {
    public let configuration: ServeConfiguration
    private let engine: Engine
    private let rewriter: (any ServedRewriter)?

    /// Loads the model; errors name the file. With a `rewriter`, `POST /v1/tenor/rewrite` is served too.
    public init(configuration: ServeConfiguration, rewriter: (any ServedRewriter)? = nil) throws {
        self.configuration = configuration
        self.rewriter = rewriter
        engine = try Engine(configuration: configuration)
    }

    /// The context the engine was given (the model's own limit may be lower than asked).
    public var contextLimit: Int { engine.contextLimit }

    /// Serves until SIGTERM or SIGINT. `onListening` gets the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let configuration = self.configuration
        var logger = Logger(label: "tenor.serve")
        logger.logLevel = .warning
        let readTimeout = TimeAmount.seconds(Int64(configuration.requestReadTimeoutSeconds))
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(readTimeout: readTimeout)],
            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))
        let application = Application(
            responder: OpenAIResponder(engine: engine, configuration: configuration, rewriter: rewriter),
            server: .http1(configuration: http),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "tenor"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        try await application.runService()  // until SIGTERM or SIGINT
    }
}
