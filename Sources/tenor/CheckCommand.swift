import ArgumentParser
import Checks
import Foundation
import LanguageServer
import Prose

/// `tenor check`: the diagnostics the server would publish, for files and folders.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check Markdown and text files and print the diagnostics the language server would publish.",
        discussion: "Exit status: 0 when nothing at or above --fail-on was found, 1 when something was, 2 on usage or input errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: hint, info, warning or error.")
    var failOn: String = "warning"
    @Option(help: "Configuration file (default: .tenor.toml in the current folder, if any).") var config: String?
    @Argument(help: "Files or folders (folders are searched for .md, .markdown and .txt files).") var paths: [String]

    func validate() throws {
        guard Severity(name: failOn) != nil else {
            throw ValidationError("--fail-on must be one of hint, info, warning, error (got '\(failOn)')")
        }
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        let threshold = Severity(name: failOn) ?? .warning
        let configuration = try loadConfiguration()
        let engine = CheckEngine(configuration: configuration, rules: CheckEngine.builtinRules + ToneRuleLoader.rules(configuration: configuration))

        var files: [String] = []
        var inputErrors = 0
        for path in paths {
            do { files += try CheckCommand.collectFiles(at: path) }
            catch { printError("\(path): \(error.localizedDescription)"); inputErrors += 1 }
        }

        var reports: [FileReport] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot read"); inputErrors += 1; continue
            }
            // Invalid UTF-8 is repaired (U+FFFD) rather than refused, as an editor would show it.
            let text = String(decoding: data, as: UTF8.self)
            let format = DocumentFormat(pathExtension: (file as NSString).pathExtension)
            let document = ProseDocument(text: text, format: format)
            reports.append(FileReport(path: file, text: text, findings: engine.check(document)))
        }

        switch format {
        case .json: try printJSON(reports)
        case .text: printText(reports)
        }
        if inputErrors > 0 { throw ExitCode(2) }
        if reports.contains(where: { $0.findings.contains { $0.severity >= threshold } }) { throw ExitCode(1) }
    }

    private func loadConfiguration() throws -> Configuration {
        if let config {
            guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                printError("\(config): cannot read configuration"); throw ExitCode(2)
            }
            do {
                let (configuration, warnings) = try Configuration().merging(toml: text)
                warnings.forEach { printError("\(config): \($0)") }
                return configuration
            } catch {
                printError("\(config): \(error)"); throw ExitCode(2)
            }
        }
        let (configuration, warnings) = Configuration.load(workspaceRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        warnings.forEach { printError($0) }
        return configuration
    }

    static let checkedExtensions: Set<String> = ["md", "markdown", "mdx", "mkd", "txt", "text"]

    /// A file is taken as given; a folder is walked for prose files, skipping hidden and build folders.
    static func collectFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no such file or folder"])
        }
        guard isDirectory.boolValue else { return [path] }
        var files: [String] = []
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                if ["node_modules", ".build", "target", "vendor"].contains(name) { walker.skipDescendants() }
                continue
            }
            if checkedExtensions.contains(url.pathExtension.lowercased()) {
                files.append(path.hasSuffix("/") ? path + url.path.dropFirst(root.path.count + 1)
                                                 : path + "/" + url.path.dropFirst(root.path.count + 1))
            }
        }
        return files.sorted()
    }

    struct FileReport {
        let path: String
        let text: String
        let findings: [Finding]
    }

    private func printText(_ reports: [FileReport]) {
        for report in reports {
            let lines = LineIndex(report.text)
            for finding in report.findings {
                let start = lines.position(ofUTF16Offset: finding.span.start)
                print("\(report.path):\(start.line + 1):\(start.character + 1): \(finding.severity.name): \(finding.message) [\(finding.rule)]")
            }
        }
    }

    private func printJSON(_ reports: [FileReport]) throws {
        let objects: [[String: Any]] = reports.map { report in
            let lines = LineIndex(report.text)
            return ["path": report.path,
                    "diagnostics": report.findings.map { DiagnosticJSON.object(for: $0, lines: lines) }]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// LSP `Diagnostic` objects as JSON, ranges in UTF-16 like the server.
enum DiagnosticJSON {
    static func object(for finding: Finding, lines: LineIndex) -> [String: Any] {
        func position(_ offset: Int) -> [String: Int] {
            let p = lines.position(ofUTF16Offset: offset)
            return ["line": p.line, "character": p.character]
        }
        var object: [String: Any] = [
            "range": ["start": position(finding.span.start), "end": position(finding.span.end)],
            "severity": finding.severity.rawValue,
            "source": "tenor",
            "code": finding.rule,
            "message": finding.message,
        ]
        if let href = DocumentationLinks.url(for: finding.documentation) {
            object["codeDescription"] = ["href": href]
        }
        return object
    }
}
