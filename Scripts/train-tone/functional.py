#!/usr/bin/env python3
"""Scores the shipped tone rules on the blind functional test suite (data/tone/functional/cases.jsonl),
through `tenor check` itself: every case becomes a paragraph of one plain-text file, and a case counts
as flagged when any tone diagnostic lies on its line (profanity's information included: the suite
expects aggressive profanity to be flagged).

    python3 Scripts/train-tone/functional.py --tenor .build-tone/release/tenor

Prints per-functionality pass rates (Markdown table) and writes the failures to --failures.
"""
import argparse
import collections
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def expected_flag(case):
    value = case.get("expected")
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("flag", "flagged", "yes", "true", "1", "hateful", "toxic")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenor", default=os.path.join(ROOT, ".build-tone", "release", "tenor"))
    parser.add_argument("--cases", default=os.path.join(ROOT, "data", "tone", "functional", "cases.jsonl"))
    parser.add_argument("--failures", default="/tmp/tone-functional-failures.jsonl")
    args = parser.parse_args()
    cases = [json.loads(line) for line in open(args.cases) if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "cases.txt")
        lines = []
        with open(path, "w") as f:
            for case in cases:
                text = " ".join(case["text"].split())
                lines.append(len(lines) * 2)
                f.write(text + "\n\n")
        out = subprocess.run([args.tenor, "check", "--format", "json", path], capture_output=True, text=True).stdout
    flagged = collections.defaultdict(list)
    for file in json.loads(out or "[]"):
        for d in file.get("diagnostics", []):
            if d.get("code", "").startswith("tone."):
                flagged[d["range"]["start"]["line"] // 2].append(d["code"])
    per = collections.defaultdict(lambda: [0, 0])
    failures = []
    for i, case in enumerate(cases):
        want = expected_flag(case)
        got = bool(flagged.get(i))
        ok = want == got
        per[case["functionality"]][0] += ok
        per[case["functionality"]][1] += 1
        if not ok:
            failures.append({**case, "got": flagged.get(i, [])})
    total_ok = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    print("| functionality | cases | passed |\n| --- | --- | --- |")
    for name, (ok, n) in sorted(per.items()):
        print(f"| {name} | {n} | {ok / n:.0%} |")
    print(f"| **all** | {total} | {total_ok / total:.1%} |")
    with open(args.failures, "w") as f:
        for r in failures:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
