import Foundation
import ModelFormats
import Models
import TensorMath
import Testing

/// The three style-transfer graphs against onnxruntime (Scripts/reference/onnx_reference.py,
/// graph optimisations off so QDQ is evaluated literally), on inputs both sides build from
/// the same integer formula. multistyle26 (float) must match to 1e-3 mean absolute error. The
/// int8 QDQ graphs flip quantisation ties on float32 rounding differences and amplify them, so
/// they are held to twice what onnxruntime itself moves when one bias scale is nudged by 1e-6
/// (`sensitivity_mae` in reference.json) — and their mean output to 0.01.
let styleModelsDirectory: URL? = {
    let catalog = ModelCatalog()
    guard let url = catalog.url(role: "style"), FileManager.default.fileExists(atPath: url.path) else { return nil }
    return url.deletingLastPathComponent()
}()

/// `(((x*5 + y*3 + c*80) % 256 + (x*y) % 31) % 256) / 255`, as in onnx_reference.py.
func onnxTestPixel(c: Int, y: Int, x: Int) -> Float {
    Float(((x * 5 + y * 3 + c * 80) % 256 + (x * y) % 31) % 256) / 255
}

func onnxTestImageCHW(height: Int, width: Int) -> [Float] {
    var v: [Float] = []
    for c in 0..<3 { for y in 0..<height { for x in 0..<width { v.append(onnxTestPixel(c: c, y: y, x: x)) } } }
    return v
}

func onnxTestImageHWC(height: Int, width: Int) -> [Float] {
    var v: [Float] = []
    for y in 0..<height { for x in 0..<width { for c in 0..<3 { v.append(onnxTestPixel(c: c, y: y, x: x)) } } }
    return v
}

func onnxFixture(_ name: String) throws -> Data {
    let directory = try #require(Bundle.module.resourceURL)
    return try Data(contentsOf: directory.appendingPathComponent("Fixtures/onnx/\(name)"))
}

func float16Values(_ data: Data) -> [Float] {
    data.withUnsafeBytes { b in (0..<(b.count / 2)).map { float16ToFloat(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) } }
}

func float32Values(_ data: Data) -> [Float] {
    data.withUnsafeBytes { b in (0..<(b.count / 4)).map { Float(bitPattern: UInt32(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) } }
}

/// The tolerance for a QDQ graph: twice onnxruntime's own sensitivity, at least 1e-3.
func onnxTolerance(_ network: String) throws -> (mae: Float, mean: Float) {
    let json = try JSONSerialization.jsonObject(with: try onnxFixture("reference.json")) as? [String: Any]
    let entry = try #require(json?[network] as? [String: Any])
    let sensitivity = try #require(entry["sensitivity_mae"] as? Double)
    let mean = try #require(entry["mean"] as? Double)
    return (max(1e-3, Float(2 * sensitivity)), Float(mean))
}

func meanAbsoluteError(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(Float(0)) { $0 + abs($1.0 - $1.1) } / Float(max(a.count, 1))
}

@Suite(.enabled(if: styleModelsDirectory != nil, "style-transfer models not installed"))
struct ONNXReferenceTests {
    func graph(_ name: String) throws -> ONNXGraph {
        let directory = try #require(styleModelsDirectory)
        return try ONNXGraph(path: directory.appendingPathComponent("\(name).onnx").path)
    }

    @Test func multistyle26MatchesOnnxruntime() throws {
        var weights = [Float](repeating: 0, count: 26)
        weights[3] = 0.5
        weights[12] = 0.5
        let out = try graph("multistyle26").run([
            "image": ONNXTensor(shape: [1, 3, 64, 64], floats: onnxTestImageCHW(height: 64, width: 64)),
            "style_weights": ONNXTensor(shape: [26], floats: weights),
        ])
        let y = try #require(out["stylized"])
        #expect(y.shape == [1, 3, 64, 64])
        let expected = float16Values(try onnxFixture("multistyle26.f16"))
        // Float16 storage of the reference costs up to ~2.4e-4 per value.
        #expect(meanAbsoluteError(y.floats, expected) < 1e-3)
    }

    @Test func arbitraryPredictAndTransformMatchOnnxruntime() throws {
        let predictor = try graph("arbitrary_predict")
        let vector = try #require(try predictor.run([
            "style_image": ONNXTensor(shape: [1, 256, 256, 3], floats: onnxTestImageHWC(height: 256, width: 256)),
        ]).values.first)
        #expect(vector.shape == [1, 1, 1, 100])
        let expectedVector = float32Values(try onnxFixture("arbitrary_predict.f32"))
        let predictTolerance = try onnxTolerance("arbitrary_predict")
        #expect(meanAbsoluteError(vector.floats, expectedVector) < predictTolerance.mae)
        #expect(abs(vector.floats.reduce(0, +) / 100 - predictTolerance.mean) < 0.01)

        // The transform is fed the reference's vector, so the two checks stay independent.
        let transformer = try graph("arbitrary_transform")
        let out = try transformer.run([
            "content_image": ONNXTensor(shape: [1, 384, 384, 3], floats: onnxTestImageHWC(height: 384, width: 384)),
            "mobilenet_conv/Conv/BiasAdd": ONNXTensor(shape: [1, 1, 1, 100], floats: expectedVector),
        ])
        let y = try #require(out.values.first)
        #expect(y.shape == [1, 384, 384, 3])
        var sampled: [Float] = []
        for row in stride(from: 0, to: 384, by: 4) { for col in stride(from: 0, to: 384, by: 4) { for c in 0..<3 { sampled.append(y.floats[(row * 384 + col) * 3 + c]) } } }
        let expected = float16Values(try onnxFixture("arbitrary_transform.f16"))
        #expect(sampled.count == expected.count)
        let transformTolerance = try onnxTolerance("arbitrary_transform")
        #expect(meanAbsoluteError(sampled, expected) < transformTolerance.mae)
        #expect(abs(y.floats.reduce(0, +) / Float(y.count) - transformTolerance.mean) < 0.01)
    }
}
