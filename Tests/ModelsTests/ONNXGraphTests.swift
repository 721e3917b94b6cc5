import Foundation
import ModelFormats
import Models
import SwiftProtobuf
import TensorMath
import Testing

/// Hand-built graphs: operator semantics, ordering, and the errors a bad file must give.
@Suite struct ONNXGraphTests {
    func tensorProto(_ name: String, dims: [Int64], floats: [Float]) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dataType = 1
        t.dims = dims
        t.rawData = floats.withUnsafeBytes { Data($0) }
        return t
    }

    func node(_ op: String, _ inputs: [String], _ outputs: [String], ints: [String: [Int64]] = [:]) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.input = inputs
        n.output = outputs
        for (key, value) in ints {
            var a = Onnx_AttributeProto()
            a.name = key
            a.type = .ints
            a.ints = value
            n.attribute.append(a)
        }
        return n
    }

    func value(_ name: String) -> Onnx_ValueInfoProto {
        var v = Onnx_ValueInfoProto()
        v.name = name
        return v
    }

    /// Writes a model with `nodes` (in the given order) to a temporary file and loads it.
    func load(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto] = [], inputs: [String] = ["x"], outputs: [String] = ["y"]) throws -> ONNXGraph {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var opset = Onnx_OperatorSetIdProto()
        opset.version = 17
        model.opsetImport = [opset]
        model.graph.node = nodes
        model.graph.initializer = initializers
        model.graph.input = inputs.map(value)
        model.graph.output = outputs.map(value)
        let bytes: Data = try model.serializedBytes()
        return try ONNXGraph(path: try temporaryFile(bytes).path)
    }

    func temporaryFile(_ bytes: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-test-\(UUID().uuidString).onnx")
        try bytes.write(to: url)
        return url
    }

    @Test func runsNodesListedOutOfOrder() throws {
        // y = (x + b) * b, with the Mul listed before the Add that feeds it.
        let g = try load([node("Mul", ["s", "b"], ["y"]), node("Add", ["x", "b"], ["s"])],
                         initializers: [tensorProto("b", dims: [2], floats: [2, 3])])
        let y = try #require(try g.run(["x": ONNXTensor(shape: [2, 2], floats: [1, 2, 3, 4])])["y"])
        #expect(y.shape == [2, 2])
        #expect(y.floats == [6, 15, 10, 21])
    }

    @Test func unsupportedOperatorIsNamed() throws {
        #expect(throws: ONNXError.self) { try load([node("LSTM", ["x"], ["y"])]) }
        do {
            _ = try load([node("Relu", ["x"], ["t"]), node("LSTM", ["t"], ["y"])])
        } catch let error as ONNXError {
            #expect(error.message.contains("unsupported ONNX operator(s): LSTM"))
        }
    }

    @Test func missingProducerAndCyclesAreRefused() throws {
        #expect(throws: ONNXError.self) { try load([node("Relu", ["nowhere"], ["y"])]) }
        #expect(throws: ONNXError.self) { try load([node("Add", ["x", "b"], ["a"]), node("Relu", ["a"], ["b"]), node("Relu", ["b"], ["y"])]) }
    }

    @Test func hostileFilesGiveClearErrors() throws {
        // Garbage, a truncated model, and an empty file.
        #expect(throws: ONNXError.self) { try ONNXFile(path: try temporaryFile(Data([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2])).path) }
        var model = Onnx_ModelProto()
        model.graph.node = [node("Relu", ["x"], ["y"])]
        model.graph.initializer = [tensorProto("w", dims: [64], floats: [Float](repeating: 1, count: 64))]
        let bytes: Data = try model.serializedBytes()
        #expect(throws: ONNXError.self) { try ONNXFile(path: try temporaryFile(bytes.prefix(bytes.count - 20)).path) }
        #expect(throws: ONNXError.self) { try ONNXFile(path: try temporaryFile(Data()).path) }
        #expect(throws: ONNXError.self) { try ONNXFile(path: "/nonexistent/model.onnx") }
    }

    @Test func tensorSizesAreChecked() throws {
        var short = tensorProto("w", dims: [3], floats: [1, 2])
        #expect(throws: ONNXError.self) { try ONNXFile.tensor(short) }
        short.dims = [Int64.max, 4]
        #expect(throws: ONNXError.self) { try ONNXFile.tensor(short) }
        short.dims = [-1]
        #expect(throws: ONNXError.self) { try ONNXFile.tensor(short) }
        var external = tensorProto("w", dims: [2], floats: [1, 2])
        external.dataLocation = .external
        do {
            _ = try ONNXFile.tensor(external)
            Issue.record("external data accepted")
        } catch let error as ONNXError {
            #expect(error.message.contains("external data"))
        }
        var typed = Onnx_TensorProto()
        typed.dataType = 7
        typed.dims = [2]
        typed.int64Data = [5, -6]
        #expect(try ONNXFile.tensor(typed).integers == [5, -6])
        typed.dataType = 16 // bfloat16
        #expect(throws: ONNXError.self) { try ONNXFile.tensor(typed) }
    }

    @Test func sliceWithNegativeStepAndTranspose() throws {
        // The PyTorch pad export reverses pairs with Slice(step -1) and then transposes.
        var starts = Onnx_TensorProto(), ends = Onnx_TensorProto(), axes = Onnx_TensorProto(), steps = Onnx_TensorProto()
        for (t, v) in [(0, -1), (1, Int64.min), (2, 0), (3, -1)] {
            var p = Onnx_TensorProto()
            p.name = ["starts", "ends", "axes", "steps"][t]
            p.dataType = 7
            p.dims = [1]
            p.int64Data = [v]
            switch t { case 0: starts = p; case 1: ends = p; case 2: axes = p; default: steps = p }
        }
        let g = try load([node("Slice", ["x", "starts", "ends", "axes", "steps"], ["s"]), node("Transpose", ["s"], ["y"], ints: ["perm": [1, 0]])],
                         initializers: [starts, ends, axes, steps])
        let y = try #require(try g.run(["x": ONNXTensor(shape: [3, 2], floats: [1, 2, 3, 4, 5, 6])])["y"])
        #expect(y.shape == [2, 3])
        #expect(y.floats == [5, 3, 1, 6, 4, 2])
    }

    @Test func quantizeDequantizeRoundsHalfToEven() throws {
        var scale = tensorProto("scale", dims: [], floats: [0.5])
        scale.dims = []
        var zero = Onnx_TensorProto()
        zero.name = "zero"
        zero.dataType = 3
        zero.rawData = Data([0x01])
        let g = try load([node("QuantizeLinear", ["x", "scale", "zero"], ["q"]), node("DequantizeLinear", ["q", "scale", "zero"], ["y"])],
                         initializers: [scale, zero])
        let y = try #require(try g.run(["x": ONNXTensor(shape: [5], floats: [0.25, 0.75, -100, 100, 1.1])])["y"])
        // 0.25/0.5 = 0.5 → 0 (even), +1; 0.75/0.5 = 1.5 → 2, +1; clamped to -128…127.
        #expect(y.floats == [0, 1, -64.5, 63, 1])
    }

    @Test func convolutionMatchesADirectLoop() {
        var s = Conv2DShape(batch: 1, inChannels: 4, height: 9, width: 7, outChannels: 6, kernelHeight: 3, kernelWidth: 3)
        (s.strideY, s.strideX, s.padTop, s.padLeft, s.padBottom, s.padRight, s.groups) = (2, 1, 1, 0, 1, 1, 2)
        var random = UInt64(1)
        func next() -> Float { random = random &* 6364136223846793005 &+ 1442695040888963407; return Float(random >> 40) / Float(1 << 24) - 0.5 }
        let x = (0..<(4 * 9 * 7)).map { _ in next() }
        let w = (0..<(6 * 2 * 9)).map { _ in next() }
        let b = (0..<6).map { _ in next() }
        var y = [Float](repeating: 0, count: 6 * s.outHeight * s.outWidth)
        Conv2D.forward(s, input: x, weights: w, bias: b, output: &y)
        var worst: Float = 0
        for m in 0..<6 {
            let g = m / 3
            for oy in 0..<s.outHeight {
                for ox in 0..<s.outWidth {
                    var sum = b[m]
                    for c in 0..<2 {
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let iy = oy * 2 + ky - 1, ix = ox + kx
                                if iy < 0 || iy >= 9 || ix < 0 || ix >= 7 { continue }
                                sum += x[((g * 2 + c) * 9 + iy) * 7 + ix] * w[((m * 2 + c) * 3 + ky) * 3 + kx]
                            }
                        }
                    }
                    worst = max(worst, abs(sum - y[(m * s.outHeight + oy) * s.outWidth + ox]))
                }
            }
        }
        #expect(worst < 1e-5)
    }

    @Test func reflectPadAndNearestResize() {
        let x: [Float] = [1, 2, 3, 4, 5, 6] // 2×3
        var padded = [Float](repeating: 0, count: 4 * 5)
        ImagePad.reflect(x, planes: 1, height: 2, width: 3, top: 1, left: 1, bottom: 1, right: 1, output: &padded)
        #expect(padded == [5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2])
        var resized = [Float](repeating: 0, count: 4 * 6)
        ImageResize.nearest(x, planes: 1, height: 2, width: 3, scaleY: 2, scaleX: 2, outHeight: 4, outWidth: 6, output: &resized)
        #expect(resized == [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6])
    }

    // MARK: fused chains

    /// Instance normalisation as PyTorch exports it: ReduceMean → Sub → Pow → ReduceMean → Add → Sqrt →
    /// Div → Mul → Mul(γ) → Add(β) → Relu, with `extraOutputs` also exposed (which blocks fusion).
    func instanceNormGraph(gammaDims: [Int64], extraOutputs: [String] = []) throws -> ONNXGraph {
        let gammaCount = Int(gammaDims.reduce(1, *))
        return try load([
            node("ReduceMean", ["x"], ["mean"], ints: ["axes": [2, 3]]),
            node("Sub", ["x", "mean"], ["centred"]),
            node("Pow", ["centred", "two"], ["squared"]),
            node("ReduceMean", ["squared"], ["variance"], ints: ["axes": [2, 3]]),
            node("Add", ["variance", "eps"], ["shifted"]),
            node("Sqrt", ["shifted"], ["std"]),
            node("Div", ["one", "std"], ["inverse"]),
            node("Mul", ["centred", "inverse"], ["normalised"]),
            node("Mul", ["normalised", "gamma"], ["scaled"]),
            node("Add", ["beta", "scaled"], ["shiftedBack"]),
            node("Relu", ["shiftedBack"], ["y"]),
        ], initializers: [
            tensorProto("two", dims: [], floats: [2]), tensorProto("eps", dims: [], floats: [1e-5]),
            tensorProto("one", dims: [], floats: [1]),
            tensorProto("gamma", dims: gammaDims, floats: (0..<gammaCount).map { 0.5 + Float($0) * 0.25 }),
            tensorProto("beta", dims: [1, 2, 1, 1], floats: [0.1, -0.2]),
        ], outputs: ["y"] + extraOutputs)
    }

    @Test func instanceNormalisationChainIsFusedAndAgreesWithItsParts() throws {
        let x = ONNXTensor(shape: [1, 2, 4, 5], floats: (0..<40).map { Float(($0 * 37) % 23) / 7 - 1.5 })
        let fused = try instanceNormGraph(gammaDims: [1, 2, 1, 1])
        let plain = try instanceNormGraph(gammaDims: [1, 2, 1, 1], extraOutputs: ["centred"])
        #expect(fused.fusedNodeCount == 1)
        #expect(plain.fusedNodeCount == 0)
        let a = try #require(try fused.run(["x": x])["y"]), b = try #require(try plain.run(["x": x])["y"])
        #expect(a.shape == [1, 2, 4, 5])
        #expect(zip(a.floats, b.floats).allSatisfy { abs($0 - $1) < 1e-5 })
        // Against the definition: channel 0, γ 0.5, β 0.1.
        let channel = Array(x.floats[0..<20]).map(Double.init)
        let mean = channel.reduce(0, +) / 20
        let variance = channel.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20
        let first = max(0, (channel[0] - mean) / (variance + 1e-5).squareRoot() * 0.5 + 0.1)
        #expect(abs(Double(a.floats[0]) - first) < 1e-5)
        // A γ per element is not the fused operator's case: the node runs its parts and gives the same result.
        let perElement = try instanceNormGraph(gammaDims: [1, 2, 4, 5])
        let perElementPlain = try instanceNormGraph(gammaDims: [1, 2, 4, 5], extraOutputs: ["centred"])
        #expect(perElement.fusedNodeCount == 1)
        let c = try #require(try perElement.run(["x": x])["y"]), d = try #require(try perElementPlain.run(["x": x])["y"])
        #expect(c.floats == d.floats)
    }

    func padConvGraph(pads: [Int64], extraOutputs: [String] = []) throws -> ONNXGraph {
        var pad = node("Pad", ["x", "pads"], ["padded"])
        var mode = Onnx_AttributeProto()
        mode.name = "mode"
        mode.type = .string
        mode.s = Data("reflect".utf8)
        pad.attribute.append(mode)
        var padsTensor = Onnx_TensorProto()
        padsTensor.name = "pads"
        padsTensor.dataType = 7
        padsTensor.dims = [8]
        padsTensor.rawData = pads.withUnsafeBytes { Data($0) }
        return try load([
            pad,
            node("Conv", ["padded", "w", "b"], ["y"], ints: ["kernel_shape": [3, 3], "strides": [2, 2]]),
        ], initializers: [
            padsTensor,
            tensorProto("w", dims: [5, 2, 3, 3], floats: (0..<90).map { Float(($0 * 29) % 17) / 17 - 0.5 }),
            tensorProto("b", dims: [5], floats: [0.1, 0.2, 0.3, 0.4, 0.5]),
        ], outputs: ["y"] + extraOutputs)
    }

    @Test func reflectPadIsFoldedIntoTheConvolution() throws {
        let x = ONNXTensor(shape: [1, 2, 7, 9], floats: (0..<126).map { Float(($0 * 13) % 31) / 31 })
        let fused = try padConvGraph(pads: [0, 0, 1, 2, 0, 0, 2, 1])
        let plain = try padConvGraph(pads: [0, 0, 1, 2, 0, 0, 2, 1], extraOutputs: ["padded"])
        #expect(fused.fusedNodeCount == 1)
        #expect(plain.fusedNodeCount == 0)
        let a = try #require(try fused.run(["x": x])["y"]), b = try #require(try plain.run(["x": x])["y"])
        #expect(a.shape == [1, 5, 4, 5])  // padded 10 × 12, 3×3 at stride 2
        #expect(a.shape == b.shape)
        #expect(zip(a.floats, b.floats).allSatisfy { abs($0 - $1) < 1e-5 })
        // Pads on the channel axis are not folded: the parts run, and reflect-padding channels is an error there too.
        let channelPads = try padConvGraph(pads: [0, 1, 1, 1, 0, 0, 1, 1])
        #expect(throws: ONNXError.self) { try channelPads.run(["x": x]) }
    }
}
