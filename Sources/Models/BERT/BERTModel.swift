import Foundation
import ModelFormats
import TensorMath

/// A BERT encoder (post-LayerNorm), f32 weights, CPU.
///
/// Batches are *packed*: the tokens of all sequences lie row after row with no padding, so every
/// dense layer is one sgemm over exactly the real tokens, and attention runs per sequence over its
/// own length — which is what a padded batch's attention mask achieves, without computing the
/// padded rows at all. Forward pass, for each layer:
///
///     qkv   = x·Wqkvᵀ + b                       (query, key, value rows stacked: one sgemm)
///     ctx   = softmax(q·kᵀ/√d)·v                per sequence, per head
///     x     = LayerNorm(x + ctx·Woᵀ + bo)
///     x     = LayerNorm(x + GELU(x·W1ᵀ + b1)·W2ᵀ + b2)
public final class BERTModel: @unchecked Sendable {
    public let configuration: BERTConfiguration

    private struct Layer {
        let qkvWeight: UnsafePointer<Float>          // 3H × H
        let qkvBias: UnsafePointer<Float>            // 3H
        let attentionOutputWeight: UnsafePointer<Float>  // H × H
        let attentionOutputBias: UnsafePointer<Float>
        let attentionNormWeight: UnsafePointer<Float>
        let attentionNormBias: UnsafePointer<Float>
        let intermediateWeight: UnsafePointer<Float>     // I × H
        let intermediateBias: UnsafePointer<Float>
        let outputWeight: UnsafePointer<Float>           // H × I
        let outputBias: UnsafePointer<Float>
        let outputNormWeight: UnsafePointer<Float>
        let outputNormBias: UnsafePointer<Float>
        /// The same four weights packed for small batches (see `smallBatchTokens`).
        let qkvPacked: EncoderPackedWeights
        let attentionOutputPacked: EncoderPackedWeights
        let intermediatePacked: EncoderPackedWeights
        let outputPacked: EncoderPackedWeights
    }

    /// Up to this many tokens in a pass, linear layers use the panel-packed weights rather than
    /// sgemm: a short batch is bound by streaming the weights from memory, which OpenBLAS's per-call
    /// packing does slowly (one 20-token sentence: 7 ms of CPU instead of 12). Measured crossover
    /// on this machine: between 160 and 320 tokens. Costs a second copy of the dense weights, in half floats (21 MB).
    public static let smallBatchTokens = 192

    private let wordEmbeddings: UnsafePointer<Float>       // V × H
    private let positionEmbeddings: UnsafePointer<Float>   // P × H
    private let tokenTypeEmbeddings: UnsafePointer<Float>  // T × H
    private let embeddingNormWeight: UnsafePointer<Float>
    private let embeddingNormBias: UnsafePointer<Float>
    private let layers: [Layer]
    /// Every weight but the word embeddings lives in one allocation, freed with the model.
    private let storage: UnsafeMutablePointer<Float>
    /// The word-embedding table (the largest tensor, 47 MB for MiniLM, of which a text touches a
    /// few rows) is read in place from the mapped file when it is stored as aligned f32.
    private let mappedWeights: SafetensorsFile?
    /// Otherwise a converted copy, freed with the model.
    private let wordEmbeddingCopy: UnsafeMutablePointer<Float>?

    /// Loads the weights named as Hugging Face's `BertModel` names them (with or without a `bert.` prefix).
    /// The tensors of `overrides` (named without the prefix) replace the same-named ones of `weights`:
    /// Tone runs MiniLM with its own fine-tuned top layers this way, while every other user of the
    /// encoder keeps the original. Each override must name a tensor of this encoder other than the word
    /// embeddings, with that tensor's shape.
    public init(weights: SafetensorsFile, overrides: SafetensorsFile? = nil, configuration c: BERTConfiguration) throws {
        configuration = c
        let prefix = weights.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let h = c.hiddenSize, i = c.intermediateSize
        var tensors: [(name: String, shape: [Int])] = [
            ("embeddings.position_embeddings.weight", [c.maximumPositions, h]),
            ("embeddings.token_type_embeddings.weight", [c.tokenTypeCount, h]),
            ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h]),
        ]
        for layer in 0..<c.layerCount {
            let p = "encoder.layer.\(layer)."
            tensors += [
                (p + "attention.self.query.weight", [h, h]), (p + "attention.self.key.weight", [h, h]),
                (p + "attention.self.value.weight", [h, h]),
                (p + "attention.self.query.bias", [h]), (p + "attention.self.key.bias", [h]), (p + "attention.self.value.bias", [h]),
                (p + "attention.output.dense.weight", [h, h]), (p + "attention.output.dense.bias", [h]),
                (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
                (p + "intermediate.dense.weight", [i, h]), (p + "intermediate.dense.bias", [i]),
                (p + "output.dense.weight", [h, i]), (p + "output.dense.bias", [h]),
                (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h]),
            ]
        }
        if let overrides {
            let known = Set(tensors.map(\.name))
            if let unknown = overrides.tensors.keys.sorted().first(where: { !known.contains($0) }) {
                throw SentenceEncoderError.invalidModel("override weights: \(unknown) is not a tensor this encoder can replace")
            }
        }
        // Lay the tensors out in this order, so query/key/value (weights, then biases) end up adjacent.
        var offsets: [String: Int] = [:]
        var total = 0
        for tensor in tensors {
            offsets[tensor.name] = total
            total += tensor.shape.reduce(1, *)
        }
        let storage = UnsafeMutablePointer<Float>.allocate(capacity: total)
        do {
            for tensor in tensors {
                let values: [Float]
                if let overrides, overrides.tensors[tensor.name] != nil {
                    do { values = try overrides.floats(tensor.name, shape: tensor.shape) } catch {
                        throw SentenceEncoderError.invalidModel("override weights: \(error)")
                    }
                } else {
                    values = try weights.floats(prefix + tensor.name, shape: tensor.shape)
                }
                values.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress, let offset = offsets[tensor.name] {
                        (storage + offset).update(from: base, count: values.count)
                    }
                }
            }
        } catch {
            storage.deallocate()
            throw error
        }
        self.storage = storage
        func pointer(_ name: String) -> UnsafePointer<Float> { UnsafePointer(storage + (offsets[name] ?? 0)) }
        // Small batches read the dense weights as half floats (EncoderPackedWeights); the sgemm path
        // gets the same half-rounded values, so a sentence's embedding does not depend on the batch
        // it was encoded in (the encoder's cache and the tone scores rely on that).
        for tensor in tensors where tensor.shape.count == 2 && tensor.name.hasPrefix("encoder.layer.") {
            guard let offset = offsets[tensor.name] else { continue }
            let weights = storage + offset
            for index in 0..<tensor.shape[0] * tensor.shape[1] { weights[index] = Float(Float16(weights[index])) }
        }

        let wordName = prefix + "embeddings.word_embeddings.weight"
        let wordShape = [c.vocabularySize, h]
        if let info = weights.tensors[wordName], info.dtype == .f32, info.shape == wordShape,
           let raw = try? weights.bytes(of: wordName), let base = raw.baseAddress,
           Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0, UInt32(littleEndian: 1) == 1 {
            mappedWeights = weights
            wordEmbeddingCopy = nil
            wordEmbeddings = base.assumingMemoryBound(to: Float.self)
        } else {
            let values: [Float]
            do { values = try weights.floats(wordName, shape: wordShape) } catch {
                storage.deallocate()
                throw error
            }
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: values.count)
            copy.initialize(from: values, count: values.count)
            mappedWeights = nil
            wordEmbeddingCopy = copy
            wordEmbeddings = UnsafePointer(copy)
        }
        positionEmbeddings = pointer("embeddings.position_embeddings.weight")
        tokenTypeEmbeddings = pointer("embeddings.token_type_embeddings.weight")
        embeddingNormWeight = pointer("embeddings.LayerNorm.weight")
        embeddingNormBias = pointer("embeddings.LayerNorm.bias")
        layers = (0..<c.layerCount).map { layer in
            let p = "encoder.layer.\(layer)."
            return Layer(
                qkvWeight: pointer(p + "attention.self.query.weight"), qkvBias: pointer(p + "attention.self.query.bias"),
                attentionOutputWeight: pointer(p + "attention.output.dense.weight"),
                attentionOutputBias: pointer(p + "attention.output.dense.bias"),
                attentionNormWeight: pointer(p + "attention.output.LayerNorm.weight"),
                attentionNormBias: pointer(p + "attention.output.LayerNorm.bias"),
                intermediateWeight: pointer(p + "intermediate.dense.weight"), intermediateBias: pointer(p + "intermediate.dense.bias"),
                outputWeight: pointer(p + "output.dense.weight"), outputBias: pointer(p + "output.dense.bias"),
                outputNormWeight: pointer(p + "output.LayerNorm.weight"), outputNormBias: pointer(p + "output.LayerNorm.bias"),
                qkvPacked: EncoderPackedWeights(pointer(p + "attention.self.query.weight"), outputs: 3 * h, inputs: h),
                attentionOutputPacked: EncoderPackedWeights(pointer(p + "attention.output.dense.weight"), outputs: h, inputs: h),
                intermediatePacked: EncoderPackedWeights(pointer(p + "intermediate.dense.weight"), outputs: i, inputs: h),
                outputPacked: EncoderPackedWeights(pointer(p + "output.dense.weight"), outputs: h, inputs: i))
        }
    }

    deinit {
        storage.deallocate()
        wordEmbeddingCopy?.deallocate()
    }

    /// Final hidden states for `sequences` packed row after row: `Σ count × hiddenSize` floats.
    /// Each sequence must hold 1...maximumPositions ids, each id below the vocabulary size
    /// (out-of-range ids are clamped to 0 rather than read out of bounds).
    public func hiddenStates(packed sequences: [[Int32]]) -> [Float] {
        let c = configuration
        let h = c.hiddenSize
        let lengths = sequences.map { min($0.count, c.maximumPositions) }
        var starts: [Int] = []
        var tokenCount = 0
        for length in lengths { starts.append(tokenCount); tokenCount += length }
        guard tokenCount > 0 else { return [] }

        var x = [Float](repeating: 0, count: tokenCount * h)
        let scratch = Scratch(tokenCount: tokenCount, configuration: c)
        defer { scratch.deallocate() }
        x.withUnsafeMutableBufferPointer { buffer in
            guard let x = buffer.baseAddress else { return }
            embed(sequences, lengths: lengths, starts: starts, into: x)
            for layer in layers {
                forward(layer, x: x, tokenCount: tokenCount, lengths: lengths, starts: starts, scratch: scratch)
            }
        }
        return x
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm.
    private func embed(_ sequences: [[Int32]], lengths: [Int], starts: [Int], into x: UnsafeMutablePointer<Float>) {
        let c = configuration, h = c.hiddenSize
        for (sequence, (length, start)) in zip(sequences, zip(lengths, starts)) {
            for position in 0..<length {
                let id = Int(sequence[position])
                let word = wordEmbeddings + (id >= 0 && id < c.vocabularySize ? id : 0) * h
                let row = x + (start + position) * h
                let place = positionEmbeddings + position * h
                for k in 0..<h { row[k] = word[k] + place[k] + tokenTypeEmbeddings[k] }
            }
        }
        let tokenCount = lengths.reduce(0, +)
        BERTParallel.forEach(count: tokenCount, grain: 16) { rows in
            for row in rows {
                BERTKernels.addLayerNorm(x + row * h, residual: nil, count: h, gamma: embeddingNormWeight,
                                         beta: embeddingNormBias, eps: c.layerNormEpsilon)
            }
        }
    }

    private func forward(_ layer: Layer, x: UnsafeMutablePointer<Float>, tokenCount n: Int,
                         lengths: [Int], starts: [Int], scratch: Scratch) {
        let c = configuration, h = c.hiddenSize, i = c.intermediateSize
        // Self-attention.
        Self.linear(x, layer.qkvWeight, layer.qkvPacked, layer.qkvBias, into: scratch.qkv, rows: n, outputs: 3 * h, inputs: h)
        attention(qkv: scratch.qkv, context: scratch.context, lengths: lengths, starts: starts)
        Self.linear(scratch.context, layer.attentionOutputWeight, layer.attentionOutputPacked, layer.attentionOutputBias, into: scratch.projected,
                    rows: n, outputs: h, inputs: h)
        Self.addAndNormalize(scratch.projected, into: x, rows: n, width: h,
                             gamma: layer.attentionNormWeight, beta: layer.attentionNormBias, eps: c.layerNormEpsilon)
        // Feed-forward.
        Self.linear(x, layer.intermediateWeight, layer.intermediatePacked, layer.intermediateBias, into: scratch.intermediate,
                    rows: n, outputs: i, inputs: h)
        let intermediate = scratch.intermediate
        BERTParallel.forEach(count: n, grain: 4) { rows in
            BERTKernels.geluErf(intermediate + rows.lowerBound * i, count: rows.count * i)
        }
        Self.linear(scratch.intermediate, layer.outputWeight, layer.outputPacked, layer.outputBias, into: scratch.projected,
                    rows: n, outputs: h, inputs: i)
        Self.addAndNormalize(scratch.projected, into: x, rows: n, width: h,
                             gamma: layer.outputNormWeight, beta: layer.outputNormBias, eps: c.layerNormEpsilon)
    }

    /// `y = x·Wᵀ + b`. Small batches: the packed kernel, output panels split among the threads.
    /// Otherwise the bias is copied into every row first, then one sgemm accumulates onto it.
    private static func linear(_ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ packed: EncoderPackedWeights,
                               _ bias: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                               rows: Int, outputs: Int, inputs: Int) {
        if rows <= smallBatchTokens {
            BERTParallel.forEach(count: packed.panelCount) { panels in
                packed.multiply(x, rows: rows, bias: bias, into: y, ldy: outputs, panels: panels)
            }
            return
        }
        for row in 0..<rows { (y + row * outputs).update(from: bias, count: outputs) }
        BLAS.matmulTransposedB(x, weight, y, m: rows, n: outputs, k: inputs, beta: 1)
    }

    /// `x = LayerNorm(x + y)`, row by row.
    private static func addAndNormalize(_ y: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>, rows: Int, width: Int,
                                        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
        BERTParallel.forEach(count: rows, grain: 16) { range in
            for row in range {
                BERTKernels.addLayerNorm(x + row * width, residual: y + row * width, count: width, gamma: gamma, beta: beta, eps: eps)
            }
        }
    }

    /// Scaled dot-product attention of each sequence with itself, each head on its own slice of
    /// the query/key/value rows; work items are (sequence, head) pairs shared among the threads.
    private func attention(qkv: UnsafePointer<Float>, context: UnsafeMutablePointer<Float>,
                           lengths: [Int], starts: [Int]) {
        let c = configuration, h = c.hiddenSize, d = c.headDimension, heads = c.headCount
        let scale = 1 / Float(d).squareRoot()
        let maximumLength = c.maximumPositions
        BERTParallel.forEach(count: lengths.count * heads, grain: 4) { items in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: maximumLength) { buffer in
                guard let rowScores = buffer.baseAddress else { return }
                for item in items {
                    let sequence = item / heads, head = item % heads
                    let length = lengths[sequence], start = starts[sequence]
                    let queries = qkv + start * 3 * h + head * d
                    let keys = queries + h, values = queries + 2 * h
                    for query in 0..<length {
                        let q = queries + query * 3 * h
                        for key in 0..<length { rowScores[key] = Self.dot(q, keys + key * 3 * h, count: d) * scale }
                        Ops.softmax(rowScores, count: length)
                        let out = context + (start + query) * h + head * d
                        out.update(repeating: 0, count: d)
                        for key in 0..<length { Self.axpy(rowScores[key], values + key * 3 * h, out, count: d) }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var k = 0
        var sum = SIMD8<Float>()
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while k + 8 <= count {
            sum += ra.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
            k += 8
        }
        var total = sum.sum()
        while k < count { total += a[k] * b[k]; k += 1 }
        return total
    }

    /// `y += alpha · x`.
    @inline(__always)
    private static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var k = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let a = SIMD8<Float>(repeating: alpha)
        while k + 8 <= count {
            let v = ry.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self) + a * rx.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
            ry.storeBytes(of: v, toByteOffset: k * 4, as: SIMD8<Float>.self)
            k += 8
        }
        while k < count { y[k] += alpha * x[k]; k += 1 }
    }

    /// Working buffers for one forward pass, sized for its token count.
    private struct Scratch {
        let qkv: UnsafeMutablePointer<Float>
        let context: UnsafeMutablePointer<Float>
        let projected: UnsafeMutablePointer<Float>
        let intermediate: UnsafeMutablePointer<Float>

        init(tokenCount n: Int, configuration c: BERTConfiguration) {
            qkv = .allocate(capacity: n * 3 * c.hiddenSize)
            context = .allocate(capacity: n * c.hiddenSize)
            projected = .allocate(capacity: n * c.hiddenSize)
            intermediate = .allocate(capacity: n * c.intermediateSize)
        }

        func deallocate() {
            qkv.deallocate(); context.deallocate(); projected.deallocate(); intermediate.deallocate()
        }
    }
}
