// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first. A target may depend only on targets listed above it.
let package = Package(
    name: "Tenor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tenor", targets: ["tenor"]),
        // The parsers that read hostile input, for the libFuzzer package in Fuzz/ (not used by `tenor`).
        .library(name: "TenorParsers", targets: ["LanguageServer", "ModelFormats", "Tokenizers", "Prose"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
        // `tenor serve` (HTTP server) and the client for OpenAI-compatible engines (vLLM, llama.cpp, Ollama).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Named only so that RealModule's C shim is visible to RemoteEngine's importers in test builds (AsyncHTTPClient
        // uses swift-algorithms, which imports RealModule internally; `swift test` otherwise fails on '_NumericsShims').
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 of model files (already in the graph through AsyncHTTPClient's TLS stack).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // System libraries (Debian -dev packages; `make setup` installs them).
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(name: "COniguruma", pkgConfig: "oniguruma", providers: [.apt(["libonig-dev"])]),

        // Tensor math: buffers, BLAS, quantized blocks, kernels, threading.
        .target(name: "CTensorKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "TensorMath", dependencies: ["COpenBLAS", "CTensorKernels"]),
        // Model file readers: GGUF, safetensors (ONNX later).
        .target(name: "ModelFormats", dependencies: ["TensorMath", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        // Tokenizers: byte-level BPE (GGUF metadata), WordPiece (tokenizer.json).
        .target(name: "Tokenizers", dependencies: ["ModelFormats"]),
        // Networks: Llama-family decoder, BERT encoder.
        .target(name: "Models", dependencies: ["TensorMath", "ModelFormats", "Tokenizers",
                                              .product(name: "Crypto", package: "swift-crypto")]),

        // Illustrations: procedural scenes stylised by the ONNX style-transfer networks, PNG output.
        // JPEG style images: libjpeg-turbo behind a C wrapper (its errors longjmp, which must stay in C).
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "Illustrate", dependencies: ["Models", "TensorMath", "Tokenizers", "CPNG", "CJPEG", "CRsvg"]),

        // Markdown and plain text to prose segments, sentences, directives.
        .target(name: "Prose", dependencies: ["CCmark"]),
        // The checking engine: rules over prose, configuration, diagnostics (no LSP types).
        .target(name: "Checks", dependencies: ["Prose", .product(name: "TOMLKit", package: "TOMLKit")]),
        // JSON-RPC transport, LSP types, documents, scheduling.
        .target(name: "LanguageServer", dependencies: ["Checks", "Prose"]),
        // Tone rules: sentence encoder + a small classifier head (Resources/tone-head.safetensors).
        .target(name: "Tone", dependencies: ["Checks", "Prose", "Models", "ModelFormats", "TensorMath"], resources: [.copy("Resources")]),
        // The OpenAI chat/completions wire types (requests, responses, SSE chunks, errors): Codable, no networking.
        .target(name: "OpenAIProtocol"),
        // A client for OpenAI-compatible engines (vLLM, llama.cpp's server, Ollama, `tenor serve`): streaming, retries.
        .target(name: "RemoteEngine", dependencies: [
            "OpenAIProtocol", "Tokenizers", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // `tenor serve`: the in-process decoder behind an OpenAI-compatible HTTP server, one engine, a fair queue.
        .target(name: "EngineServer", dependencies: [
            "OpenAIProtocol", "Models", "Tokenizers", "TensorMath", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
        ]),
        // Rewriting prose into a style with a language model (masking, rules, ranking).
        .target(name: "Restyle", dependencies: ["Models", "Tokenizers", "Prose"]),

        .executableTarget(name: "tenor", dependencies: [
            "LanguageServer", "Checks", "Prose", "Models", "Tone", "Illustrate", "Restyle", "Tokenizers", "ModelFormats", "TensorMath",
            "EngineServer", "RemoteEngine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TensorMathTests", dependencies: ["TensorMath"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelFormatsTests", dependencies: ["ModelFormats"]),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers", "ModelFormats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IllustrateTests", dependencies: ["Illustrate"]),
        .testTarget(name: "ProseTests", dependencies: ["Prose"], resources: [.copy("Corpus")]),
        .testTarget(name: "ChecksTests", dependencies: ["Checks"]),
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "GrammarTests", dependencies: ["COniguruma"]),
        .testTarget(name: "ToneTests", dependencies: ["Tone", "Checks", "Prose", "Models"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RestyleTests", dependencies: ["Restyle"]),
        .testTarget(name: "OpenAIProtocolTests", dependencies: ["OpenAIProtocol"]),
        // Starts `tenor serve` processes; "EndToEndTests" in the name puts it in `make test`'s server group.
        .testTarget(name: "ServeEndToEndTests", dependencies: [
            "OpenAIProtocol", "RemoteEngine", "Tokenizers",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ]
)
