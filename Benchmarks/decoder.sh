#!/usr/bin/env bash
# Decoder speed: tenor vs llama.cpp on the same GGUF, the same prompt tokens and the same thread count,
# run back to back in one command so the machine's state is the same for both. Prints both and the ratios.
# Usage: Benchmarks/decoder.sh [--model PATH] [--threads N] [--prompt-tokens N] [--decode-tokens N]
#        [--activations automatic|f32|quantized|quantized16]
# SCRATCH=.build-x Benchmarks/decoder.sh … builds into (and runs tenor from) that scratch path; SKIP_BUILD=1 reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${SCRATCH:-.build}"
if [ -z "${SKIP_BUILD:-}" ]; then swift build -c release --scratch-path "$scratch" --product tenor >&2; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$scratch/release/tenor" bench --decoder --json "$@" > "$out/tenor.json"
python3 Scripts/reference/bench_llama_cpp.py "$out/tenor.json" > "$out/llama_cpp.json"

python3 - "$out/tenor.json" "$out/llama_cpp.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); l = json.load(open(sys.argv[2]))
mb = 1e6
print(f"model {t['model']}, {t['threads']} threads, {len(t['prompt_tokens'])} prompt tokens, {len(t['decode_tokens'])} decoded")
print(f"{'':10}{'tenor':>12}{'llama.cpp':>12}{'ratio':>8}")
for key, label in [("prefill_tokens_per_second", "prefill/s"), ("decode_tokens_per_second", "decode/s")]:
    print(f"{label:10}{t[key]:12.1f}{l[key]:12.1f}{t[key] / l[key]:8.2f}")
print(f"{'peak RSS':10}{t['peak_rss_bytes'] / mb:10.1f}MB{l['peak_rss_bytes'] / mb:10.1f}MB")
budget = t['model_file_bytes'] + t['kv_cache_bytes'] + 100 * mb
print(f"tenor RSS budget (file + KV cache + 100 MB): {budget / mb:.1f} MB -> {'ok' if t['peak_rss_bytes'] <= budget else 'OVER'}")
print(f"memory bandwidth {t['memory_bandwidth_gbps']:.1f} GB/s; weights read per token {t['weight_bytes_per_token'] / mb:.1f} MB; "
      f"tenor decode at {100 * t['decode_fraction_of_bandwidth_bound']:.0f}% of the bandwidth bound, "
      f"llama.cpp at {100 * t['decode_fraction_of_bandwidth_bound'] * l['decode_tokens_per_second'] / t['decode_tokens_per_second']:.0f}%")
print(f"tenor fork/joins per decoded token: {t.get('joins_per_decoded_token', float('nan')):.1f}")
PY
