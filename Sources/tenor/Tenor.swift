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
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum TenorVersion {
    static let string = "0.1.0"
}
