#!/usr/bin/env bash
# Restyle end to end (decoder candidates + encoder meaning + ranking), default models, in process:
#   - a 25-word sentence (`formal`), RUNS fresh processes: median of elapsed_ms (rewrite only, model
#     loading excluded, the few-shot prompt prefilled cold each time) and of the whole process (with load);
#   - a 200-word paragraph (`concise`, 10 sentences) with progress lines, once: the prompt prefix is
#     prefilled once and reused for every sentence.
# Targets (issue 6): sentence ≤ 1.5 s median on 2 cores; paragraph ≤ 8 s.
#   Benchmarks/restyle.sh [RUNS]        (THREADS=N, default 2; TENOR_BIN=path to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
threads="${THREADS:-2}"
if [ -z "${TENOR_BIN:-}" ]; then
    swift build -c release --product tenor >&2
fi
tenor="${TENOR_BIN:-$(swift build -c release --show-bin-path)/tenor}"

sentence="we're gonna need a couple more days to finish the migration because the vendor still hasn't sent us the new API keys for staging environment"
paragraph="In order to make sure that the release goes smoothly, we would like to ask each and every member of the team to review the checklist. \
At this point in time, the majority of the tests are passing, but there are a number of flaky tests that need to be looked at. \
Due to the fact that the staging server was down for most of the day, we were not able to run the full integration suite. \
It is important to note that the database migration has to be completed prior to the deployment of the new version. \
The documentation team is currently in the process of updating the user guide so that it reflects all of the recent changes. \
In the event that you find a problem, please make sure that you report it in the issue tracker as soon as possible. \
We have made the decision to postpone the announcement until such time as the performance numbers have been confirmed. \
A large number of customers have asked whether or not the new pricing will apply to existing contracts. \
For the purpose of avoiding confusion, we will send out a short summary of the changes to all of our partners. \
Thank you very much in advance for all of the hard work that you have put into this release over the past few weeks."

echo "load: $(uptime)"
# The decoder's own speed in the same command: the yardstick for reading the figures below under load.
"$tenor" bench --decoder --threads "$threads" --prompt-tokens 300 --decode-tokens 64 --repetitions 1 --json > /tmp/restyle-bench-decoder.json || true
python3 -c 'import json; d = json.load(open("/tmp/restyle-bench-decoder.json")); print("decoder: prefill %.0f tok/s, decode %.0f tok/s" % (d["prefill_tokens_per_second"], d["decode_tokens_per_second"]))' || true
echo "sentence: $(echo "$sentence" | wc -w) words, paragraph: $(echo "$paragraph" | wc -w) words, $threads threads"
python3 - "$tenor" "$threads" "$runs" "$sentence" "$paragraph" <<'PY'
import json, statistics, subprocess, sys, time
tenor, threads, runs, sentence, paragraph = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def rewrite(style, text, progress=False):
    args = [tenor, "rewrite", "--style", style, "--json", "--threads", threads, "--candidates", "3"] + (["--progress"] if progress else [])
    started = time.time()
    proc = subprocess.run(args + [text], capture_output=True, text=True)
    wall = time.time() - started
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr)
    return json.loads(proc.stdout), wall, proc.stderr
elapsed, walls = [], []
for _ in range(runs):
    result, wall, _ = rewrite("formal", sentence)
    elapsed.append(result["elapsed_ms"] / 1000); walls.append(wall)
print(f"25-word sentence (formal): median {statistics.median(elapsed):.2f} s rewrite, {statistics.median(walls):.2f} s with process start and model load "
      f"(runs: {', '.join(f'{e:.2f}' for e in elapsed)}); target ≤ 1.5 s")
print(f"  -> {result['text']}")
result, wall, stderr = rewrite("concise", paragraph, progress=True)
print(f"200-word paragraph (concise): {result['elapsed_ms'] / 1000:.2f} s rewrite, {wall:.2f} s with load; target ≤ 8 s")
print("  progress: " + "; ".join(line.split("rewrite: ")[-1] for line in stderr.splitlines() if "sentences," in line))
PY
