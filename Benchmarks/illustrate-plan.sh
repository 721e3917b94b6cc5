#!/usr/bin/env bash
# Scene plans and whole pictures with each planner:
#   Benchmarks/illustrate-plan.sh [ROWS] [THREADS]
# 1. `tenor illustrate --plan` on the first ROWS descriptions of data/illustrate/plan-dev.jsonl (default 8),
#    with --plan-parser rules and model (after one warm-up plan, so the decoder's prefilled examples are on
#    disk as they are in use): seconds per plan, process start and model load included.
# 2. `tenor illustrate` at 768×512 --no-cache on three descriptions with each planner, wall seconds.
# The load average is printed with each part: the development machine is shared.
# TENOR_BIN: an already built binary (else `swift build -c release --product tenor` first).
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-8}"
threads="${2:-$(nproc)}"
if [ -z "${TENOR_BIN:-}" ]; then
    swift build -c release --product tenor >&2
fi
tenor="${TENOR_BIN:-$(swift build -c release --show-bin-path)/tenor}"

for parser in rules model; do
    "$tenor" illustrate --plan --plan-parser "$parser" --threads "$threads" "a cat on a mat" >/dev/null 2>&1 || true
    echo "plans by $parser, first $rows dev descriptions, $threads threads (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
    head -n "$rows" data/illustrate/plan-dev.jsonl | python3 -c '
import json, subprocess, sys, time
tenor, parser, threads = sys.argv[1:4]
times = []
for line in sys.stdin:
    description = json.loads(line)["description"]
    start = time.monotonic()
    subprocess.run([tenor, "illustrate", "--plan", "--plan-parser", parser, "--threads", threads, description], capture_output=True, check=True)
    times.append(time.monotonic() - start)
times.sort()
print(f"  mean {sum(times) / len(times):.2f} s, median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")
' "$tenor" "$parser" "$threads"
done

echo "tenor illustrate 768x512 --no-cache, whole command (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
for parser in rules model; do
    for prompt in "three hot air balloons over green hills on a sunny morning, flat vector poster" \
                  "four sheep grazing on a hill next to a windmill" "a cat sleeping on a sofa in a cosy living room, watercolor"; do
        start=$(date +%s.%N)
        "$tenor" illustrate --no-cache --plan-parser "$parser" --threads "$threads" "$prompt" -o /tmp/tenor-illustrate-plan-bench.png 2>/dev/null
        echo "  $parser: \"$prompt\": $(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')") s"
    done
done
