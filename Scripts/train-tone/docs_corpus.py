#!/usr/bin/env python3
"""The real-documentation test corpus for the tone rules: Markdown that nobody at Tenor wrote, from
the Debian packages installed on the machine (/usr/share/doc/**/*.md and *.md.gz). Every package's
Markdown except Node.js's, plus Node.js API pages picked by a seeded shuffle until the corpus holds
at least --words words. Never used for training or thresholds (train_tokens.py reads other docs).

    python3 Scripts/train-tone/docs_corpus.py --out /tmp/tone-docs-test          # writes the files
    tenor check --format json /tmp/tone-docs-test > /tmp/tone-docs-test.json
    python3 Scripts/train-tone/docs_corpus.py --out /tmp/tone-docs-test --report /tmp/tone-docs-test.json
"""
import argparse
import glob
import gzip
import json
import os
import random

SEED = 19


def read(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            return f.read()
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/tone-docs-test")
    parser.add_argument("--words", type=int, default=250_000)
    parser.add_argument("--report", help="tenor check --format json output to summarise")
    args = parser.parse_args()
    files = sorted(glob.glob("/usr/share/doc/**/*.md", recursive=True) + glob.glob("/usr/share/doc/**/*.md.gz", recursive=True))
    node = [f for f in files if f.startswith("/usr/share/doc/nodejs/")]
    chosen = [f for f in files if f not in node]
    words = sum(len(read(f).split()) for f in chosen)
    random.Random(SEED).shuffle(node)
    for f in node:
        if words >= args.words:
            break
        chosen.append(f)
        words += len(read(f).split())
    if not args.report:
        os.makedirs(args.out, exist_ok=True)
        for f in chosen:
            name = f[len("/usr/share/doc/"):].replace("/", "__")
            if name.endswith(".gz"):
                name = name[:-3]
            with open(os.path.join(args.out, name), "w", encoding="utf-8") as out:
                out.write(read(f))
        print(f"{len(chosen)} files, {words} words -> {args.out}")
        return
    summarise(args.report, words, len(chosen))


def summarise(report_path, words, files):
    """Prints the tone warnings and errors (what a writer sees; profanity is information) of a `tenor check
    --format json` report over a corpus of `words` words in `files` files, each with its source line."""
    data = json.load(open(report_path))
    warnings = []
    for file in data:
        lines = open(file["path"], encoding="utf-8", errors="replace").read().split("\n")
        for d in file.get("diagnostics", []):
            if d.get("code", "").startswith("tone.") and d.get("severity", 4) <= 2:  # warnings and errors
                line = d["range"]["start"]["line"]
                warnings.append((os.path.basename(file["path"]), d["code"], d["message"], lines[line].strip()[:100]))
    print(f"{words} words in {files} files: {len(warnings)} tone warnings/errors "
          f"({len(warnings) / words * 100_000:.2f} per 100,000 words)")
    for name, code, message, line in warnings:
        print(f"- `{name}` {code}: {message} — line: `{line}`")

if __name__ == "__main__":
    main()
