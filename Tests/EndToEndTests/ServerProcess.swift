import Foundation

/// The built `tenor` binary: $TENOR_BINARY, else next to the test bundle (the products directory),
/// else the package's .build/{debug,release}/tenor.
func tenorBinary() -> URL? {
    let fileManager = FileManager.default
    if let path = ProcessInfo.processInfo.environment["TENOR_BINARY"], fileManager.isExecutableFile(atPath: path) {
        return URL(fileURLWithPath: path)
    }
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
        var directory = executable.deletingLastPathComponent()
        // On macOS the runner sits inside Foo.xctest/Contents/MacOS; walk up to the products directory.
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("tenor"))
            directory = directory.deletingLastPathComponent()
        }
    }
    var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while root.path != "/", !fileManager.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
        root = root.deletingLastPathComponent()
    }
    candidates += [".build/debug/tenor", ".build/release/tenor"].map { root.appendingPathComponent($0) }
    return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
}

/// A running `tenor lsp` driven over its stdin/stdout.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    private var messages: [[String: Any]] = []
    /// Bytes on stdout that were not a well-formed frame with a JSON body.
    private(set) var strayOutput = Data()
    private var stderrText = Data()
    private var nextID = 1

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// `environment` entries are added to (or replace) the test process's environment.
    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        guard let binary = tenorBinary() else {
            throw Failure(description: "tenor binary not found; build it first (swift build --product tenor) or set TENOR_BINARY")
        }
        process.executableURL = binary
        process.arguments = ["lsp", "--stdio"] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        stdoutPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.received(handle.availableData)
        }
        stderrPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.stderrText.append(data) }
        }
        try process.run()
    }

    var stderr: String { lock.withLock { String(decoding: stderrText, as: UTF8.self) } }

    private func received(_ data: Data) {
        lock.lock(); defer { lock.unlock() }
        buffer.append(data)
        while true {
            guard let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) else { return }
            let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            guard header.hasPrefix("Content-Length: "), let length = Int(header.dropFirst("Content-Length: ".count)) else {
                strayOutput.append(buffer)
                buffer = Data()
                return
            }
            guard buffer.count - (headerEnd.upperBound - buffer.startIndex) >= length else { return }
            let bodyStart = headerEnd.upperBound
            let body = buffer[bodyStart..<bodyStart + length]
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                messages.append(object)
            } else {
                strayOutput.append(body)
            }
            buffer = Data(buffer[(bodyStart + length)...])
        }
    }

    func sendRaw(_ data: Data) { stdinPipe.fileHandleForWriting.write(data) }

    func send(_ object: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: object)
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        sendRaw(frame)
    }

    func notify(_ method: String, _ params: [String: Any] = [:]) throws {
        try send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    @discardableResult
    func sendRequest(_ method: String, _ params: Any = [String: Any]()) throws -> Int {
        let id = lock.withLock { defer { nextID += 1 }; return nextID }
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        return id
    }

    func request(_ method: String, _ params: Any = [String: Any]()) async throws -> [String: Any] {
        let id = try sendRequest(method, params)
        return try await response(id: id)
    }

    func response(id: Int) async throws -> [String: Any] {
        try await waitFor { ($0["id"] as? Int) == id && $0["method"] == nil }
    }

    func notification(_ method: String, where predicate: @escaping ([String: Any]) -> Bool = { _ in true })
        async throws -> [String: Any]
    {
        try await waitFor { ($0["method"] as? String) == method && predicate($0) }
    }

    func waitFor(timeout: Double = 20, _ predicate: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found: [String: Any]? = lock.withLock {
                guard let index = messages.firstIndex(where: predicate) else { return nil }
                return messages.remove(at: index)
            }
            if let found { return found }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        throw Failure(description: "timed out; stderr:\n\(stderr)")
    }

    func closeInput() { try? stdinPipe.fileHandleForWriting.close() }

    /// Waits for the process to end and returns its exit status.
    func exitStatus(timeout: Double = 20) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else {
                process.terminate()
                throw Failure(description: "server did not exit; stderr:\n\(stderr)")
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        return process.terminationStatus
    }
}
