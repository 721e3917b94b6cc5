import Foundation

/// The colour bitmaps of a CBDT/CBLC font (Debian's `fonts-noto-color-emoji`: NotoColorEmoji.ttf, one strike
/// of about 136×128-pixel PNGs): the PNG drawn for a code point, or for a sequence the font joins into one
/// glyph ("🧑‍🚀" is person, ZWJ, rocket). Read only when the emoji index is built; every offset is checked,
/// so a damaged font gives no glyph rather than a crash.
struct EmojiFont {
    let bytes: [UInt8]
    private let tables: [String: Range<Int>]
    /// Code point → glyph (cmap format 12), read once.
    private let glyphs: [UInt32: Int]
    /// First glyph → its ligatures (component glyphs after the first → ligature glyph), from GSUB lookup type 4.
    private let ligatures: [Int: [([Int], Int)]]

    /// Where Debian installs it.
    static let debianPath = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw IllustrationError("cannot read \(path)") }
        bytes = [UInt8](data)
        var tables: [String: Range<Int>] = [:]
        let count = Self.u16(bytes, 4) ?? 0
        for i in 0..<count {
            let record = 12 + 16 * i
            guard record + 16 <= bytes.count, let offset = Self.u32(bytes, record + 8), let length = Self.u32(bytes, record + 12),
                  offset + length <= bytes.count else { continue }
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = offset..<offset + length
        }
        self.tables = tables
        glyphs = Self.readCmap(bytes, tables["cmap"])
        ligatures = Self.readLigatures(bytes, tables["GSUB"])
        guard tables["CBLC"] != nil, tables["CBDT"] != nil, !glyphs.isEmpty else { throw IllustrationError("\(path) has no colour bitmaps") }
    }

    /// The glyph for a sequence of code points (variation selectors ignored), or nil when the font has none.
    func glyph(for scalars: [UInt32]) -> Int? {
        let components = scalars.filter { $0 != 0xFE0F && $0 != 0xFE0E }.compactMap { glyphs[$0] }
        guard components.count == scalars.filter({ $0 != 0xFE0F && $0 != 0xFE0E }).count, let first = components.first else { return nil }
        if components.count == 1 { return first }
        let rest = Array(components.dropFirst())
        return ligatures[first]?.first { $0.0 == rest }?.1
    }

    /// The PNG bytes of a glyph's bitmap in the largest strike (image formats 17, 18 and 19; index formats 1 and 3).
    func png(glyph: Int) -> [UInt8]? {
        guard let cblc = tables["CBLC"], let cbdt = tables["CBDT"], let strikes = Self.u32(bytes, cblc.lowerBound + 4) else { return nil }
        var best: (ppem: Int, base: Int)?
        for s in 0..<min(strikes, 64) {
            let base = cblc.lowerBound + 8 + 48 * s
            guard base + 48 <= cblc.upperBound else { break }
            let ppem = Int(bytes[base + 44])
            if best == nil || ppem > best?.ppem ?? 0 { best = (ppem, base) }
        }
        guard let strike = best?.base, let arrayOffset = Self.u32(bytes, strike), let subtables = Self.u32(bytes, strike + 8) else { return nil }
        for k in 0..<min(subtables, 4096) {
            let entry = cblc.lowerBound + arrayOffset + 8 * k
            guard entry + 8 <= cblc.upperBound, let first = Self.u16(bytes, entry), let last = Self.u16(bytes, entry + 2),
                  let extra = Self.u32(bytes, entry + 4), (first...max(first, last)).contains(glyph) else { continue }
            let header = cblc.lowerBound + arrayOffset + extra
            guard let indexFormat = Self.u16(bytes, header), let imageFormat = Self.u16(bytes, header + 2),
                  let dataOffset = Self.u32(bytes, header + 4) else { return nil }
            let i = glyph - first
            let range: Range<Int>
            switch indexFormat {
            case 1:
                guard let a = Self.u32(bytes, header + 8 + 4 * i), let b = Self.u32(bytes, header + 12 + 4 * i), a < b else { return nil }
                range = a..<b
            case 3:
                guard let a = Self.u16(bytes, header + 8 + 2 * i), let b = Self.u16(bytes, header + 10 + 2 * i), a < b else { return nil }
                range = a..<b
            default:
                return nil
            }
            let start = cbdt.lowerBound + dataOffset + range.lowerBound
            // Format 17: small metrics (5 bytes), 18: big metrics (8 bytes), 19: none; then a UInt32 length and the PNG.
            let metrics = switch imageFormat { case 17: 5; case 18: 8; case 19: 0; default: -1 }
            guard metrics >= 0, let length = Self.u32(bytes, start + metrics), start + metrics + 4 + length <= cbdt.upperBound else { return nil }
            return Array(bytes[start + metrics + 4..<start + metrics + 4 + length])
        }
        return nil
    }

    // MARK: Tables

    /// cmap subtable format 12 (segmented coverage), the one colour-emoji fonts use for code points above U+FFFF.
    private static func readCmap(_ bytes: [UInt8], _ table: Range<Int>?) -> [UInt32: Int] {
        guard let table, let count = u16(bytes, table.lowerBound + 2) else { return [:] }
        var map: [UInt32: Int] = [:]
        for i in 0..<count {
            let record = table.lowerBound + 4 + 8 * i
            guard let offset = u32(bytes, record + 4), u16(bytes, table.lowerBound + offset) == 12,
                  let groups = u32(bytes, table.lowerBound + offset + 12) else { continue }
            for g in 0..<min(groups, 100_000) {
                let group = table.lowerBound + offset + 16 + 12 * g
                guard let start = u32(bytes, group), let end = u32(bytes, group + 4), let glyph = u32(bytes, group + 8),
                      start <= end, end - start < 0x10000 else { break }
                for c in start...end { map[UInt32(c)] = glyph + (c - start) }
            }
        }
        return map
    }

    /// GSUB ligature substitutions (lookup type 4, or 7 extending to 4): how the font draws ZWJ sequences.
    private static func readLigatures(_ bytes: [UInt8], _ table: Range<Int>?) -> [Int: [([Int], Int)]] {
        guard let table, let listOffset = u16(bytes, table.lowerBound + 8) else { return [:] }
        let list = table.lowerBound + listOffset
        var result: [Int: [([Int], Int)]] = [:]
        for l in 0..<min(u16(bytes, list) ?? 0, 1024) {
            guard let lookupOffset = u16(bytes, list + 2 + 2 * l) else { continue }
            let lookup = list + lookupOffset
            guard var type = u16(bytes, lookup), let subtableCount = u16(bytes, lookup + 4) else { continue }
            for s in 0..<min(subtableCount, 1024) {
                guard let offset = u16(bytes, lookup + 6 + 2 * s) else { continue }
                var subtable = lookup + offset
                if type == 7, let extensionType = u16(bytes, subtable + 2), let extensionOffset = u32(bytes, subtable + 4) {
                    type = extensionType
                    subtable += extensionOffset
                }
                guard type == 4, u16(bytes, subtable) == 1, let coverageOffset = u16(bytes, subtable + 2),
                      let setCount = u16(bytes, subtable + 4) else { continue }
                let firsts = coverage(bytes, subtable + coverageOffset)
                for (k, first) in firsts.enumerated() where k < setCount {
                    guard let setOffset = u16(bytes, subtable + 6 + 2 * k) else { continue }
                    let set = subtable + setOffset
                    for m in 0..<min(u16(bytes, set) ?? 0, 4096) {
                        guard let ligatureOffset = u16(bytes, set + 2 + 2 * m) else { continue }
                        let ligature = set + ligatureOffset
                        guard let glyph = u16(bytes, ligature), let components = u16(bytes, ligature + 2), components >= 2 else { continue }
                        let rest = (1..<components).compactMap { u16(bytes, ligature + 2 + 2 * $0) }
                        if rest.count == components - 1 { result[first, default: []].append((rest, glyph)) }
                    }
                }
            }
        }
        return result
    }

    /// The glyphs of a coverage table, in coverage order.
    private static func coverage(_ bytes: [UInt8], _ offset: Int) -> [Int] {
        guard let format = u16(bytes, offset), let count = u16(bytes, offset + 2) else { return [] }
        if format == 1 { return (0..<count).compactMap { u16(bytes, offset + 4 + 2 * $0) } }
        guard format == 2 else { return [] }
        var glyphs: [Int] = []
        for r in 0..<count {
            guard let start = u16(bytes, offset + 4 + 6 * r), let end = u16(bytes, offset + 6 + 6 * r), start <= end else { continue }
            glyphs += Array(start...end)
        }
        return glyphs
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return Int(bytes[at]) << 8 | Int(bytes[at + 1])
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }
}
