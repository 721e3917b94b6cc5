import CTensorKernels

/// Geometry of one 2-D convolution over an NCHW tensor (ONNX / PyTorch conventions).
public struct Conv2DShape: Sendable, Equatable {
    public var batch: Int
    public var inChannels: Int
    public var height: Int
    public var width: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideY = 1
    public var strideX = 1
    public var padTop = 0
    public var padLeft = 0
    public var padBottom = 0
    public var padRight = 0
    public var dilationY = 1
    public var dilationX = 1
    public var groups = 1
    /// Pad by mirroring the input (ONNX `Pad` mode `reflect`, folded into the convolution) instead of with zeros.
    public var padReflects = false

    public init(batch: Int, inChannels: Int, height: Int, width: Int,
                outChannels: Int, kernelHeight: Int, kernelWidth: Int) {
        self.batch = batch
        self.inChannels = inChannels
        self.height = height
        self.width = width
        self.outChannels = outChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
    }

    public var outHeight: Int { (height + padTop + padBottom - dilationY * (kernelHeight - 1) - 1) / strideY + 1 }
    public var outWidth: Int { (width + padLeft + padRight - dilationX * (kernelWidth - 1) - 1) / strideX + 1 }

    /// Why the geometry cannot be computed, or nil when it is consistent.
    public var problem: String? {
        if [batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth].contains(where: { $0 <= 0 }) {
            return "non-positive dimension"
        }
        if [strideY, strideX, dilationY, dilationX, groups].contains(where: { $0 <= 0 }) { return "non-positive stride, dilation or group" }
        if [padTop, padLeft, padBottom, padRight].contains(where: { $0 < 0 }) { return "negative padding" }
        if inChannels % groups != 0 || outChannels % groups != 0 { return "channels not divisible by group \(groups)" }
        if outHeight <= 0 || outWidth <= 0 { return "kernel larger than the padded input" }
        return nil
    }
}

/// 2-D convolution as a product of the weights (`outChannels × K`, already row-major in ONNX's
/// `[M, C/g, kh, kw]`) and the im2col matrix (`K × pixels`, K = channels per group · kh · kw).
///
/// Ungrouped convolutions with equal strides (`forward`) never build the im2col matrix: `tk_conv_direct` reads each
/// column straight from the (padded, for stride > 1 phase-split) input planes through a table of
/// K offsets, 4 output channels × 24 pixels at a time, threaded over pixel blocks. Built in full,
/// the matrix of a 9×9 kernel is 81 times its input, and writing then reading it cost more than the
/// arithmetic: im2col + OpenBLAS sgemm in bands ran multistyle26 at 2.7× onnxruntime's time.
/// Grouped ones and unequal strides keep im2col + sgemm (`forwardIm2col`), depthwise ones a direct loop.
public enum Conv2D {
    /// Column-buffer budget in floats (1 MiB): a band stays in L2 between im2col writing it and sgemm reading it.
    static let columnBudget = 1 << 18

    public static func forward(
        _ s: Conv2DShape, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, pool: ThreadPool? = nil,
        buffers: FloatBufferRecycler? = nil
    ) {
        if foldsReflectPad(s) {
            direct(s, input: input, weights: weights, bias: bias, output: output, pool: pool, buffers: buffers)
        } else {
            precondition(!s.padReflects, "reflect padding is folded only where foldsReflectPad says so")
            forwardIm2col(s, input: input, weights: weights, bias: bias, output: output)
        }
    }

    /// The kernel `forward` uses for ungrouped convolutions: "avx512vl", "avx2" or "scalar".
    public static var kernelName: String { String(cString: tk_conv_kernel_name()) }

    /// Tests and benchmarks: use at most kernel 1 (scalar), 2 (AVX2) or 3 (AVX-512VL); 0 restores the best.
    public static func capKernel(_ kernel: Int) { tk_conv_force_kernel(Int32(clamping: kernel)) }

    /// Whether `forward` takes the direct path for this convolution, which alone can fold a reflect pad
    /// (tk_conv_prepare lays out at most 16 × 16 phases).
    public static func foldsReflectPad(_ s: Conv2DShape) -> Bool { s.groups == 1 && s.strideX == s.strideY && s.strideY <= 16 }

    /// Floats of input layout per band (512 KiB): a band's phase rows are still in L2 when its blocks read them.
    static let bandBudget = 1 << 17

    /// The implicit-im2col path (see the type's comment). A convolution that reads its input in place
    /// (stride 1, no padding) is threaded over pixel blocks; one that needs a layout goes by bands of
    /// output rows, each band laying out the phase rows it reads and multiplying them at once, so the
    /// layout never passes through memory (at 512² it would be as large as the input).
    static func direct(
        _ s: Conv2DShape, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, pool: ThreadPool?,
        buffers: FloatBufferRecycler?
    ) {
        let stride = s.strideY
        let paddedH = s.height + s.padTop + s.padBottom, paddedW = s.width + s.padLeft + s.padRight
        let phaseH = (paddedH + stride - 1) / stride, phaseW = (paddedW + stride - 1) / stride
        let laidOut = stride != 1 || s.padTop != 0 || s.padLeft != 0 || s.padBottom != 0 || s.padRight != 0
        let k = s.inChannels * s.kernelHeight * s.kernelWidth
        let outH = s.outHeight, outPlane = outH * s.outWidth
        // Phase rows below an output row that its taps reach; output rows per band, at least 8 bands
        // (to share among threads) where the image is tall enough.
        let reach = s.dilationY * (s.kernelHeight - 1) / stride
        let phaseRowFloats = stride * stride * s.inChannels * phaseW
        let bandRows = laidOut ? max(1, min(bandBudget / phaseRowFloats - reach, (outH + 7) / 8)) : outH
        let planeRows = laidOut ? bandRows + reach : phaseH
        let phaseCount = s.inChannels * planeRows * phaseW
        var offsets = [Int64](repeating: 0, count: k)
        var t = 0
        for c in 0..<s.inChannels {
            for ky in 0..<s.kernelHeight {
                for kx in 0..<s.kernelWidth {
                    let y = ky * s.dilationY, x = kx * s.dilationX
                    let phase = (y % stride) * stride + x % stride
                    offsets[t] = Int64(phase * phaseCount + c * planeRows * phaseW + (y / stride) * phaseW + x / stride)
                    t += 1
                }
            }
        }
        var packed = [Float](repeating: 0, count: Int(tk_conv_packed_count(Int64(s.outChannels), Int64(k))))
        tk_conv_pack_weights(weights, Int64(s.outChannels), Int64(k), &packed)
        let block = Int(TK_CONV_BLOCK)
        let run = { (count: Int, body: (Range<Int>) -> Void) in
            if let pool { pool.parallelFor(count, body) } else { body(0..<count) }
        }
        offsets.withUnsafeBufferPointer { offs in
            packed.withUnsafeBufferPointer { w in
                guard let offsetBase = offs.baseAddress, let weightBase = w.baseAddress else { return }
                for n in 0..<s.batch {
                    let image = input + n * s.inChannels * s.height * s.width
                    let result = output + n * s.outChannels * outPlane
                    guard laidOut else {
                        let virtualPixels = outH * phaseW
                        run((virtualPixels + block - 1) / block) { range in
                            tk_conv_direct(image, Int64(s.inChannels * s.height * s.width), offsetBase, Int64(k), weightBase,
                                           Int64(s.outChannels), bias, result, Int64(s.outWidth), Int64(phaseW), Int64(outPlane),
                                           Int64(range.lowerBound * block), Int64(min(range.upperBound * block, virtualPixels)))
                        }
                        continue
                    }
                    let bandCount = stride * stride * phaseCount
                    run((outH + bandRows - 1) / bandRows) { bands in
                        // tk_conv_prepare writes every element of the band's layout.
                        var layout = buffers?.array(count: bandCount) ?? FloatBufferRecycler.uninitialized(count: bandCount)
                        layout.withUnsafeMutableBufferPointer { laid in
                            guard let base = laid.baseAddress else { return }
                            for band in bands {
                                let firstRow = band * bandRows, rows = min(bandRows, outH - firstRow)
                                tk_conv_prepare(image, Int64(s.inChannels), Int64(s.height), Int64(s.width),
                                                Int64(s.padTop), Int64(s.padLeft), Int64(s.padBottom), Int64(s.padRight),
                                                s.padReflects ? 1 : 0, Int64(stride), Int64(firstRow), Int64(planeRows), base)
                                tk_conv_direct(base, Int64(bandCount), offsetBase, Int64(k), weightBase, Int64(s.outChannels), bias,
                                               result + firstRow * s.outWidth, Int64(s.outWidth), Int64(phaseW), Int64(outPlane),
                                               0, Int64(rows * phaseW))
                            }
                        }
                        buffers?.recycle(layout)
                    }
                }
            }
        }
    }

    /// im2col + sgemm: for each group the column matrix is built a band of output rows at a time,
    /// so that a 9×9 kernel at 512² stays within a few megabytes; OpenBLAS threads the product.
    public static func forwardIm2col(
        _ s: Conv2DShape, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let outH = s.outHeight, outW = s.outWidth, pixels = outH * outW
        let cPerGroup = s.inChannels / s.groups, mPerGroup = s.outChannels / s.groups
        let k = cPerGroup * s.kernelHeight * s.kernelWidth
        if cPerGroup == 1 && mPerGroup == 1 {
            depthwise(s, input: input, weights: weights, bias: bias, output: output)
            return
        }
        let pointwise = s.kernelHeight == 1 && s.kernelWidth == 1 && s.strideY == 1 && s.strideX == 1
            && s.padTop == 0 && s.padLeft == 0 && s.padBottom == 0 && s.padRight == 0
        let bandRows = max(1, min(outH, columnBudget / max(1, k * outW)))
        var columns = pointwise ? [] : [Float](repeating: 0, count: k * bandRows * outW)
        for n in 0..<s.batch {
            let image = input + n * s.inChannels * s.height * s.width
            let result = output + n * s.outChannels * pixels
            for g in 0..<s.groups {
                let groupInput = image + g * cPerGroup * s.height * s.width
                let groupWeights = weights + g * mPerGroup * k
                let groupOutput = result + g * mPerGroup * pixels
                if pointwise {
                    BLAS.matmul(groupWeights, groupInput, groupOutput, m: mPerGroup, n: pixels, k: k)
                    continue
                }
                var row0 = 0
                while row0 < outH {
                    let rows = min(bandRows, outH - row0)
                    let bandPixels = rows * outW
                    columns.withUnsafeMutableBufferPointer { col in
                        guard let colBase = col.baseAddress else { return }
                        im2col(s, channels: cPerGroup, input: groupInput, firstRow: row0, rows: rows, columns: colBase)
                        BLAS.matmul(groupWeights, colBase, groupOutput + row0 * outW,
                                    m: mPerGroup, n: bandPixels, k: k, ldb: bandPixels, ldc: pixels)
                    }
                    row0 += rows
                }
            }
            if let bias {
                for m in 0..<s.outChannels {
                    let b = bias[m]
                    let plane = result + m * pixels
                    for i in 0..<pixels { plane[i] += b }
                }
            }
        }
    }

    /// Fills `columns[K × rows·outW]` for output rows `firstRow..<firstRow+rows`.
    static func im2col(_ s: Conv2DShape, channels: Int, input: UnsafePointer<Float>,
                       firstRow: Int, rows: Int, columns: UnsafeMutablePointer<Float>) {
        let outW = s.outWidth, bandPixels = rows * outW
        var r = 0
        for c in 0..<channels {
            let plane = input + c * s.height * s.width
            for ky in 0..<s.kernelHeight {
                for kx in 0..<s.kernelWidth {
                    let dest = columns + r * bandPixels
                    r += 1
                    let xOffset = kx * s.dilationX - s.padLeft
                    // Output columns whose input column lies inside the image: ox*stride + xOffset in [0, width).
                    let first = xOffset >= 0 ? 0 : (-xOffset + s.strideX - 1) / s.strideX
                    let last = min(outW, (s.width - 1 - xOffset) >= 0 ? (s.width - 1 - xOffset) / s.strideX + 1 : 0)
                    for oyBand in 0..<rows {
                        let iy = (firstRow + oyBand) * s.strideY + ky * s.dilationY - s.padTop
                        let out = dest + oyBand * outW
                        if iy < 0 || iy >= s.height || first >= last {
                            out.update(repeating: 0, count: outW)
                            continue
                        }
                        if first > 0 { out.update(repeating: 0, count: first) }
                        let src = plane + iy * s.width + xOffset
                        if s.strideX == 1 {
                            (out + first).update(from: src + first, count: last - first)
                        } else {
                            for ox in first..<last { out[ox] = src[ox * s.strideX] }
                        }
                        if last < outW { (out + last).update(repeating: 0, count: outW - last) }
                    }
                }
            }
        }
    }

    /// One input channel per output channel (MobileNet's depthwise layers): a direct loop,
    /// since sgemm with one output row would waste the column matrix.
    static func depthwise(_ s: Conv2DShape, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                          bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        let outH = s.outHeight, outW = s.outWidth, taps = s.kernelHeight * s.kernelWidth
        for n in 0..<s.batch {
            for c in 0..<s.outChannels {
                let plane = input + (n * s.inChannels + c) * s.height * s.width
                let out = output + (n * s.outChannels + c) * outH * outW
                let w = weights + c * taps
                let b = bias?[c] ?? 0
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = b
                        for ky in 0..<s.kernelHeight {
                            let iy = oy * s.strideY + ky * s.dilationY - s.padTop
                            if iy < 0 || iy >= s.height { continue }
                            let row = plane + iy * s.width
                            for kx in 0..<s.kernelWidth {
                                let ix = ox * s.strideX + kx * s.dilationX - s.padLeft
                                if ix < 0 || ix >= s.width { continue }
                                sum += row[ix] * w[ky * s.kernelWidth + kx]
                            }
                        }
                        out[oy * outW + ox] = sum
                    }
                }
            }
        }
    }
}
