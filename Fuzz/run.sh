#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60) from its committed seeds.
# Usage: Fuzz/run.sh [TARGET...]   (default: every target; FUZZ_JOBS=2 runs two at a time;
# FUZZ_BUILD_ONLY=1 only builds, FUZZ_NO_BUILD=1 only runs what is built)
# The working corpus grows in Fuzz/.corpus/TARGET (ignored); crashes land in Fuzz/.artifacts/ and
# should be copied to Fuzz/Regressions/TARGET/ and turned into a test once fixed.
set -euo pipefail
cd "$(dirname "$0")"
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
ALL="FuzzWire FuzzGGUF FuzzSafetensors FuzzONNX FuzzProse FuzzBPE FuzzWordPiece"
TARGETS=${*:-$ALL}

# libFuzzer supplies main(); -parse-as-library keeps Swift from emitting another. One product at a
# time: a plain `swift build` here would also build the rest of the main package with these flags.
for target in $TARGETS; do
    [ "${FUZZ_NO_BUILD:-}" = 1 ] && break
    nice -n 10 "$SWIFT" build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$target"
done

[ "${FUZZ_BUILD_ONLY:-}" = 1 ] && exit 0

mkdir -p .corpus .artifacts .logs
run_one() {
    local target=$1
    mkdir -p ".corpus/$target"
    local regressions=() dictionary=()
    [ -d "Regressions/$target" ] && regressions=("Regressions/$target")
    # JSON inputs need whole keys and numbers to get anywhere; byte mutations rarely spell them.
    [ -f "Dictionaries/$target.dict" ] && dictionary=("-dict=Dictionaries/$target.dict")
    # rss_limit_mb: a parser must not need more than this for a small input (a hostile count
    # that makes it allocate is a bug). malloc_limit_mb catches one huge allocation early.
    nice -n 10 ".build/release/$target" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -max_len=16384 \
        "${dictionary[@]}" -artifact_prefix=".artifacts/$target-" ".corpus/$target" "Seeds/$target" "${regressions[@]}" \
        > ".logs/$target.log" 2>&1
    local status=$?
    echo "== $target (exit $status): $(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' ".logs/$target.log" | tail -1)"
    grep -E '^stat::' ".logs/$target.log" | tr '\n' ' '; echo
    return $status
}
export -f run_one
export FUZZ_SECONDS
status=0
printf '%s\n' $TARGETS | xargs -P "$FUZZ_JOBS" -I{} bash -c 'run_one {}' || status=$?
exit $status
