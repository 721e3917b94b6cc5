#!/usr/bin/env bash
# Runs every editor scenario (Tests/editors/*.sh but this one and common.sh), timing each.
# `make e2e` installs the editors and builds tenor first. Exit status: non-zero if any scenario failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
failed=()
for script in "$here"/*.sh; do
    name=$(basename "$script" .sh)
    case "$name" in run|common) continue ;; esac
    start=$(date +%s.%N)
    "$script"
    status=$?
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    if [ $status -eq 0 ]; then
        echo "e2e: $name passed in ${seconds}s"
    else
        echo "e2e: $name FAILED (exit $status) in ${seconds}s" >&2
        failed+=("$name")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "e2e: failed: ${failed[*]}" >&2
    exit 1
fi
