import ArgumentParser

// Decoder branch only: registers generate and bench so they can be run here. The lead owns this file.
struct Tenor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tenor", subcommands: [GenerateCommand.self, BenchCommand.self])
}
Tenor.main()
