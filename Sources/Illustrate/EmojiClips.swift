import Foundation
import Models

/// The second clip source, for subjects openclipart lacks (a tractor, a kite, an astronaut, a robot): the
/// colour emoji of Debian's `fonts-noto-color-emoji` (Noto Color Emoji, images under Apache-2.0), named by
/// Unicode's `emoji-test.txt` (Debian `unicode-data`). `build` extracts each emoji that shows a thing —
/// animals, plants, food, places, vehicles, objects, people and their roles; not faces, hands, symbols or
/// flags — into `emoji-index/png/` as the font's own PNG (about 136×128 pixels) and indexes the names in the
/// `ClipArtIndex` format, so retrieval is the same; the composer asks it only when no clip art fits.
public enum EmojiClips {
    public static let folderName = "emoji-index"
    public static let fontPath = EmojiFont.debianPath
    public static let namesPath = "/usr/share/unicode/emoji/emoji-test.txt"
    /// Written into the PNG's Credits chunk and reported when an emoji is drawn.
    public static let credit = "emoji: Noto Color Emoji (Google, Apache-2.0)"

    /// Groups of emoji-test.txt whose emoji show things, and the subgroups among them that do not.
    static let groups: Set<String> = ["People & Body", "Animals & Nature", "Food & Drink", "Travel & Places", "Activities", "Objects"]
    static let skippedSubgroups: Set<String> = [
        "hand-fingers-open", "hand-fingers-partial", "hand-single-finger", "hand-fingers-closed", "hands", "hand-prop",
        "body-parts", "person-gesture", "family", "person-symbol", "place-map", "time", "award-medal", "sky & weather",
    ]
    /// Subgroups where some emoji are whole scenes on a square tile (a sunrise, a cityscape, a bridge at night).
    static let sceneSubgroups: Set<String> = ["place-geographic", "place-other", "event"]

    public static func isInstalled() -> Bool {
        FileManager.default.fileExists(atPath: fontPath) && FileManager.default.fileExists(atPath: namesPath)
    }

    /// An emoji to index: its code points and its name ("1F9D1 200D 1F680", "astronaut").
    struct Named: Equatable {
        let scalars: [UInt32]
        let name: String
        let subgroup: String
    }

    /// The fully-qualified emoji of the kept groups, without skin-tone and hair variants, each name once.
    static func names(inTestFile text: String) -> [Named] {
        var group = "", subgroup = ""
        var seen = Set<String>()
        var result: [Named] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# group: ") { group = String(line.dropFirst(9)); continue }
            if line.hasPrefix("# subgroup: ") { subgroup = String(line.dropFirst(12)); continue }
            guard groups.contains(group), !skippedSubgroups.contains(subgroup), !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: ";", maxSplits: 1)
            guard fields.count == 2, fields[1].contains("fully-qualified"), !fields[1].contains("unqualified"),
                  let hash = fields[1].firstIndex(of: "#") else { continue }
            let scalars = fields[0].split(separator: " ").compactMap { UInt32($0, radix: 16) }
            guard !scalars.isEmpty, !scalars.contains(where: { (0x1F3FB...0x1F3FF).contains($0) || (0x1F9B0...0x1F9B3).contains($0) }) else { continue }
            // "# 🧑‍🚀 E12.1 astronaut": the name follows the version.
            let comment = fields[1][fields[1].index(after: hash)...].split(separator: " ")
            guard let version = comment.firstIndex(where: { $0.hasPrefix("E") && $0.dropFirst().first?.isNumber == true }) else { continue }
            let name = comment[comment.index(after: version)...].joined(separator: " ").lowercased()
            guard !name.isEmpty, seen.insert(name).inserted else { continue }
            result.append(Named(scalars: scalars, name: name, subgroup: subgroup))
        }
        return result
    }

    /// Extracts the emoji and indexes their names into `emoji-index/` in the model folder; returns how many.
    public static func build(encoder: SentenceEncoder, modelsDirectory: URL, progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        guard let text = FileManager.default.contents(atPath: namesPath) else {
            throw IllustrationError("cannot read \(namesPath) (install unicode-data: make setup)")
        }
        let font = try EmojiFont(path: fontPath)
        let folder = ClipArtIndex.folder(in: modelsDirectory, named: folderName)
        let pngFolder = folder.appendingPathComponent("png")
        try? FileManager.default.removeItem(at: pngFolder)  // no PNGs of an older build left behind
        try FileManager.default.createDirectory(at: pngFolder, withIntermediateDirectories: true)
        var entries: [ClipArtIndex.Entry] = [], sentences: [String] = []
        for emoji in names(inTestFile: String(decoding: text, as: UTF8.self)) {
            guard let glyph = font.glyph(for: emoji.scalars), let png = font.png(glyph: glyph) else { continue }
            if sceneSubgroups.contains(emoji.subgroup), isTile(png) { continue }
            let file = emoji.scalars.filter { $0 != 0xFE0F }.map { String($0, radix: 16) }.joined(separator: "-") + ".png"
            try Data(png).write(to: pngFolder.appendingPathComponent(file))
            // The subgroup ("animal-mammal", "transport-ground") helps the encoder, but is kept out of the keywords
            // that `ClipArtIndex.search` matches head nouns against ("building" is no house).
            entries.append(ClipArtIndex.Entry(path: file, title: emoji.name, keywords: []))
            sentences.append("\(emoji.name). \(emoji.subgroup.replacingOccurrences(of: "-", with: " "))")
        }
        guard !entries.isEmpty else { throw IllustrationError("\(fontPath) gave no emoji") }
        // The root is relative to the index folder, so the model folder can move.
        try ClipArtIndex.write(entries: entries, sentences: sentences, root: "png", encoder: encoder, folder: folder, progress: progress)
        return entries.count
    }

    /// A picture that fills a square (its border opaque once cropped to its opaque pixels): a scene, not a thing.
    static func isTile(_ png: [UInt8]) -> Bool {
        guard let (width, height, pixels) = try? PNGReader.decode(png, channels: 4) else { return true }
        let image = RGBAImage(width: width, height: height, pixels: pixels)
        guard let bounds = image.opaqueBounds() else { return true }
        let aspect = Float(bounds.width) / Float(bounds.height)
        return (0.85...1.18).contains(aspect) && image.cropped(bounds).transparentBorderFraction < 0.15
    }

    /// Whether an emoji stands for `subject`: its own noun phrase (the name before "with", "and" or ":") is the
    /// subject's name or ends in the subject's head noun ("fire engine", "two-hump camel" for a camel; not "closed
    /// mailbox with raised flag" for a flag), or names the head of a one-word compound (a raincoat is a coat, a
    /// hummingbird a bird; a spaceship is no ship). Similarity alone is not enough: short emoji names sit close
    /// to related things (an ant to an antelope, a jellyfish to a goldfish, a rock to a stone bridge).
    static func stands(_ match: ClipArtIndex.Match, for subject: ScenePlan.Subject) -> Bool {
        var title = match.entry.title.lowercased()
        for separator in [":", " with ", " and "] { if let cut = title.range(of: separator) { title = String(title[..<cut.lowerBound]) } }
        let name = subject.name.lowercased(), head = subject.head.lowercased()
        if ClipArtIndex.headMisleads.contains(where: { name.hasSuffix($0) }) { return title.hasSuffix(name) }
        let last = title.split { $0 == " " || $0 == "-" }.last.map(String.init) ?? title
        if title == name || title.hasSuffix(" " + name) || last == head || last == head + "s" || last == head + "es" { return true }
        return head.count > last.count && last.count >= 4 && head.hasSuffix(last) && !compoundsOfAnotherKind.contains(head)
    }

    /// One-word compounds whose last part is another kind of thing.
    static let compoundsOfAnotherKind: Set<String> = [
        "spaceship", "starship", "airship", "pineapple", "butterfly", "dragonfly", "firefly", "ladybird", "blackboard", "chalkboard",
        "cupboard", "keyboard", "cardboard", "skateboard", "surfboard", "snowboard",
    ]
}
