import CRsvg
import Foundation

/// openclipart's SVGs drawn by librsvg (through cairo) at the size a picture needs, so a subject stays
/// crisp at 768×512 and larger where the 256-pixel PNGs blur.
enum SVGRasterizer {
    /// Files above this size are not parsed (a few openclipart SVGs are embedded photographs of megabytes).
    static let maximumFileBytes = 4 << 20
    /// Longest side rendered.
    static let maximumSide = 4096

    /// The SVG at `path` rendered so that its whole canvas is `height` pixels high (width by its aspect), as
    /// straight-alpha RGBA; nil when the file is missing, too large, not an SVG librsvg can draw, or has no size.
    static func render(path: String, height: Int) -> RGBAImage? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue, size > 0, size <= maximumFileBytes,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var error: UnsafeMutablePointer<GError>?
        let handle: OpaquePointer? = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: guint8.self).baseAddress else { return nil }
            return OpaquePointer(rsvg_handle_new_from_data(base, gsize(raw.count), &error))
        }
        if let error { g_error_free(error) }
        guard let handle else { return nil }
        defer { g_object_unref(gpointer(handle)) }
        var intrinsicWidth: Double = 0, intrinsicHeight: Double = 0
        let rsvgHandle = UnsafeMutablePointer<RsvgHandle>(handle)
        guard rsvg_handle_get_intrinsic_size_in_pixels(rsvgHandle, &intrinsicWidth, &intrinsicHeight) != 0,
              intrinsicWidth > 0, intrinsicHeight > 0, intrinsicWidth.isFinite, intrinsicHeight.isFinite else { return nil }
        let outHeight = min(max(1, height), maximumSide)
        let outWidth = min(max(1, Int((Double(outHeight) * intrinsicWidth / intrinsicHeight).rounded())), maximumSide)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(outWidth), Int32(outHeight)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else { return nil }
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(outWidth), height: Double(outHeight))
        var renderError: UnsafeMutablePointer<GError>?
        let drawn = rsvg_handle_render_document(rsvgHandle, cairo, &viewport, &renderError)
        if let renderError { g_error_free(renderError) }
        cairo_destroy(cairo)
        guard drawn != 0 else { return nil }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // Cairo's ARGB32: premultiplied, one native-endian UInt32 a pixel (B, G, R, A bytes on little-endian).
        var pixels = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        for y in 0..<outHeight {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<outWidth {
                let argb = row.load(fromByteOffset: x * 4, as: UInt32.self)
                let a = UInt32(argb >> 24)
                guard a > 0 else { continue }
                func straight(_ c: UInt32) -> UInt8 { UInt8(min(255, (c * 255 + a / 2) / a)) }
                let i = (y * outWidth + x) * 4
                pixels[i] = straight(argb >> 16 & 0xFF)
                pixels[i + 1] = straight(argb >> 8 & 0xFF)
                pixels[i + 2] = straight(argb & 0xFF)
                pixels[i + 3] = UInt8(a)
            }
        }
        return RGBAImage(width: outWidth, height: outHeight, pixels: pixels)
    }
}
