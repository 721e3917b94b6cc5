/// Nearest-neighbour resizing of NCHW planes with ONNX Resize's `asymmetric` coordinates and
/// `floor` rounding: output pixel `o` reads input pixel `floor(o / scale)`.
public enum ImageResize {
    public static func nearest(
        _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
        scaleY: Float, scaleX: Float, outHeight: Int, outWidth: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        let sourceX = (0..<outWidth).map { min(width - 1, Int((Float($0) / scaleX).rounded(.down))) }
        for p in 0..<planes {
            let src = input + p * height * width
            let dst = output + p * outHeight * outWidth
            for oy in 0..<outHeight {
                let iy = min(height - 1, Int((Float(oy) / scaleY).rounded(.down)))
                let row = src + iy * width
                let out = dst + oy * outWidth
                for ox in 0..<outWidth { out[ox] = row[sourceX[ox]] }
            }
        }
    }
}
