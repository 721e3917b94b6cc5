import Testing
import TensorMath

/// Dequantization must be bit-exact against gguf-py on random blocks (fixtures from
/// Scripts/reference/quant_reference.py: random quant bytes with finite half scales).
@Suite struct DequantizeReferenceTests {
    static let types: [GGMLType] = [.f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K]

    @Test(arguments: types)
    func bitExactAgainstGGUFPy(type: GGMLType) throws {
        let blocks = try Fixtures.bytes(type.name, "blocks")
        let expected = try Fixtures.floats(type.name, "f32")
        let count = blocks.count / type.bytesPerBlock * type.blockSize
        #expect(count == expected.count)
        for kernels in [Quantization.Kernels.automatic, .scalar] {
            let values = try #require(Quantization.dequantize(blocks, type: type, count: count, kernels: kernels))
            var mismatches = 0
            for i in 0..<count where values[i].bitPattern != expected[i].bitPattern {
                if mismatches < 5 { Issue.record("\(type.name)[\(i)] \(kernels): \(values[i]) != \(expected[i])") }
                mismatches += 1
            }
            #expect(mismatches == 0)
        }

        // WeightMatrix.dequantizeRow reads the same bytes as rows.
        let cols = type.blockSize == 1 ? 64 : type.blockSize * 2
        let rows = count / cols
        try blocks.withUnsafeBytes { raw in
            let base = try #require(raw.baseAddress)
            let matrix = try WeightMatrix(type: type, rows: rows, cols: cols, data: base)
            var row = [Float](repeating: 0, count: cols)
            for r in [0, rows - 1] {
                row.withUnsafeMutableBufferPointer { matrix.dequantizeRow(r, into: $0.baseAddress!) }
                #expect(row.map(\.bitPattern) == expected[(r * cols)..<((r + 1) * cols)].map(\.bitPattern))
            }
        }
    }

    @Test func halfConversionsMatchNumpy() throws {
        let inputs = try Fixtures.floats("half_inputs", "f32")
        let f16 = try Fixtures.halves("half_inputs", "f16")
        let bf16 = try Fixtures.halves("half_inputs", "bf16")
        #expect(inputs.count == f16.count && inputs.count == bf16.count)
        var badHalf = 0, badBrain = 0
        for (i, x) in inputs.enumerated() {
            if floatToFloat16(x) != f16[i] {
                if badHalf < 5 { Issue.record("f16(\(x)) = \(floatToFloat16(x)), numpy \(f16[i])") }
                badHalf += 1
            }
            if floatToBFloat16(x) != bf16[i] { badBrain += 1 }
        }
        #expect(badHalf == 0)
        #expect(badBrain == 0)
        #expect(float16ToFloat(floatToFloat16(.nan)).isNaN)
        #expect(bfloat16ToFloat(floatToBFloat16(.nan)).isNaN)
    }
}
