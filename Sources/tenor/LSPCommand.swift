import ArgumentParser
import Foundation
import LanguageServer
import Restyle
import Checks

/// `tenor lsp`: the language server over stdin/stdout.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the Tenor language server over stdin/stdout (LSP 3.17).")

    @Flag(name: .customLong("stdio"), help: "Use stdin/stdout (the default and only transport; accepted for editors that pass it).")
    var stdio = false

    @Option(name: .customLong("log-file"), help: "Append the server log to this file instead of stderr.")
    var logFile: String?

    @Option(name: .customLong("max-message-bytes"), help: "Refuse messages larger than this many bytes.")
    var maxMessageBytes: Int = ServerOptions.defaultMaxMessageBytes

    @Flag(name: .customLong("verbose"), help: "Log every message decision (debug level).")
    var verbose = false

    func validate() throws {
        guard maxMessageBytes > 0 else { throw ValidationError("--max-message-bytes must be positive") }
    }

    func run() throws {
        let options = ServerOptions(maxMessageBytes: maxMessageBytes, logFile: logFile,
                                    logLevel: verbose ? .debug : .info, version: TenorVersion.string)
        // A client that goes away must not kill the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(inputFD: STDIN_FILENO, outputFD: STDOUT_FILENO, options: options,
                                    checks: ChecksAdapter.factory(loadingRules: ToneRuleLoader.load))
        // "Rewrite: <style>" (lazy: resolved with codeAction/resolve, or through tenor.resolveAndApply for
        // clients without resolve support, such as Eglot 1.9). The models load on the first rewrite.
        let restyler = RestylerLoader { [weak server] in
            let configuration = server?.configuration ?? Configuration()
            return (configuration.modelsDirectory, configuration.rewriteModel, RestyleModels.endpoint(in: configuration))
        }
        server.registerCodeActionProvider(RestyleCodeActions(restyler: restyler) { [weak server] in
            RestyleCodeActions.styles(in: server?.configuration ?? Configuration())
        })
        // Illustrations: the tenor.illustrate command, a "Render illustration" action and a lens per directive.
        IllustrateRenderActions.register(on: server)
        server.registerCodeActionProvider(IllustrateCodeActions())
        server.registerCodeLensProvider(IllustrateCodeLenses())
        // Leaves through Tenor.leave: no exit handlers (OpenBLAS's can deadlock joining its threads).
        Tenor.leave(server.run())
    }
}
