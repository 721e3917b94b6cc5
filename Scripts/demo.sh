#!/usr/bin/env bash
# The part of `make run` that shows features beyond `check`; each feature adds its demo here
# as it lands, and a missing subcommand is skipped rather than failing the run.
set -uo pipefail
tenor=${1:-.build/release/tenor}
has() { "$tenor" --help 2>/dev/null | grep -qE "^ +$1( |$)"; }
if has generate; then
    echo "== tenor generate"
    "$tenor" generate --chat --greedy --max-tokens 40 --prompt "Write one sentence about lighthouses."
fi
if has embed; then
    echo "== tenor embed (cosine of two sentences)"
    "$tenor" embed --similarity "A man is eating food." "A man is eating a piece of bread."
fi
if has rewrite; then
    echo "== tenor rewrite --style formal"
    "$tenor" rewrite --style formal "the meeting's gonna be pushed to tmrw cuz boss is sick"
fi
if has tone; then
    echo "== tenor tone"
    printf '# Notes\n\nThanks for the review. You are a complete idiot and nobody reads your posts.\n' > "${TMPDIR:-/tmp}/tenor-demo.md"
    "$tenor" tone "${TMPDIR:-/tmp}/tenor-demo.md"
fi
if has illustrate; then
    echo "== tenor illustrate"
    out="${TMPDIR:-/tmp}/tenor-demo-lighthouse.png"
    "$tenor" illustrate "a red lighthouse on a rocky coast at dusk, watercolor" -o "$out" --seed 7 && ls -l "$out"
fi
exit 0
