import Foundation
import TensorMath
import Testing

/// The implicit-im2col convolution against a plain loop in double precision, over the geometries that
/// exercise its layout: strides 1–3 (phase split), dilation, zero and reflect padding, kernels wider
/// than the image's remainder, output channels not a multiple of 4, batches, blocks of 24 pixels that
/// straddle rows or end the image; for each kernel the CPU has, threaded and not.
@Suite(.serialized) struct Conv2DTests {
    struct Case: CustomStringConvertible {
        var shape: Conv2DShape
        var description: String {
            let s = shape
            return "\(s.batch)×\(s.inChannels)×\(s.height)×\(s.width) → \(s.outChannels), \(s.kernelHeight)×\(s.kernelWidth) "
                + "stride \(s.strideY) dilation \(s.dilationY) pads \([s.padTop, s.padLeft, s.padBottom, s.padRight]) reflect \(s.padReflects)"
        }
    }

    static var cases: [Case] {
        func shape(_ n: Int, _ c: Int, _ h: Int, _ w: Int, _ m: Int, _ k: Int, stride: Int = 1, dilation: Int = 1,
                   pads: (Int, Int, Int, Int) = (0, 0, 0, 0), reflect: Bool = false) -> Case {
            var s = Conv2DShape(batch: n, inChannels: c, height: h, width: w, outChannels: m, kernelHeight: k, kernelWidth: k)
            (s.strideY, s.strideX, s.dilationY, s.dilationX) = (stride, stride, dilation, dilation)
            (s.padTop, s.padLeft, s.padBottom, s.padRight) = pads
            s.padReflects = reflect
            return Case(shape: s)
        }
        return [
            shape(1, 3, 20, 29, 32, 9, pads: (4, 4, 4, 4), reflect: true),   // the style networks' first layer
            shape(1, 32, 13, 13, 32, 3, stride: 2, pads: (1, 1, 1, 1), reflect: true),  // their downsampling
            shape(2, 5, 11, 30, 7, 3),                                        // no padding: read in place
            shape(1, 4, 9, 7, 3, 3, stride: 2, pads: (1, 0, 1, 1)),           // uneven zero pads
            shape(1, 2, 17, 16, 5, 3, stride: 3, pads: (2, 2, 0, 1)),
            shape(1, 3, 15, 14, 9, 3, dilation: 2, pads: (2, 2, 2, 2)),
            shape(1, 6, 12, 12, 4, 3, stride: 2, dilation: 2, pads: (1, 3, 2, 0), reflect: true),
            shape(1, 1, 5, 50, 1, 1),                                         // 1×1, one channel
            shape(1, 8, 2, 3, 6, 1, pads: (1, 1, 1, 1)),                      // output smaller than a block
            shape(1, 2, 40, 36, 3, 3, stride: 17),                            // beyond the layout's 16 phases: im2col
        ]
    }

    /// The expected output, in Double, straight from the definition.
    func reference(_ s: Conv2DShape, _ x: [Float], _ w: [Float], _ b: [Float]) -> [Float] {
        let outH = s.outHeight, outW = s.outWidth
        var y = [Float](repeating: 0, count: s.batch * s.outChannels * outH * outW)
        for n in 0..<s.batch {
            for m in 0..<s.outChannels {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = Double(b[m])
                        for c in 0..<s.inChannels {
                            for ky in 0..<s.kernelHeight {
                                for kx in 0..<s.kernelWidth {
                                    var iy = oy * s.strideY + ky * s.dilationY - s.padTop
                                    var ix = ox * s.strideX + kx * s.dilationX - s.padLeft
                                    if s.padReflects {
                                        iy = ImagePad.reflectIndex(iy, count: s.height)
                                        ix = ImagePad.reflectIndex(ix, count: s.width)
                                    } else if iy < 0 || iy >= s.height || ix < 0 || ix >= s.width {
                                        continue
                                    }
                                    let xv = x[((n * s.inChannels + c) * s.height + iy) * s.width + ix]
                                    let wv = w[((m * s.inChannels + c) * s.kernelHeight + ky) * s.kernelWidth + kx]
                                    sum += Double(xv) * Double(wv)
                                }
                            }
                        }
                        y[((n * s.outChannels + m) * outH + oy) * outW + ox] = Float(sum)
                    }
                }
            }
        }
        return y
    }

    @Test(arguments: cases)
    func matchesTheDefinition(_ testCase: Case) {
        let s = testCase.shape
        #expect(s.problem == nil)
        var random = SeededRandom(seed: UInt64(s.inChannels * 131 + s.width))
        let x = (0..<(s.batch * s.inChannels * s.height * s.width)).map { _ in random.uniform() - 0.5 }
        let w = (0..<(s.outChannels * s.inChannels * s.kernelHeight * s.kernelWidth)).map { _ in random.uniform() - 0.5 }
        let b = (0..<s.outChannels).map { _ in random.uniform() - 0.5 }
        let expected = reference(s, x, w, b)
        let pool = ThreadPool(threadCount: 2)
        defer { Conv2D.capKernel(0) }
        var seen = Set<String>()
        for kernel in [3, 2, 1] {
            Conv2D.capKernel(kernel)
            guard seen.insert(Conv2D.kernelName).inserted else { continue }  // the CPU lacks this one
            for threaded in [false, true] {
                // NaN-filled: every output element must be written.
                var y = [Float](repeating: .nan, count: expected.count)
                Conv2D.forward(s, input: x, weights: w, bias: b, output: &y, pool: threaded ? pool : nil)
                let worst = zip(y, expected).map { abs($0 - $1) }.max() ?? .nan
                #expect(worst < 1e-4, "\(Conv2D.kernelName), threaded \(threaded): max error \(worst)")
            }
        }
        if !s.padReflects {
            var y = [Float](repeating: .nan, count: expected.count)
            Conv2D.forwardIm2col(s, input: x, weights: w, bias: b, output: &y)
            let worst = zip(y, expected).map { abs($0 - $1) }.max() ?? .nan
            #expect(worst < 1e-4, "im2col: max error \(worst)")
        }
    }
}
