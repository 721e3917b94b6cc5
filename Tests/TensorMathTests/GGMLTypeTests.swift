import Testing
import TensorMath

@Suite struct GGMLTypeTests {
    /// Block sizes and byte counts from gguf-py's GGML_QUANT_SIZES (0.19.0), except Q8_1 (ggml's current 36).
    @Test func sizesMatchGGML() {
        let expected: [(GGMLType, Int, Int, String)] = [
            (.f32, 1, 4, "F32"), (.f16, 1, 2, "F16"), (.q4_0, 32, 18, "Q4_0"), (.q4_1, 32, 20, "Q4_1"),
            (.q5_0, 32, 22, "Q5_0"), (.q5_1, 32, 24, "Q5_1"), (.q8_0, 32, 34, "Q8_0"), (.q8_1, 32, 36, "Q8_1"),
            (.q2_K, 256, 84, "Q2_K"), (.q3_K, 256, 110, "Q3_K"), (.q4_K, 256, 144, "Q4_K"), (.q5_K, 256, 176, "Q5_K"),
            (.q6_K, 256, 210, "Q6_K"), (.q8_K, 256, 292, "Q8_K"), (.iq2_xxs, 256, 66, "IQ2_XXS"),
            (.iq2_xs, 256, 74, "IQ2_XS"), (.iq3_xxs, 256, 98, "IQ3_XXS"), (.iq1_s, 256, 50, "IQ1_S"),
            (.iq4_nl, 32, 18, "IQ4_NL"), (.iq3_s, 256, 110, "IQ3_S"), (.iq2_s, 256, 82, "IQ2_S"),
            (.iq4_xs, 256, 136, "IQ4_XS"), (.i8, 1, 1, "I8"), (.i16, 1, 2, "I16"), (.i32, 1, 4, "I32"),
            (.i64, 1, 8, "I64"), (.f64, 1, 8, "F64"), (.iq1_m, 256, 56, "IQ1_M"), (.bf16, 1, 2, "BF16"),
            (.tq1_0, 256, 54, "TQ1_0"), (.tq2_0, 256, 66, "TQ2_0"), (.mxfp4, 32, 17, "MXFP4"),
            (.nvfp4, 64, 36, "NVFP4"), (.q1_0, 128, 18, "Q1_0"),
        ]
        #expect(expected.count == GGMLType.allCases.count)
        for (type, block, bytes, name) in expected {
            #expect(type.blockSize == block, "\(name)")
            #expect(type.bytesPerBlock == bytes, "\(name)")
            #expect(type.name == name)
        }
        #expect(GGMLType(rawValue: 30) == .bf16)
        #expect(GGMLType(rawValue: 4) == nil)
    }

    @Test func byteCount() {
        #expect(GGMLType.q4_1.byteCount(elements: 576) == 18 * 20)
        #expect(GGMLType.q4_1.byteCount(elements: 33) == nil)
        #expect(GGMLType.q6_K.byteCount(elements: 512) == 420)
        #expect(GGMLType.f32.byteCount(elements: -1) == nil)
        #expect(GGMLType.f64.byteCount(elements: Int.max) == nil)
    }

    @Test func supportedTypes() {
        let supported = GGMLType.allCases.filter(\.isSupported)
        #expect(Set(supported) == [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K])
    }

    @Test func weightMatrixRejectsBadShapes() throws {
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 64)
        defer { bytes.deallocate() }
        #expect(throws: WeightMatrixError.unsupportedType(.q2_K)) {
            try WeightMatrix(type: .q2_K, rows: 1, cols: 256, data: bytes)
        }
        #expect(throws: WeightMatrixError.columnsNotWholeBlocks(cols: 48, blockSize: 32)) {
            try WeightMatrix(type: .q4_0, rows: 1, cols: 48, data: bytes)
        }
        #expect(throws: WeightMatrixError.invalidShape(rows: 0, cols: 32)) {
            try WeightMatrix(type: .q8_0, rows: 0, cols: 32, data: bytes)
        }
        let m = try WeightMatrix(type: .q4_1, rows: 3, cols: 64, data: bytes)
        #expect(m.rowBytes == 40)
        #expect(m.activationType == .q8_1)
    }
}
