import Foundation
import XCTest

/// The SmolLM2 test model (the tests that need it skip when it is not installed, as the model tests do).
enum SmolLM2 {
    static let path: String = {
        let directory = ProcessInfo.processInfo.environment["TENOR_MODELS_DIR"]
            ?? (NSHomeDirectory() + "/.local/share/tenor/models")
        return directory + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    }()

    static var isInstalled: Bool { FileManager.default.fileExists(atPath: path) }

    static func skipUnlessInstalled() throws {
        guard isInstalled else { throw XCTSkip("SmolLM2 is not installed at \(path) (make setup)") }
    }
}

/// The package root (where Package.swift is).
func packageRoot() -> URL {
    var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while root.path != "/", !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
        root = root.deletingLastPathComponent()
    }
    return root
}

/// The built `tenor` binary: $TENOR_BINARY, else next to the test bundle (the products directory),
/// else the package's .build/{release,debug}/tenor (as Tests/EndToEndTests finds it).
func tenorBinaryForServe() -> URL? {
    let fileManager = FileManager.default
    if let path = ProcessInfo.processInfo.environment["TENOR_BINARY"], fileManager.isExecutableFile(atPath: path) {
        return URL(fileURLWithPath: path)
    }
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("tenor"))
            directory = directory.deletingLastPathComponent()
        }
    }
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tenor"))
    }
    candidates += [".build/release/tenor", ".build/debug/tenor"].map { packageRoot().appendingPathComponent($0) }
    return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
}

/// A `tenor serve` on a free loopback port, stopped when the test ends.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: everything is set in init; `output` guards itself.
    let process = Process()
    let baseURL: String
    let port: Int
    private let output = TextBox()

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        guard let binary = tenorBinaryForServe() else {
            throw Failure(description: "tenor binary not found; build it first (swift build --product tenor) or set TENOR_BINARY")
        }
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--model", SmolLM2.path, "--context-size", "512",
                             "--threads", "1"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stderrPipe = Pipe()
        process.standardError = stderrPipe
        process.standardOutput = FileHandle.nullDevice
        let listening = DispatchSemaphore(value: 0)
        let portBox = PortBox()
        let output = self.output
        stderrPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            let text = output.append(String(decoding: data, as: UTF8.self))
            if portBox.port == nil, let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { portBox.port = port; listening.signal() }
            }
        }
        try process.run()
        guard listening.wait(timeout: .now() + 120) == .success, let port = portBox.port else {
            process.terminate()
            throw Failure(description: "tenor serve did not start: \(output.text)")
        }
        self.port = port
        baseURL = "http://127.0.0.1:\(port)/v1"
    }

    var stderr: String { output.text }

    /// Resident memory of the server in KiB (Linux /proc), nil elsewhere.
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// Text appended from a pipe's handler and read by the test.
private final class TextBox: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var value = ""
    var text: String { lock.withLock { value } }
    func append(_ more: String) -> String { lock.withLock { value += more; return value } }
}

private final class PortBox: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var value: Int?
    var port: Int? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
