/// Padding of NCHW planes. `reflect` mirrors about the edge pixel without repeating it
/// (numpy's and ONNX's `reflect`), so each pad must be smaller than the side it mirrors.
public enum ImagePad {
    public static func reflect(
        _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
        top: Int, left: Int, bottom: Int, right: Int, output: UnsafeMutablePointer<Float>
    ) {
        let outH = height + top + bottom, outW = width + left + right
        let sourceX = (0..<outW).map { reflectIndex($0 - left, count: width) }
        for p in 0..<planes {
            let src = input + p * height * width
            let dst = output + p * outH * outW
            for oy in 0..<outH {
                let row = src + reflectIndex(oy - top, count: height) * width
                let out = dst + oy * outW
                (out + left).update(from: row, count: width)
                for ox in 0..<left { out[ox] = row[sourceX[ox]] }
                for ox in (left + width)..<outW { out[ox] = row[sourceX[ox]] }
            }
        }
    }

    /// Constant padding (the value fills the border).
    public static func constant(
        _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
        top: Int, left: Int, bottom: Int, right: Int, value: Float, output: UnsafeMutablePointer<Float>
    ) {
        let outH = height + top + bottom, outW = width + left + right
        output.update(repeating: value, count: planes * outH * outW)
        for p in 0..<planes {
            for y in 0..<height {
                (output + p * outH * outW + (y + top) * outW + left).update(from: input + p * height * width + y * width, count: width)
            }
        }
    }

    /// Index into `0..<count` for position `i` mirrored at both ends; valid for `-count < i < 2·count - 1`.
    @inlinable public static func reflectIndex(_ i: Int, count: Int) -> Int {
        if count == 1 { return 0 }
        var j = i
        if j < 0 { j = -j }
        if j >= count { j = 2 * (count - 1) - j }
        return j
    }
}
