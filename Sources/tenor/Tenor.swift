import ArgumentParser
import Foundation

@main
struct Tenor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenor",
        abstract: "A language server and CLI for prose: tone, restyling and illustrations, offline.",
        version: TenorVersion.string,
        subcommands: [LSPCommand.self, CheckCommand.self, ModelsCommand.self, GenerateCommand.self, EmbedCommand.self,
                      ToneCommand.self, IllustrateCommand.self, BenchCommand.self, RewriteCommand.self, ServeCommand.self]
    )

    /// Usage errors exit with status 2 (as `tenor check` documents), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            leave(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((message + "\n").utf8))
                leave(2)
            }
            if !message.isEmpty {
                if code == .success { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            leave(code.rawValue)
        }
    }

    /// Ends the process without exit handlers: OpenBLAS's handler joins its worker threads and can deadlock
    /// there (seen as `tenor lsp` hanging in blas_thread_shutdown_ after "exit" in parallel test runs), which
    /// would hang a CI job after `tenor check` had printed its result. Output is flushed first.
    static func leave(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}

enum TenorVersion {
    static let string = "0.1.0"
}
