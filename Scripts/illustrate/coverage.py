#!/usr/bin/env python3
"""Which clip source draws each subject of a plan set: openclipart, emoji, or none (a labelled card).

usage: coverage.py SET.jsonl [SET.jsonl ...] [--tenor .build/release/tenor]

Every distinct expected subject name (the `name` of each subject of each row) is drawn alone, as
`tenor illustrate "a NAME" --size 96x64 --style pixel-art --no-cache`, and the command's report says
what it found: a clip, an emoji ("(emoji)" after the title) or none ("no clip for"). Run it once as it
is and once with TENOR_MODELS_DIR pointing at a model folder without emoji-index/ to compare
openclipart alone with openclipart and emoji.
"""
import argparse
import json
import os
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--tenor", default=".build/release/tenor")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    names = []
    for path in args.sets:
        for line in open(path):
            if line.strip():
                for subject in json.loads(line)["subjects"]:
                    if subject["name"] not in names:
                        names.append(subject["name"])
    counts = {"openclipart": 0, "emoji": 0, "none": 0}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            out = os.path.join(folder, "x.png")
            done = subprocess.run(["nice", "-n", "5", args.tenor, "illustrate", f"a {name}", "-o", out, "--size", "96x64",
                                   "--style", "pixel-art", "--no-cache"], capture_output=True, text=True)
            report = next((l for l in done.stderr.splitlines() if "wrote " in l), "")
            if "no clip for" in report or "no clip art" in report or not report:
                source = "none"
            elif "(emoji)" in report:
                source = "emoji"
            else:
                source = "openclipart"
            counts[source] += 1
            if args.verbose:
                print(f"{source:12} {name:24} {report[report.find('clip art'):] if 'clip art' in report else report[-60:]}")
    total = len(names)
    print(f"{total} subject names: openclipart {counts['openclipart']}, emoji {counts['emoji']}, none {counts['none']}"
          f" (covered {counts['openclipart'] + counts['emoji']}/{total} = {100 * (counts['openclipart'] + counts['emoji']) / max(total, 1):.0f}%)")


if __name__ == "__main__":
    main()
