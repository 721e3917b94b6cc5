#!/usr/bin/env python3
"""Blind judgement of two rewrite runs on the same rows (evaluate_selections.py output), in two steps.

    python3 Scripts/restyle/blind_rows.py make  --runs DIR --set sel-test --judge-dir J --key-dir K [--seed 11]
    python3 Scripts/restyle/blind_rows.py score --key-dir K --verdicts J/verdicts.jsonl

`make` shuffles the rows of both systems together into J/rows.jsonl (row id, style, style description, source,
output — no system name) and writes the key (row id → system, style, kind, item id) to K, a folder the judge is
never shown. `score` joins the judge's verdicts with the key: good rates per system, style and kind."""
import argparse, collections, json, pathlib, random

STYLES = {
    "formal": "formal, professional English: no slang, chat abbreviations or casual filler",
    "casual": "casual, friendly, conversational English",
    "polite": "polite and courteous: demands turned into requests, no rudeness or blame, every request kept",
    "concise": "concise: noticeably shorter, filler and repetition removed, every fact kept",
    "neutral": "neutral and respectful: no insults, profanity or hostility, the factual complaint kept",
    "plain": "plain English for a general reader: short sentences, common words, no jargon or legalese",
}


def make(args):
    runs = pathlib.Path(args.runs)
    rows = []
    for style in STYLES:
        for system, suffix in (("new", ""), ("old", "-old")):
            path = runs / f"{args.set}-{style}{suffix}.jsonl"
            if not path.exists(): continue
            for line in path.read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                rows.append({"system": system, "style": style, "kind": r["kind"], "id": r["id"],
                             "source": r["source"], "output": r["text"]})
    random.Random(args.seed).shuffle(rows)
    judge, key = pathlib.Path(args.judge_dir), pathlib.Path(args.key_dir)
    judge.mkdir(parents=True, exist_ok=True); key.mkdir(parents=True, exist_ok=True)
    with open(judge / "rows.jsonl", "w", encoding="utf-8") as f, open(key / "key.jsonl", "w", encoding="utf-8") as k:
        for number, r in enumerate(rows, 1):
            f.write(json.dumps({"row": number, "style": r["style"], "style_description": STYLES[r["style"]],
                                "source": r["source"], "output": r["output"]}, ensure_ascii=False) + "\n")
            k.write(json.dumps({"row": number, "system": r["system"], "style": r["style"], "kind": r["kind"],
                                "id": r["id"]}) + "\n")
    print(f"{len(rows)} rows → {judge / 'rows.jsonl'}; key in {key}")


def score(args):
    key = {r["row"]: r for r in map(json.loads, pathlib.Path(args.key_dir, "key.jsonl").read_text().splitlines())}
    verdicts = [json.loads(l) for l in pathlib.Path(args.verdicts).read_text().splitlines() if l.strip()]
    table = collections.defaultdict(lambda: [0, 0])
    for v in verdicts:
        k = key[v["row"]]
        for group in [(k["system"], "all", "all"), (k["system"], k["style"], "all"), (k["system"], "all", k["kind"]),
                      (k["system"], k["style"], k["kind"])]:
            table[group][0] += bool(v["good"]); table[group][1] += 1
    print("| system | style | kind | good | rate |\n|---|---|---|---|---|")
    for group in sorted(table):
        good, n = table[group]
        print(f"| {group[0]} | {group[1]} | {group[2]} | {good}/{n} | {100 * good / n:.0f}% |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make"); m.add_argument("--runs", required=True); m.add_argument("--set", default="sel-test")
    m.add_argument("--judge-dir", required=True); m.add_argument("--key-dir", required=True); m.add_argument("--seed", type=int, default=11)
    s = sub.add_parser("score"); s.add_argument("--key-dir", required=True); s.add_argument("--verdicts", required=True)
    args = parser.parse_args()
    make(args) if args.command == "make" else score(args)
