#!/usr/bin/env bash
# The fuzz targets (see the README, "Fuzzing"): build, seed, run, replay and unpack.
#   Fuzz/run.sh run                    both targets, FUZZ_SECONDS (default 60) split between them
#   Fuzz/run.sh replay TARGET FILE...  run a target once on each file (e.g. a crash it found)
#   Fuzz/run.sh unpack TARGET FILE DIR write the wave folder an input makes into DIR (for `survey check DIR`)
# Environment: FUZZ_SECONDS (total), FUZZ_TARGETS ("reading definitions"), FUZZ_RSS_MB (2048), FUZZ_TIMEOUT
# (seconds per input, 60: the Monte Carlo exact tests take seconds under ASan), FUZZ_FLAGS (more libFuzzer flags, e.g. "-jobs=2 -workers=2" on a quiet machine).
set -euo pipefail
FUZZ="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$FUZZ")"
export PATH="/opt/swift/usr/bin:$PATH"
BIN="$FUZZ/.build/release"
# Leaks are not checked (the Swift runtime keeps caches for good); a short allocation context keeps ASan cheap.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=2}"
# A trap is reported by libFuzzer and ASan (stack, input saved), not by Swift's backtracer, which ASan trips over.
export SWIFT_BACKTRACE="enable=no"
WORK="$FUZZ/.build/fuzz"

binary() {
    case "$1" in
        reading) echo "$BIN/FuzzReading" ;;
        definitions) echo "$BIN/FuzzDefinitions" ;;
        *) echo "unknown fuzz target '$1'; expected reading or definitions" >&2; exit 64 ;;
    esac
}

build() {
    (cd "$FUZZ" && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
        -Xswiftc -enable-testing 2>&1 | grep -v "Cannot export local symbol '__asan_extra_spill_area'" | tail -3)
    [ -x "$BIN/FuzzReading" ] && [ -x "$BIN/FuzzDefinitions" ]
}

common_flags() {
    echo "-rss_limit_mb=${FUZZ_RSS_MB:-2048} -timeout=${FUZZ_TIMEOUT:-60} -detect_leaks=0 -print_final_stats=1 -max_len=${FUZZ_MAX_LEN:-20000}"
}

run() {
    build
    local targets=(${FUZZ_TARGETS:-reading definitions})
    local total=${FUZZ_SECONDS:-60}
    local each=$(( total / ${#targets[@]} ))
    local failed=0
    python3 "$FUZZ/seeds.py" "$WORK/seeds" >/dev/null
    for target in "${targets[@]}"; do
        mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target"
        local log="$WORK/$target.log"
        echo "fuzzing $target for ${each}s (corpus $WORK/corpus/$target, log $log)"
        # shellcheck disable=SC2046
        if ! "$(binary "$target")" $(common_flags) -max_total_time="$each" -dict="$FUZZ/$target.dict" \
            -artifact_prefix="$WORK/artifacts/$target/" ${FUZZ_FLAGS:-} \
            "$WORK/corpus/$target" "$WORK/seeds/$target" >"$log" 2>&1; then
            failed=1
            echo "$target: FAILED; the input is in $WORK/artifacts/$target/; see $log:"
            grep -E "^(==[0-9]+==ERROR|Fatal error|.*: Fatal error|SUMMARY|artifact_prefix|Test unit written)" "$log" | head -5 || true
        fi
        grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" | awk '!seen[$0]++' | sed "s/^/  $target /" || true
        # The last status line: "#N DONE cov: …" (N inputs run), or "#N: cov: …" with -fork.
        grep -E "^#[0-9]+(.*(DONE|pulse)|: cov:)" "$log" | tail -1 | sed "s/^/  $target /" || true
    done
    return $failed
}

case "${1:-run}" in
    build) build ;;
    run) run ;;
    replay)
        build
        target="$2"; shift 2
        # shellcheck disable=SC2046
        "$(binary "$target")" $(common_flags) -runs=1 "$@" ;;
    unpack)
        build
        mkdir -p "$4"
        SURVEY_FUZZ_DIR="$(cd "$4" && pwd)" "$(binary "$2")" $(common_flags) -runs=1 "$3" ;;
    *) sed -n '2,7p' "$0"; exit 64 ;;
esac
