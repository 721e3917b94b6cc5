#!/usr/bin/env python3
"""Issue 19's acceptance figures from finetune_top.py --evaluate's scores and thresholds ($TONE_EVAL/scores.jsonl,
thresholds.json):
per source, the share of hateful/offensive rows flagged and of normal rows flagged, where flagged means
a warning or an error (insult, hate, threat, or toxic read as an insult: profanity alone is
information) — what `tenor check` shows a writer."""
import json
import os
import sys

import numpy as np

EVAL = os.environ.get("TONE_EVAL", "/tmp/tone-eval")
t = np.asarray(json.load(open(os.path.join(EVAL, "thresholds.json"))))
WARN = [0, 2, 3, 4]  # insult, hate, threat, toxic


def positive(r):
    src, kind = r["source"], r["kind"]
    if src == "hatexplain": return kind != "normal"
    if src == "sbic": return kind == "offensive"
    if src == "hatemoji": return kind == "hate"
    if src == "jigsaw": return kind.startswith("toxic/")
    if src == "own": return kind in ("hate", "threat", "insult")
    return None


rows = [json.loads(l) for l in open(os.path.join(EVAL, "scores.jsonl"))]
print("| split | source | hateful/offensive caught | normal flagged |\n| --- | --- | --- | --- |")
for split in ("dev", "test"):
    for src in ("hatexplain", "sbic", "hatemoji", "jigsaw", "own", "docs"):
        part = [r for r in rows if r["split"] == split and r["source"] == src]
        if not part:
            continue
        flag = lambda r: bool(np.any(np.asarray(r["s"])[WARN] >= t[WARN]))
        pos = [flag(r) for r in part if positive(r) is True]
        neg = [flag(r) for r in part if positive(r) is False or (src == "docs")]
        if src == "own":
            neg = [flag(r) for r in part if r["kind"] in ("identity", "technical", "counter", "negation", "dislike", "docs", "everyday", "instruction", "quoted")]
        fmt = lambda v: f"{np.mean(v):.1%} of {len(v)}" if v else "—"
        print(f"| {split} | {src} | {fmt(pos)} | {fmt(neg)} |")
