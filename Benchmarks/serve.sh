#!/usr/bin/env bash
# tenor serve under load and hostile input, on loopback only (127.0.0.1): 8 concurrent clients x 10 short chat
# completions (p50/p95 latency, throughput, a dropped stream freeing its slot), then oversized bodies, truncated
# JSON, absurd max_tokens, slow clients and 1,000 dropped connections with the server's memory sampled.
# Usage: Benchmarks/serve.sh [MODEL.gguf] (default: SmolLM2-135M-Instruct); TENOR_BIN=path skips the build, as in the other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

model="${1:-${TENOR_MODELS_DIR:-$HOME/.local/share/tenor/models}/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf}"
binary="${TENOR_BIN:-${TENOR_BINARY:-}}"
if [ -z "$binary" ]; then
    swift build -c release --product tenor >&2
    binary=.build/release/tenor
fi

echo "== load: 8 clients x 10 chat completions, max_tokens 16 ($(basename "$model"))"
timeout 1200 python3 Scripts/serve/load_benchmark.py "$binary" "$model" --clients 8 --requests 10 --max-tokens 16
echo "== hostile input"
timeout 600 python3 Scripts/serve/hostile_input.py "$binary" "$model" --connections 1000 --slow-clients 50
