#!/usr/bin/env python3
"""Picks the 200 ParaDetox rows the `neutral` evaluation uses and writes their line numbers
(1-based, header = line 1) to data/restyle/neutral_paradetox_rows.txt. The dataset itself is not
committed. Our few-shot examples for `neutral` are written by us, so no row is shared with a prompt.
Rows are spread evenly over the file and need at least one human reference."""
import csv, pathlib, sys

root = pathlib.Path(__file__).resolve().parents[2]
dataset = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/datasets/paradetox_train.tsv"
if not dataset.exists():
    dataset = pathlib.Path("/work/shared/datasets/paradetox_train.tsv")
rows = list(csv.reader(dataset.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
candidates = [i for i, row in enumerate(rows[1:], start=2) if len(row) >= 2 and row[0].strip() and row[1].strip()]
step = len(candidates) / 200
chosen = [candidates[int(k * step)] for k in range(200)]
out = root / "data/restyle/neutral_paradetox_rows.txt"
out.write_text("\n".join(map(str, chosen)) + "\n")
print(f"{len(chosen)} rows of {len(candidates)} written to {out}")
