// swift-tools-version:5.4
// 5.4 on purpose: from 5.5 SwiftPM renames an executable's entry point to <Target>_main and links
// `main` to it, which hides the `main` libFuzzer supplies.
import PackageDescription

// libFuzzer targets for Tenor's parsers of hostile input. Kept apart from the main package because
// libFuzzer supplies `main`: build with `make fuzz` (or the flags in Fuzz/run.sh), never with plain `swift build`.
// One executable per fuzzer; each defines `LLVMFuzzerTestOneInput` and is compiled with `-parse-as-library`.
let fuzzers = ["FuzzWire", "FuzzGGUF", "FuzzSafetensors", "FuzzONNX", "FuzzProse", "FuzzBPE", "FuzzWordPiece"]

let package = Package(
    name: "TenorFuzz",
    dependencies: [.package(name: "Tenor", path: "..")],
    targets: fuzzers.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "TenorParsers", package: "Tenor")], path: "Sources/\(name)")
    }
)
