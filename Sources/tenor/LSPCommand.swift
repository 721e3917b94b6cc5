import ArgumentParser
import Foundation
import LanguageServer
import Restyle

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
        // "Rewrite: <style>" actions (RestyleCodeActions) are not registered yet: their rules-only rewrites
        // do not reach the styles, and Neovim 0.7 and Eglot 1.9 fail on the unresolved actions (see docs/RESTYLE.md).
        throw ExitCode(server.run())
    }
}
