import ArgumentParser

// Local stand-in on branch lsp; the lead's root command replaces this file.
struct Tenor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tenor", subcommands: [LSPCommand.self])
}

Tenor.main()
