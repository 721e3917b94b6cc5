/// Every style Tenor can paint in, with a short description of its look. The 26 network styles
/// were described by rendering each once on the same clip-art scene (sky, sun, clouds, a
/// lighthouse and a fox on grass; docs/ILLUSTRATE.md) and looking at the result; the last four
/// are image operations of our own (`ImageStyles`). A description's style phrases are matched
/// to these texts by sentence-encoder similarity (`StyleChooser`), so the wording matters:
/// each text names the medium first, then palette, stroke, texture and mood.
public enum StyleCatalog {
    public enum Kind: Sendable, Equatable {
        /// One of multistyle26's 26 conditional instance-normalisation styles.
        case network(Int)
        /// An image operation of ours.
        case operation(ImageStyles.Operation)
    }

    public struct Style: Sendable {
        public let name: String
        public let kind: Kind
        public let description: String
    }

    public static let styles: [Style] = [
        network(0, "soft impressionist painting: pale sky blue and sandy ochre, blurred dabbed brushwork, hazy, calm and sunny"),
        network(1, "bold graphic cartoon: thick black ink outlines with flat lemon yellow and cream fills, comic book, crisp, playful"),
        network(2, "quiet washed drawing: cream and grey tones with dark brown outlines, faded, muted, delicate"),
        network(3, "vivid expressionist painting: electric blue, orange and black swirling strokes, energetic, wild, psychedelic"),
        network(4, "bright impressionist oil painting: sky blue, cream and crimson, small broken dabs of paint, lively summer"),
        network(5, "warm autumn oil painting: orange, slate blue and plum, cross-hatched brush strokes, rich, cosy"),
        network(6, "dark nocturne: navy blue monochrome with bubbly mottled cell texture, eerie, mysterious, night"),
        network(7, "starry night post-impressionist painting: deep ultramarine blue and golden yellow bands, thick swirling paint, dramatic"),
        network(8, "airy pastel crayon sketch: white paper with pink and teal accents, light strokes, fresh, delicate"),
        network(9, "folk textile pattern: teal grey with red and white stitched marks, woven, decorative, cool"),
        network(10, "earthy sepia painting: brown, rust and dusky purple, smooth shading with dark outlines, vintage, rustic"),
        network(11, "golden warm illustration: cream and honey yellow with dark brown outlines, soft shading, sunny, cheerful"),
        network(12, "dreamy soft focus painting: lilac, lavender and golden yellow, blurred glowing blotches, gentle, romantic"),
        network(13, "stained glass mosaic: teal, lime green and mustard with dark leaded outlines, bold hatched texture"),
        network(14, "cool winter painting: icy pale blue and white, smooth clean shading, calm, minimal, wintry"),
        network(15, "cubist collage: lilac, cream, yellow and teal shards with dark hatched outlines, fragmented, abstract"),
        network(16, "blue impressionist pastel: cornflower blue and violet with orange accents, short chalky strokes, soft, hazy"),
        network(17, "abstract geometric grid: red, orange and navy blocks and bars like a Mondrian painting or woven rug, loud"),
        network(18, "sepia woodcut engraving: tan and brown with carved white streaks, rough, antique"),
        network(19, "Van Gogh expressive painting: cobalt blue and golden yellow, dense short textured strokes, turbulent, bold"),
        network(20, "dark red dramatic painting: crimson and black with glowing orange, heavy shadows, gothic, intense, fiery"),
        network(21, "pop art cartoon: pale blue, pink and orange with heavy black blotchy outlines, flat, playful, loud"),
        network(22, "cool modern painting: slate blue, cream and red accents with dark outlines, crisp broken strokes, serious"),
        network(23, "muted grey realism: charcoal grey and sage green with pale cream lights, smooth, quiet, sombre, photographic"),
        network(24, "pale verdigris etching: cream and blue-green with dark cells and hatching, cool, antique, delicate"),
        network(25, "rich ornate mosaic painting: steel blue, amber and charcoal with white-edged dabs, textured"),
        Style(name: "watercolour", kind: .operation(.watercolour),
              description: "watercolor painting: soft translucent watercolour washes on white paper, wet bleeding edges, pale, granulated paper, gentle"),
        Style(name: "pixel-art", kind: .operation(.pixelArt),
              description: "pixel art: blocky retro 8-bit video game sprite, low resolution square pixels, limited palette"),
        Style(name: "ink-sketch", kind: .operation(.inkSketch),
              description: "ink sketch line drawing: black pen and pencil outlines on white paper, hatching, no colour, monochrome"),
        Style(name: "flat-poster", kind: .operation(.flatPoster),
              description: "flat poster: posterised flat colour areas, bold graphic vector screen print, few colours, clean shapes, minimalist"),
    ]

    static func network(_ index: Int, _ description: String) -> Style {
        Style(name: "style-\(index)", kind: .network(index), description: description)
    }

    public static func style(named name: String) -> Style? { styles.first { $0.name == name } }
}
