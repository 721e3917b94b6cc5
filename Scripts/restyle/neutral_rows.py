#!/usr/bin/env python3
"""Picks the ParaDetox rows the `neutral` evaluation uses and writes their line numbers (1-based,
header = line 1). The dataset itself is not committed. Our few-shot examples for `neutral` are
written by us, so no row is shared with a prompt. Rows need at least one human reference.

    data/restyle/dev/neutral_paradetox_rows.txt   200 rows spread evenly over the file (tuning)
    data/restyle/test/neutral_paradetox_rows.txt  200 other rows, half a step later (held out)

Caveat: the Tone head was trained on a 90% split of this same file (Scripts/train-tone), so the
tone judge has likely seen many of these toxic sentences; its verdicts on rewrites are still new text."""
import csv, pathlib, sys

root = pathlib.Path(__file__).resolve().parents[2]
dataset = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/datasets/paradetox_train.tsv"
if not dataset.exists():
    dataset = pathlib.Path("/work/shared/datasets/paradetox_train.tsv")
rows = list(csv.reader(dataset.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
candidates = [i for i, row in enumerate(rows[1:], start=2) if len(row) >= 2 and row[0].strip() and row[1].strip()]
step = len(candidates) / 200
dev = [candidates[int(k * step)] for k in range(200)]
test = [candidates[int(k * step + step / 2)] for k in range(200)]
assert not set(dev) & set(test)
for name, chosen in (("dev", dev), ("test", test)):
    out = root / f"data/restyle/{name}/neutral_paradetox_rows.txt"
    out.write_text("\n".join(map(str, chosen)) + "\n")
    print(f"{len(chosen)} rows of {len(candidates)} written to {out}")
