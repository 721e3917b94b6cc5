import ArgumentParser
import Foundation
import Models

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models Tenor uses, where they are and whether they are intact.")

    @Flag(help: "Print JSON instead of a table.") var json = false
    @Flag(help: "Hash every file and compare with its pinned SHA-256 (slower).") var verify = false
    @Option(name: .customLong("models-dir"), help: "Model folder (default: $TENOR_MODELS_DIR or ~/.local/share/tenor/models).")
    var modelsDirectory: String?

    func run() throws {
        let catalog = ModelCatalog(directory: modelsDirectory)
        var rows: [[String: Any]] = []
        var problems = 0
        for entry in ModelCatalog.entries {
            let (status, bytes, digest) = catalog.status(of: entry, verify: verify)
            if status != .ok { problems += 1 }
            var row: [String: Any] = ["role": entry.role, "name": entry.name,
                                      "path": catalog.url(for: entry).path, "status": status.rawValue,
                                      "sha256": digest ?? entry.sha256, "verified": digest != nil]
            row["bytes"] = bytes ?? NSNull()
            rows.append(row)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for row in rows {
                let bytes = (row["bytes"] as? Int).map { String($0) } ?? "-"
                print("\(row["status"] ?? "")\t\(row["role"] ?? "")\t\(row["name"] ?? "")\t\(bytes)\t\(row["path"] ?? "")")
            }
            if problems > 0 {
                printError("\(problems) model file(s) missing or corrupt; run `make setup` to install them.")
            }
        }
        if problems > 0 && verify { throw ExitCode(1) }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("tenor: " + message + "\n").utf8))
}
