#!/usr/bin/env python3
"""A contact sheet of the pictures of one run: thumbnails in a grid, each captioned with its id.

    pip install pillow   # a dev tool only; Tenor itself does not use Python
    python3 Scripts/illustrate/contact_sheet.py RUN_DIR OUT.png [--set data/illustrate/describe-test.jsonl] [--columns 8]
"""
import argparse, json, pathlib
from PIL import Image, ImageDraw

parser = argparse.ArgumentParser()
parser.add_argument("run"); parser.add_argument("out")
parser.add_argument("--set", default="data/illustrate/describe-test.jsonl")
parser.add_argument("--columns", type=int, default=8)
args = parser.parse_args()
items = [json.loads(l) for l in open(args.set, encoding="utf-8") if l.strip()]
w, h, caption = 192, 128, 14
rows = (len(items) + args.columns - 1) // args.columns
sheet = Image.new("RGB", (args.columns * w, rows * (h + caption)), "white")
draw = ImageDraw.Draw(sheet)
for index, item in enumerate(items):
    x, y = (index % args.columns) * w, (index // args.columns) * (h + caption)
    path = pathlib.Path(args.run) / f"{item['id']}.png"
    if path.exists():
        sheet.paste(Image.open(path).convert("RGB").resize((w, h)), (x, y))
    draw.text((x + 3, y + h), item["id"], fill="black")
sheet.quantize(128).save(args.out, optimize=True)  # a palette keeps the file small
print(f"{len(items)} pictures → {args.out}")
