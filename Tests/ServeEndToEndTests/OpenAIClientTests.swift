import Foundation
import XCTest

/// The official `openai` Python client talks to `tenor serve` (Scripts/serve/openai_client_test.py):
/// models, chat, streamed chat, completion with stop strings, and its exceptions for the errors.
final class OpenAIClientTests: XCTestCase {
    func testOfficialPythonClient() throws {
        try SmolLM2.skipUnlessInstalled()
        guard let binary = tenorBinaryForServe() else { throw XCTSkip("tenor binary not found") }
        let script = packageRoot().appendingPathComponent("Scripts/serve/openai_client_test.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, binary.path, SmolLM2.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let collected = OutputBuffer()
        output.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
        try process.run()
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        if finished.wait(timeout: .now() + 600) == .timedOut {
            process.terminate()
            XCTFail("the openai client test did not finish in 10 minutes:\n\(collected.text)")
            return
        }
        output.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile())
        switch process.terminationStatus {
        case 0: break
        case 77: throw XCTSkip("openai client test skipped: \(collected.text)")
        case 127: throw XCTSkip("python3 not found")
        default: XCTFail("openai client test failed (status \(process.terminationStatus)):\n\(collected.text)")
        }
    }
}

private final class OutputBuffer: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
