#!/usr/bin/env bash
# Neovim with [models] endpoint (issue 20): a `tenor serve` on loopback serves the rewrite model, the editor's
# `tenor lsp` sends "Rewrite: formal" to it; then the same against a dead port, where the local model takes
# over and the progress says so. Needs the rewrite model (make setup).
set -euo pipefail
scenario=neovim-endpoint
. "$(dirname "$0")/common.sh"
require nvim
model="$TENOR_MODELS_DIR/qwen2.5-coder-1.5b-instruct/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
[ -f "$model" ] || { echo "$scenario: $model is not installed (make setup)" >&2; exit 1; }

log="$work/serve.log"
tenor serve --port 0 --model "$model" --model-name qwen --threads 1 2>"$log" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null; cleanup' EXIT
port=""
for _ in $(seq 1 600); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/v1.*|\1|p' "$log")
    [ -n "$port" ] && break
    kill -0 $serve_pid 2>/dev/null || { echo "$scenario: tenor serve exited: $(cat "$log")" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "$scenario: tenor serve did not start: $(cat "$log")" >&2; exit 1; }

run_nvim() {
    timeout "${TENOR_E2E_SCENARIO_TIMEOUT:-240}" nvim --headless -i NONE -n \
        -u "$repo/EditorConfigs/neovim/fallback.lua" \
        -c "luafile $repo/Tests/editors/neovim-endpoint-scenario.lua"
}

cd "$work"
cp .tenor.toml .tenor.toml.orig
printf '\n[models]\nendpoint = "http://127.0.0.1:%s/v1"\nmodel = "qwen"\n' "$port" >> .tenor.toml
run_nvim
cp .tenor.toml.orig .tenor.toml
cp "$repo/Tests/editors/workspace/notes.md" notes.md
printf '\n[models]\nendpoint = "http://127.0.0.1:9/v1"\nmodel = "qwen"\n' >> .tenor.toml
TENOR_E2E_EXPECT_FALLBACK=1 run_nvim
