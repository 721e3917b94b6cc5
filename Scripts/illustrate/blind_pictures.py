#!/usr/bin/env python3
"""Blind judgement of pictures from two Illustrate pipelines on the same descriptions, in two steps.

    python3 Scripts/illustrate/blind_pictures.py make  --set data/illustrate/describe-test.jsonl \
        --runs new=DIR_A old=DIR_B --judge-dir J --key-dir K [--seed 11]
    python3 Scripts/illustrate/blind_pictures.py score --key-dir K --verdicts J/verdicts.jsonl

Each run folder holds ID.png per description. `make` copies every picture to J/images/NNN.png in a shuffled
order and writes J/rows.jsonl (row, description, image) — no system name, no clip-art report — and the key
(row → system, id) to K, which the judge never sees. `score` joins the verdicts (row, subjects, setting,
style: true/false) with the key: rates per system."""
import argparse, collections, json, pathlib, random, shutil


def make(args):
    items = [json.loads(l) for l in open(args.set, encoding="utf-8") if l.strip()]
    runs = dict(r.split("=", 1) for r in args.runs)
    rows = [(system, item) for system in runs for item in items if (pathlib.Path(runs[system]) / f"{item['id']}.png").exists()]
    random.Random(args.seed).shuffle(rows)
    judge, key = pathlib.Path(args.judge_dir), pathlib.Path(args.key_dir)
    (judge / "images").mkdir(parents=True, exist_ok=True); key.mkdir(parents=True, exist_ok=True)
    with open(judge / "rows.jsonl", "w", encoding="utf-8") as f, open(key / "key.jsonl", "w", encoding="utf-8") as k:
        for number, (system, item) in enumerate(rows, 1):
            image = judge / "images" / f"{number:03d}.png"
            shutil.copy(pathlib.Path(runs[system]) / f"{item['id']}.png", image)
            f.write(json.dumps({"row": number, "description": item["description"], "image": str(image)}) + "\n")
            k.write(json.dumps({"row": number, "system": system, "id": item["id"]}) + "\n")
    print(f"{len(rows)} rows")


def score(args):
    key = {json.loads(l)["row"]: json.loads(l) for l in open(pathlib.Path(args.key_dir) / "key.jsonl")}
    totals = collections.defaultdict(collections.Counter)
    for line in open(args.verdicts):
        v = json.loads(line)
        system = key[v["row"]]["system"]
        totals[system]["rows"] += 1
        for field in ("subjects", "setting", "style"):
            totals[system][field] += bool(v.get(field))
        totals[system]["all"] += all(bool(v.get(f)) for f in ("subjects", "setting", "style"))
    for system, t in sorted(totals.items()):
        n = t["rows"]
        print(f"{system}: {n} pictures; subjects {t['subjects']}/{n} ({100*t['subjects']/n:.0f}%), setting and time "
              f"{t['setting']}/{n} ({100*t['setting']/n:.0f}%), style {t['style']}/{n} ({100*t['style']/n:.0f}%), all three {t['all']}/{n}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make"); m.add_argument("--set", required=True); m.add_argument("--runs", nargs="+", required=True)
    m.add_argument("--judge-dir", required=True); m.add_argument("--key-dir", required=True); m.add_argument("--seed", type=int, default=11)
    s = sub.add_parser("score"); s.add_argument("--key-dir", required=True); s.add_argument("--verdicts", required=True)
    args = parser.parse_args()
    make(args) if args.command == "make" else score(args)
