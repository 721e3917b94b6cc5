import Foundation
import TensorMath

/// The mutable half of a running decoder: the KV cache, scratch buffers and the thread pool.
/// Not thread-safe; one generation at a time.
///
/// `evaluate` runs the forward pass over a batch of tokens, llama2.c style: embed, then per layer
/// RMSNorm → Q/K/V → rope → cache → attention → output projection → residual, RMSNorm → SwiGLU → residual,
/// then the final norm and the vocabulary projection. A batch of many tokens (prefill) multiplies whole
/// matrices (`matMul`, each weight read once per batch); one token (decode) uses `matVec`.
///
/// Activations (`.automatic` by default) stay in f32 for the 32-element block formats, so the logits of e.g.
/// SmolLM2 Q4_1 are those of the dequantized model up to float rounding (checked against numpy over the
/// dequantized GGUF tensors; Q8 activations move them by NMSE 1e-3 to 1e-2 there). K-quant matrices (Q4_K,
/// Q5_K, Q6_K) take integer activations (`.quantized8or16`, quantized once per input and shared by the
/// projections that read it): 8 bits with a scale per 16 elements, or 16 bits per 256 for a row with an outlier. Plain Q8_K
/// (one scale per 256), as llama.cpp computes, moves Qwen2.5-1.5B Q4_K_M's logits by NMSE up to 0.16 from the
/// float64 reference at some positions; these stay within 1e-3 at every position (LlamaQwen25ReferenceTests).
/// `.f32`, `.quantized` and `.quantized16` force one path.
public final class LlamaContext {
    public let model: LlamaModel
    /// Most tokens the cache holds (the model's context length unless a smaller limit was asked for).
    public let contextLimit: Int
    /// Tokens evaluated per forward pass at most; longer prompts run in chunks of this size.
    public let batchLimit: Int
    public let pool: ThreadPool
    /// How the weight matrices take their input.
    public let activations: WeightMatrix.Activations
    /// Tokens in the KV cache; the next token goes at this position.
    public var position: Int { cachedTokens.count }
    /// The tokens whose keys and values the cache holds, in order (`position` of them).
    public private(set) var cachedTokens: [Int] = []

    // KV cache, f32, laid out [layer][position][kvDim]; allocated lazily by the OS as positions fill.
    private let keyCache: UnsafeMutablePointer<Float>
    private let valueCache: UnsafeMutablePointer<Float>

    // Scratch for one batch, each `batchLimit` rows: residual stream, normed input, attention output,
    // queries, and the two feed-forward halves.
    private let x: UnsafeMutablePointer<Float>
    private let xb: UnsafeMutablePointer<Float>
    private let attention: UnsafeMutablePointer<Float>
    private let query: UnsafeMutablePointer<Float>
    private let gate: UnsafeMutablePointer<Float>
    private let up: UnsafeMutablePointer<Float>
    /// The batch's inputs in Q16_K for K-quant products, `activationBytes` long (batchLimit rows of the widest input).
    private let activationScratch: UnsafeMutableRawPointer
    private let activationBytes: Int
    /// Logits of the last evaluated token (or of every token of the batch when asked for).
    private var logitRows: UnsafeMutablePointer<Float>
    private var logitRowCapacity = 1

    /// The default context limit when none is given: the model's, but at most this many tokens
    /// (Llama 3.1 declares 131 072, whose f32 cache would take tens of GB).
    public static let defaultContextLimit = 4096

    /// - Parameters:
    ///   - contextLimit: tokens the KV cache holds; at most the model's context length
    ///     (default: the model's, at most `defaultContextLimit`).
    ///   - batchLimit: tokens per prefill forward pass.
    ///   - activations: `.automatic` (default), `.f32`, or `.quantized` (Q8 inputs to integer dot kernels).
    /// - Throws: `LlamaModelError.contextTooLarge` when the cache cannot be allocated.
    public init(model: LlamaModel, contextLimit: Int? = nil, threads: Int = ThreadPool.defaultThreadCount(),
                batchLimit: Int = 64, activations: WeightMatrix.Activations = .automatic) throws {
        let c = model.config
        self.model = model
        self.activations = activations
        let limit = max(1, min(contextLimit ?? Self.defaultContextLimit, c.contextLength))
        self.contextLimit = limit
        self.batchLimit = max(1, batchLimit)
        // The cache is the one allocation whose size the caller chooses; check it rather than trap.
        let (perLayer, overflow1) = limit.multipliedReportingOverflow(by: c.kvDim)
        let (cacheCount, overflow2) = perLayer.multipliedReportingOverflow(by: c.layerCount)
        let (cacheBytes, overflow3) = cacheCount.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !overflow1, !overflow2, !overflow3,
              let keys = malloc(cacheBytes)?.assumingMemoryBound(to: Float.self) else {
            throw LlamaModelError.contextTooLarge(tokens: limit)
        }
        guard let values = malloc(cacheBytes)?.assumingMemoryBound(to: Float.self) else {
            free(keys)
            throw LlamaModelError.contextTooLarge(tokens: limit)
        }
        keyCache = keys
        valueCache = values
        pool = ThreadPool(threadCount: threads)
        let rows = self.batchLimit
        x = .allocate(capacity: rows * c.embeddingLength)
        xb = .allocate(capacity: rows * max(c.embeddingLength, c.queryDim))
        attention = .allocate(capacity: rows * c.queryDim)
        query = .allocate(capacity: rows * c.queryDim)
        gate = .allocate(capacity: rows * c.feedForwardLength)
        up = .allocate(capacity: rows * c.feedForwardLength)
        logitRows = .allocate(capacity: c.vocabularySize)
        let widest = max(c.embeddingLength, c.queryDim, c.feedForwardLength)
        activationBytes = rows * max(1, WeightMatrix.q16RowBytes(cols: (widest + 255) / 256 * 256))
        activationScratch = .allocate(byteCount: activationBytes, alignment: 64)
    }

    deinit {
        free(keyCache)
        free(valueCache)
        for buffer in [x, xb, attention, query, gate, up, logitRows] { buffer.deallocate() }
        activationScratch.deallocate()
    }

    /// Bytes the KV cache takes when full.
    public var kvCacheBytes: Int { 2 * model.config.layerCount * contextLimit * model.config.kvDim * MemoryLayout<Float>.size }

    /// Forgets all cached tokens.
    public func reset() { cachedTokens.removeAll(keepingCapacity: true) }

    /// Drops cached tokens from `newPosition` on (e.g. to reuse a shared prompt prefix, or rejected drafts).
    public func rewind(to newPosition: Int) {
        cachedTokens.removeLast(position - max(0, min(position, newPosition)))
    }

    /// How many leading tokens of `tokens` the cache already holds.
    public func cachedPrefixLength(of tokens: [Int]) -> Int {
        var n = 0
        while n < min(tokens.count, cachedTokens.count) && tokens[n] == cachedTokens[n] { n += 1 }
        return n
    }

    /// A copy of the keys and values of the first `count` cached tokens (at most `position`), to restore later
    /// into this context or another one of the same model (`restore`).
    public func snapshot(count: Int? = nil) -> KVSnapshot {
        let n = max(0, min(count ?? position, position))
        let kvDim = model.config.kvDim, layers = model.config.layerCount
        var keys = [Float](repeating: 0, count: layers * n * kvDim), values = keys
        keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in
                guard let kb = k.baseAddress, let vb = v.baseAddress else { return }
                for l in 0..<layers {
                    (kb + l * n * kvDim).update(from: keyCache + l * contextLimit * kvDim, count: n * kvDim)
                    (vb + l * n * kvDim).update(from: valueCache + l * contextLimit * kvDim, count: n * kvDim)
                }
            }
        }
        return KVSnapshot(tokens: Array(cachedTokens.prefix(n)), keys: keys, values: values, kvDim: kvDim, layers: layers)
    }

    /// Replaces the cache with `snapshot`'s tokens, keys and values.
    /// - Throws: `contextFull` when the snapshot is longer than this context; `badTensor` when it was taken
    ///   from a model of another shape.
    public func restore(_ snapshot: KVSnapshot) throws {
        let n = snapshot.tokens.count, kvDim = model.config.kvDim, layers = model.config.layerCount
        guard snapshot.kvDim == kvDim, snapshot.layers == layers else {
            throw LlamaModelError.badTensor(name: "kv snapshot", problem: "taken from a model of another shape")
        }
        guard n <= contextLimit else { throw LlamaModelError.contextFull(limit: contextLimit) }
        snapshot.keys.withUnsafeBufferPointer { k in
            snapshot.values.withUnsafeBufferPointer { v in
                guard let kb = k.baseAddress, let vb = v.baseAddress else { return }
                for l in 0..<layers {
                    (keyCache + l * contextLimit * kvDim).update(from: kb + l * n * kvDim, count: n * kvDim)
                    (valueCache + l * contextLimit * kvDim).update(from: vb + l * n * kvDim, count: n * kvDim)
                }
            }
        }
        cachedTokens = snapshot.tokens
    }

    /// Runs `tokens` at the next positions and returns the logits of the last one
    /// (valid until the next call).
    @discardableResult
    public func evaluate(_ tokens: [Int]) throws -> UnsafeBufferPointer<Float> {
        try checkFits(tokens)
        var start = 0
        while start < tokens.count {
            let end = min(tokens.count, start + batchLimit)
            forward(tokens[start..<end], logitsForAll: false)
            start = end
        }
        return UnsafeBufferPointer(start: logitRows, count: model.config.vocabularySize)
    }

    /// Runs at most `batchLimit` tokens in one forward pass and returns the logits after each of them
    /// (`tokens.count × vocabularySize`, row-major; valid until the next call): a speculative draft's check.
    /// Each row equals what evaluating the tokens one at a time gives (the kernels compute a row's product
    /// the same way in any batch; sgemm is used only from 16 tokens on for f32 activations, so keep drafts shorter).
    public func evaluateRows(_ tokens: [Int]) throws -> UnsafeBufferPointer<Float> {
        try checkFits(tokens)
        guard tokens.count <= batchLimit else { throw LlamaModelError.contextFull(limit: batchLimit) }
        forward(tokens[...], logitsForAll: true)
        return UnsafeBufferPointer(start: logitRows, count: tokens.count * model.config.vocabularySize)
    }

    /// Runs `tokens` and returns the logits after every one of them (`tokens.count × vocabularySize`,
    /// row-major) — for checking against a reference, not for generation.
    public func evaluateAll(_ tokens: [Int]) throws -> [Float] {
        try checkFits(tokens)
        let vocabulary = model.config.vocabularySize
        var all: [Float] = []
        all.reserveCapacity(tokens.count * vocabulary)
        var start = 0
        while start < tokens.count {
            let end = min(tokens.count, start + batchLimit)
            forward(tokens[start..<end], logitsForAll: true)
            all.append(contentsOf: UnsafeBufferPointer(start: logitRows, count: (end - start) * vocabulary))
            start = end
        }
        return all
    }

    private func checkFits(_ tokens: [Int]) throws {
        let vocabulary = model.config.vocabularySize
        if let bad = tokens.first(where: { $0 < 0 || $0 >= vocabulary }) {
            throw LlamaModelError.tokenOutOfRange(token: bad, vocabularySize: vocabulary)
        }
        guard position + tokens.count <= contextLimit else { throw LlamaModelError.contextFull(limit: contextLimit) }
    }

    // MARK: - The forward pass

    /// One batch of at most `batchLimit` tokens at positions `position ..< position + n`.
    private func forward(_ tokens: ArraySlice<Int>, logitsForAll: Bool) {
        let c = model.config, w = model.weights
        let n = tokens.count, dim = c.embeddingLength, qDim = c.queryDim, kvDim = c.kvDim
        let ff = c.feedForwardLength, start = position
        precondition(start + n <= contextLimit && n <= batchLimit, "batch does not fit")

        // Token embeddings into the residual stream.
        for (i, token) in tokens.enumerated() {
            w.tokenEmbedding.dequantizeRow(token, into: x + i * dim)
        }

        for (l, layer) in w.layers.enumerated() {
            // Attention: normalise, project; K and V go straight into this layer's cache rows.
            let keys = keyCache + l * contextLimit * kvDim
            let values = valueCache + l * contextLimit * kvDim
            for i in 0..<n {
                Ops.rmsNorm(x + i * dim, weight: layer.attentionNorm, into: xb + i * dim, count: dim, eps: c.rmsEpsilon)
            }
            project([(layer.query, query, layer.queryBias),
                     (layer.key, keys + start * kvDim, layer.keyBias),
                     (layer.value, values + start * kvDim, layer.valueBias)], xb, n)
            w.ropeFrequencyFactors.withOptionalPointer { factors in
                for i in 0..<n {
                    Rope.apply(query + i * qDim, heads: c.headCount, headDim: c.headDim, position: start + i,
                               theta: c.ropeTheta, layout: c.ropeLayout, rotaryDim: c.rotaryDim,
                               freqFactors: factors, positionScale: c.ropePositionScale)
                    Rope.apply(keys + (start + i) * kvDim, heads: c.kvHeadCount, headDim: c.headDim,
                               position: start + i, theta: c.ropeTheta, layout: c.ropeLayout,
                               rotaryDim: c.rotaryDim, freqFactors: factors, positionScale: c.ropePositionScale)
                }
            }
            attend(n: n, start: start, keys: keys, values: values)
            project([(layer.attentionOutput, xb, nil)], attention, n)
            Ops.add(x, xb, count: n * dim)

            // Feed-forward (SwiGLU): down(silu(gate(x)) * up(x)).
            for i in 0..<n {
                Ops.rmsNorm(x + i * dim, weight: layer.feedForwardNorm, into: xb + i * dim, count: dim, eps: c.rmsEpsilon)
            }
            project([(layer.gate, gate, nil), (layer.up, up, nil)], xb, n)
            Ops.silu(gate, count: n * ff)
            Ops.multiply(gate, up, count: n * ff)
            project([(layer.down, xb, nil)], gate, n)
            Ops.add(x, xb, count: n * dim)
        }
        cachedTokens += tokens

        // Final norm and vocabulary projection, for the last token or all of them.
        let first = logitsForAll ? 0 : n - 1
        let rows = n - first
        for i in first..<n {
            Ops.rmsNorm(x + i * dim, weight: w.outputNorm, into: xb + (i - first) * dim, count: dim, eps: c.rmsEpsilon)
        }
        reserveLogitRows(rows)
        project([(w.output, logitRows, nil)], xb, rows)
    }

    private typealias Projection = (matrix: WeightMatrix, out: UnsafeMutablePointer<Float>, bias: [Float]?)

    /// `out = input[n × cols] · Wᵀ (+ bias)` for each of several projections of the same input. K-quant matrices
    /// (`.quantized8or16`, `.quantized16`): the input is quantized once, and all rows of all projections, for all n tokens, go
    /// through one fork/join (decode is bound by fork/join count as much as by bytes). A single token with other
    /// activations also shares one fork/join; a batch of them is a `matMul` per matrix.
    private func project(_ projections: [Projection], _ input: UnsafePointer<Float>, _ n: Int) {
        guard let first = projections.first else { return }
        let mode = activations.resolved(for: first.matrix.type)
        let cols = first.matrix.cols
        let shared = projections.allSatisfy {
            $0.matrix.cols == cols && activations.resolved(for: $0.matrix.type) == mode
                && $0.matrix.activationType == first.matrix.activationType
        }
        if shared, mode.isKQuantRows, n * first.matrix.q16RowBytes <= activationBytes {
            let rowBytes = first.matrix.q16RowBytes, scratch = activationScratch, matrix = first.matrix
            if n == 1 {
                matrix.quantizeKRow(input, into: scratch, mode: mode)
            } else {
                pool.parallelFor(n) { range in
                    for i in range { matrix.quantizeKRow(input + i * cols, into: scratch + i * rowBytes, mode: mode) }
                }
            }
            let xq = UnsafeRawPointer(scratch)
            projectStacked(projections) { matrix, range, out in
                matrix.multiplyRows(range, q16: xq, count: n, into: out, ldy: matrix.rows)
            }
        } else if shared, n == 1, mode == .f32 {
            projectStacked(projections) { matrix, range, out in
                matrix.rowSlice(range)?.matVec(input, into: out + range.lowerBound, pool: self.pool, activations: .f32)
            }
        } else if shared, n == 1, mode == .quantized {
            withUnsafeTemporaryAllocation(byteCount: first.matrix.activationRowBytes, alignment: 64) { buffer in
                guard let quantized = buffer.baseAddress else { return }
                first.matrix.quantizeActivations(input, into: quantized)
                let xq = UnsafeRawPointer(quantized)
                projectStacked(projections) { matrix, range, out in
                    matrix.rowSlice(range)?.matVec(quantized: xq, into: out + range.lowerBound, pool: self.pool)
                }
            }
        } else {
            for p in projections { project(p.matrix, input, n, into: p.out) }
        }
        for p in projections {
            if let bias = p.bias {
                for i in 0..<n { Ops.add(p.out + i * p.matrix.rows, bias, count: p.matrix.rows) }
            }
        }
    }

    /// Runs `multiply(matrix, rows, out)` over the rows of all `projections` stacked on top of each other, as one
    /// fork/join: each worker multiplies the rows of each matrix that fall in its range.
    private func projectStacked(_ projections: [Projection],
                                _ multiply: (WeightMatrix, Range<Int>, UnsafeMutablePointer<Float>) -> Void) {
        let totalRows = projections.reduce(0) { $0 + $1.matrix.rows }
        pool.parallelFor(totalRows, grain: 16) { range in
            var offset = 0
            for p in projections {
                let lower = max(range.lowerBound, offset), upper = min(range.upperBound, offset + p.matrix.rows)
                // Inside a parallelFor body the pool runs inline, so this is single-threaded.
                if lower < upper { multiply(p.matrix, (lower - offset)..<(upper - offset), p.out) }
                offset += p.matrix.rows
            }
        }
    }

    /// `out[n × rows] = input[n × cols] · Wᵀ`.
    private func project(_ matrix: WeightMatrix, _ input: UnsafePointer<Float>, _ n: Int,
                         into out: UnsafeMutablePointer<Float>) {
        if n == 1 {
            matrix.matVec(input, into: out, pool: pool, activations: activations)
        } else {
            matrix.matMul(input, count: n, into: out, pool: pool, activations: activations)
        }
    }

    /// Causal attention for the batch: token i (position start + i) attends to positions 0...start + i.
    /// Work items are (token, head) pairs, spread over the pool.
    private func attend(n: Int, start: Int, keys: UnsafePointer<Float>, values: UnsafePointer<Float>) {
        let c = model.config
        let heads = c.headCount, headDim = c.headDim, qDim = c.queryDim, kvDim = c.kvDim
        let group = c.headCount / c.kvHeadCount
        let query = UnsafePointer(self.query), attention = self.attention
        pool.parallelFor(n * heads) { items in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: start + n)
            defer { scratch.deallocate() }
            for item in items {
                let i = item / heads, h = item % heads, g = h / group
                Attention.attend(query: query + i * qDim + h * headDim, keys: keys + g * headDim,
                                 values: values + g * headDim, positions: start + i + 1, heads: 1, kvHeads: 1,
                                 headDim: headDim, kvStride: kvDim, scratch: scratch,
                                 out: attention + i * qDim + h * headDim)
            }
        }
    }

    private func reserveLogitRows(_ rows: Int) {
        guard rows > logitRowCapacity else { return }
        logitRows.deallocate()
        logitRows = .allocate(capacity: rows * model.config.vocabularySize)
        logitRowCapacity = rows
    }
}

extension WeightMatrix {
    /// The rows in `range` as a matrix of their own (borrowing the same bytes).
    func rowSlice(_ range: Range<Int>) -> WeightMatrix? {
        try? WeightMatrix(type: type, rows: range.count, cols: cols, data: data + range.lowerBound * rowBytes)
    }
}

extension Optional where Wrapped == [Float] {
    /// Calls `body` with a pointer to the array's floats, or nil when there is no array.
    func withOptionalPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case .some(let array): array.withUnsafeBufferPointer { body($0.baseAddress) }
        case .none: body(nil)
        }
    }
}
