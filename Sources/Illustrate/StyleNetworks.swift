import Foundation
import ModelFormats
import Models

/// multistyle26 (Dumoulin et al., conditional instance normalisation): an NCHW image and 26
/// style weights in, the stylised image out. Fed as the reference package feeds it: values in
/// 0…1, reflect-padded to a multiple of 4 (the network downsamples twice by 2), cropped after.
public final class MultiStyleNetwork: Sendable {
    let graph: ONNXGraph
    public static let minimumSide = 32

    public init(path: String) throws {
        graph = try ONNXGraph(path: path)
        guard graph.inputNames.contains("image"), graph.inputNames.contains("style_weights"), graph.outputNames.count == 1 else {
            throw ONNXError("\(path): not the multistyle26 network (inputs \(graph.inputNames))")
        }
    }

    public func stylize(_ image: PlanarImage, weights: [Float]) throws -> PlanarImage {
        guard weights.count == StyleTable.styleCount else { throw ONNXError("style weights must have \(StyleTable.styleCount) values") }
        guard min(image.width, image.height) >= Self.minimumSide else {
            throw ONNXError("image is too small (\(image.width)×\(image.height)); both sides need at least \(Self.minimumSide) pixels")
        }
        let padded = image.reflectPadded(width: (image.width + 3) / 4 * 4, height: (image.height + 3) / 4 * 4)
        let outputs = try graph.run([
            "image": ONNXTensor(shape: [1, 3, padded.height, padded.width], floats: padded.values),
            "style_weights": ONNXTensor(shape: [StyleTable.styleCount], floats: weights),
        ])
        guard let name = graph.outputNames.first, let out = outputs[name], out.shape == [1, 3, padded.height, padded.width] else {
            throw ONNXError("multistyle26 returned an unexpected shape")
        }
        return PlanarImage(width: padded.width, height: padded.height, values: out.floats)
            .cropped(x: 0, y: 0, width: image.width, height: image.height)
    }

    /// Large images in overlapping tiles, feathered across the overlap so that the per-tile
    /// instance-normalisation statistics do not leave seams. Up to 768 a side is one pass (the
    /// default 768×512 in two 512² tiles took a third longer, for pixels computed twice).
    /// `tileDone(done, total)` is called after each tile; it may throw (e.g. `CancellationError`) to stop between tiles.
    public func stylizeTiled(_ image: PlanarImage, weights: [Float], tile: Int = 768, overlap: Int = 64,
                             tileDone: (Int, Int) throws -> Void = { _, _ in }) throws -> PlanarImage {
        if image.width <= tile && image.height <= tile {
            let out = try stylize(image, weights: weights)
            try tileDone(1, 1)
            return out
        }
        func starts(_ size: Int) -> [Int] {
            if size <= tile { return [0] }
            var s: [Int] = []
            var p = 0
            while p + tile < size { s.append(p); p += tile - overlap }
            s.append(size - tile)
            return s
        }
        var sum = [Float](repeating: 0, count: image.values.count)
        var weightSum = [Float](repeating: 0, count: image.width * image.height)
        let plane = image.width * image.height
        let rows = starts(image.height), columns = starts(image.width)
        var done = 0
        for y0 in rows {
            for x0 in columns {
                let tw = min(tile, image.width), th = min(tile, image.height)
                let out = try stylize(image.cropped(x: x0, y: y0, width: tw, height: th), weights: weights)
                for y in 0..<th {
                    let wy = feather(y, size: th, atStart: y0 == 0, atEnd: y0 + th == image.height, overlap: overlap)
                    for x in 0..<tw {
                        let wx = feather(x, size: tw, atStart: x0 == 0, atEnd: x0 + tw == image.width, overlap: overlap)
                        let weight = wx * wy, i = (y0 + y) * image.width + x0 + x
                        weightSum[i] += weight
                        for c in 0..<3 { sum[c * plane + i] += weight * out.values[c * th * tw + y * tw + x] }
                    }
                }
                done += 1
                try tileDone(done, rows.count * columns.count)
            }
        }
        for i in 0..<plane { for c in 0..<3 { sum[c * plane + i] /= max(weightSum[i], 1e-6) } }
        return PlanarImage(width: image.width, height: image.height, values: sum)
    }

    func feather(_ i: Int, size: Int, atStart: Bool, atEnd: Bool, overlap: Int) -> Float {
        var w: Float = 1
        if !atStart { w = min(w, Float(i + 1) / Float(overlap + 1)) }
        if !atEnd { w = min(w, Float(size - i) / Float(overlap + 1)) }
        return w
    }
}

/// The arbitrary-style pair (Ghiasi et al.): a 256² style image → a 100-number style vector;
/// a 384² content image and that vector → the stylised image. Both NHWC, int8 QDQ.
public final class ArbitraryStyleNetworks: Sendable {
    let predictor: ONNXGraph
    let transformer: ONNXGraph
    public static let styleSide = 256
    public static let contentSide = 384

    public init(predictPath: String, transformPath: String) throws {
        predictor = try ONNXGraph(path: predictPath)
        transformer = try ONNXGraph(path: transformPath)
        guard predictor.inputNames.count == 1, transformer.inputNames.count == 2 else {
            throw ONNXError("\(predictPath), \(transformPath): not the arbitrary style networks")
        }
    }

    /// The centre square of `style`, resized to 256², encoded.
    public func styleVector(_ style: PlanarImage) throws -> [Float] {
        let side = min(style.width, style.height)
        let square = style.cropped(x: (style.width - side) / 2, y: (style.height - side) / 2, width: side, height: side)
            .resized(width: Self.styleSide, height: Self.styleSide)
        let out = try predictor.run([predictor.inputNames[0]: ONNXTensor(shape: [1, Self.styleSide, Self.styleSide, 3], floats: square.interleaved)])
        guard let name = predictor.outputNames.first, let v = out[name], v.count == 100 else { throw ONNXError("style predictor returned an unexpected shape") }
        return v.floats
    }

    /// The content scaled to 384 on its longer side, reflect-padded to 384², transformed,
    /// cropped and scaled back to its size.
    public func stylize(_ content: PlanarImage, styleVector: [Float]) throws -> PlanarImage {
        let side = Self.contentSide
        let scale = Float(side) / Float(max(content.width, content.height))
        let sw = max(1, min(side, Int((Float(content.width) * scale).rounded()))), sh = max(1, min(side, Int((Float(content.height) * scale).rounded())))
        let small = content.resized(width: sw, height: sh).reflectPadded(width: side, height: side)
        let out = try transformer.run([
            transformer.inputNames[0]: ONNXTensor(shape: [1, side, side, 3], floats: small.interleaved),
            transformer.inputNames[1]: ONNXTensor(shape: [1, 1, 1, 100], floats: styleVector),
        ])
        guard let name = transformer.outputNames.first, let y = out[name], y.shape == [1, side, side, 3] else {
            throw ONNXError("style transformer returned an unexpected shape")
        }
        return PlanarImage(interleaved: y.floats, width: side, height: side)
            .cropped(x: 0, y: 0, width: sw, height: sh)
            .resized(width: content.width, height: content.height)
    }
}

extension PlanarImage {
    /// Extended to the right and bottom by mirroring (repeatedly, so any size works).
    public func reflectPadded(width newWidth: Int, height newHeight: Int) -> PlanarImage {
        if newWidth == width && newHeight == height { return self }
        func mirror(_ i: Int, _ n: Int) -> Int {
            if n == 1 { return 0 }
            let period = 2 * (n - 1)
            let j = i % period
            return j < n ? j : period - j
        }
        var out = PlanarImage(width: newWidth, height: newHeight)
        for c in 0..<3 {
            for y in 0..<newHeight {
                let sy = mirror(y, height)
                for x in 0..<newWidth {
                    out.values[c * newWidth * newHeight + y * newWidth + x] = values[c * width * height + sy * width + mirror(x, width)]
                }
            }
        }
        return out
    }
}
