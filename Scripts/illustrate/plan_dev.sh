#!/bin/sh
# Plans every description of a JSONL set ({"id", "description", ...} per line) with `tenor illustrate --plan`
# and writes one line per row: {"id", "parser", "seconds", "plan"} (for Scripts/illustrate/score_plans.py).
# usage: Scripts/illustrate/plan_dev.sh [rules|model] [SET.jsonl] [TENOR] > plans.jsonl
set -eu
parser=${1:-rules}
set_file=${2:-data/illustrate/plan-dev.jsonl}
tenor=${3:-.build/release/tenor}
python3 - "$parser" "$set_file" "$tenor" <<'PY'
import json, subprocess, sys, time
parser, set_file, tenor = sys.argv[1:4]
for line in open(set_file):
    if not line.strip():
        continue
    row = json.loads(line)
    start = time.monotonic()
    done = subprocess.run(["nice", "-n", "5", tenor, "illustrate", "--plan", "--plan-parser", parser, "--threads", "1", row["description"]],
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    used = "model" if "plan by model" in done.stderr else "rules"
    plan = json.loads(done.stdout) if done.returncode == 0 else {"subjects": []}
    print(json.dumps({"id": row["id"], "parser": used, "seconds": round(seconds, 2), "plan": plan,
                      "note": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""}), flush=True)
PY
