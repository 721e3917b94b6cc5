import ModelFormats
import TensorMath

/// One transformer block's tensors (GGUF names `blk.N.…`).
public struct LlamaLayerWeights: @unchecked Sendable {
    public let attentionNorm: [Float]       // attn_norm
    public let query: WeightMatrix          // attn_q    (queryDim × dim)
    public let key: WeightMatrix            // attn_k    (kvDim × dim)
    public let value: WeightMatrix          // attn_v    (kvDim × dim)
    public let queryBias: [Float]?          // attn_q.bias (Qwen2)
    public let keyBias: [Float]?
    public let valueBias: [Float]?
    public let attentionOutput: WeightMatrix  // attn_output (dim × queryDim)
    public let feedForwardNorm: [Float]     // ffn_norm
    public let gate: WeightMatrix           // ffn_gate  (ff × dim)
    public let up: WeightMatrix             // ffn_up    (ff × dim)
    public let down: WeightMatrix           // ffn_down  (dim × ff)
}

/// All tensors of a Llama-family model. Matrices borrow the memory-mapped file, which `file` keeps alive.
public struct LlamaWeights: @unchecked Sendable {
    public let file: GGUFFile
    public let tokenEmbedding: WeightMatrix  // token_embd (vocab × dim)
    public let layers: [LlamaLayerWeights]
    public let outputNorm: [Float]           // output_norm
    /// `output.weight`, or the token embedding when the model ties them.
    public let output: WeightMatrix
    /// Llama 3's per-pair rope frequency divisors (`rope_freqs.weight`), when present.
    public let ropeFrequencyFactors: [Float]?

    public init(gguf: GGUFFile, config c: LlamaConfig) throws {
        file = gguf
        tokenEmbedding = try Self.matrix(gguf, "token_embd.weight", rows: c.vocabularySize, cols: c.embeddingLength)
        var layers: [LlamaLayerWeights] = []
        layers.reserveCapacity(c.layerCount)
        for i in 0..<c.layerCount {
            let p = "blk.\(i)."
            let bias = c.hasAttentionBias
            layers.append(LlamaLayerWeights(
                attentionNorm: try Self.vector(gguf, p + "attn_norm.weight", count: c.embeddingLength),
                query: try Self.matrix(gguf, p + "attn_q.weight", rows: c.queryDim, cols: c.embeddingLength),
                key: try Self.matrix(gguf, p + "attn_k.weight", rows: c.kvDim, cols: c.embeddingLength),
                value: try Self.matrix(gguf, p + "attn_v.weight", rows: c.kvDim, cols: c.embeddingLength),
                queryBias: bias ? try Self.vector(gguf, p + "attn_q.bias", count: c.queryDim) : nil,
                keyBias: bias ? try Self.vector(gguf, p + "attn_k.bias", count: c.kvDim) : nil,
                valueBias: bias ? try Self.vector(gguf, p + "attn_v.bias", count: c.kvDim) : nil,
                attentionOutput: try Self.matrix(gguf, p + "attn_output.weight", rows: c.embeddingLength, cols: c.queryDim),
                feedForwardNorm: try Self.vector(gguf, p + "ffn_norm.weight", count: c.embeddingLength),
                gate: try Self.matrix(gguf, p + "ffn_gate.weight", rows: c.feedForwardLength, cols: c.embeddingLength),
                up: try Self.matrix(gguf, p + "ffn_up.weight", rows: c.feedForwardLength, cols: c.embeddingLength),
                down: try Self.matrix(gguf, p + "ffn_down.weight", rows: c.embeddingLength, cols: c.feedForwardLength)))
        }
        self.layers = layers
        outputNorm = try Self.vector(gguf, "output_norm.weight", count: c.embeddingLength)
        if gguf.tensors["output.weight"] != nil {
            output = try Self.matrix(gguf, "output.weight", rows: c.vocabularySize, cols: c.embeddingLength)
        } else {
            output = tokenEmbedding
        }
        ropeFrequencyFactors = gguf.tensors["rope_freqs.weight"] != nil
            ? try Self.vector(gguf, "rope_freqs.weight", count: c.rotaryDim / 2) : nil
    }

    /// Bytes of weights one decode step reads: every matrix once (the embedding only one row).
    public var bytesReadPerToken: Int {
        var total = output.byteCount + tokenEmbedding.rowBytes
        for l in layers {
            total += l.query.byteCount + l.key.byteCount + l.value.byteCount + l.attentionOutput.byteCount
            total += l.gate.byteCount + l.up.byteCount + l.down.byteCount
        }
        return total
    }

    /// A `rows × cols` matrix (GGUF dimensions `[cols, rows]`) of any type `WeightMatrix` supports.
    static func matrix(_ gguf: GGUFFile, _ name: String, rows: Int, cols: Int) throws -> WeightMatrix {
        guard let info = gguf.tensors[name] else { throw LlamaModelError.missingTensor(name) }
        guard info.dimensions == [cols, rows] else {
            throw LlamaModelError.badTensor(name: name, problem: "shape \(info.dimensions), expected [\(cols), \(rows)]")
        }
        return try borrow(gguf, info, rows: rows, cols: cols)
    }

    /// A vector of `count` floats (norm weights, biases), converted from whatever type the file stores.
    static func vector(_ gguf: GGUFFile, _ name: String, count: Int) throws -> [Float] {
        guard let info = gguf.tensors[name] else { throw LlamaModelError.missingTensor(name) }
        guard info.dimensions == [count] else {
            throw LlamaModelError.badTensor(name: name, problem: "shape \(info.dimensions), expected [\(count)]")
        }
        let row = try borrow(gguf, info, rows: 1, cols: count)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { row.dequantizeRow(0, into: base) }
            initialized = count
        }
    }

    private static func borrow(_ gguf: GGUFFile, _ info: GGUFTensorInfo, rows: Int, cols: Int) throws -> WeightMatrix {
        let type = info.type
        guard type.isSupported else {
            throw LlamaModelError.badTensor(name: info.name, problem: "type \(info.typeName) is not supported")
        }
        let data = try gguf.tensorData(info.name)
        guard let base = data.baseAddress else { throw LlamaModelError.badTensor(name: info.name, problem: "no data") }
        let matrix: WeightMatrix
        do {
            matrix = try WeightMatrix(type: type, rows: rows, cols: cols, data: base)
        } catch let error as WeightMatrixError {
            throw LlamaModelError.badTensor(name: info.name, problem: error.description)
        }
        // The GGUF reader checked the tensor lies inside the file; check it is as long as its shape says.
        guard data.count >= matrix.byteCount else {
            throw LlamaModelError.badTensor(name: info.name, problem: "holds \(data.count) bytes, needs \(matrix.byteCount)")
        }
        return matrix
    }
}
