#!/usr/bin/env bash
# Renders the ten acceptance prompts of docs/ILLUSTRATE.md at 768×512 (seed 1) and tiles them,
# numbered, into docs/illustrate-contact-sheet.png (each scaled to 384×256). Needs a built tenor,
# the models and the clip-art index (make setup), and Pillow (pip install pillow) for the tiling.
#   Scripts/illustrate-contact-sheet.sh [TENOR_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
tenor="${1:-.build/release/tenor}"
out="${TMPDIR:-/tmp}/tenor-contact-sheet"
mkdir -p "$out"
prompts=(
    "a red lighthouse on a rocky coast at dusk, watercolor"
    "a red lighthouse on a rocky coast at dusk, pixel art"
    "a red lighthouse on a rocky coast at dusk, ink sketch"
    "a fox in a snowy forest at dawn, ink sketch"
    "a house on a hill at night, pixel art"
    "a sailing boat on the sea with seagulls, bold expressive oil painting"
    "a cat and a dog in a garden, pop art cartoon"
    "a steam train in the mountains, vintage sepia woodcut"
    "a cow and a tractor in a meadow at sunset, flat poster"
    "a penguin on the ice, cool winter painting"
)
i=0
for prompt in "${prompts[@]}"; do
    i=$((i + 1))
    "$tenor" illustrate --seed 1 "$prompt" -o "$out/$i.png"
done
python3 - "$out" "${#prompts[@]}" <<'PY'
import sys
from PIL import Image, ImageDraw
folder, count = sys.argv[1], int(sys.argv[2])
w, h, columns = 384, 256, 2
rows = (count + columns - 1) // columns
sheet = Image.new("RGB", (columns * w, rows * h), "white")
draw = ImageDraw.Draw(sheet)
for k in range(count):
    x, y = (k % columns) * w, (k // columns) * h
    sheet.paste(Image.open(f"{folder}/{k + 1}.png").convert("RGB").resize((w, h), Image.LANCZOS), (x, y))
    draw.text((x + 6, y + 4), str(k + 1), fill="white", stroke_width=2, stroke_fill="black")
sheet.save("docs/illustrate-contact-sheet.png", optimize=True)
PY
ls -l docs/illustrate-contact-sheet.png
