#!/usr/bin/env bash
# libFuzzer targets for the code that reads untrusted bytes (issue 6, part 6). See Fuzz/README.md.
#
#   scripts/fuzz.sh build [TARGET...]   compile the targets into .build-fuzz/bin/fuzz-<target>
#   scripts/fuzz.sh run   [TARGET...]   build, then fuzz each target for FUZZ_SECONDS (default 60), one after another
#   scripts/fuzz.sh merge [TARGET...]   minimise seeds + working corpus back into Fixtures/fuzz/<target>
#   scripts/fuzz.sh repro TARGET FILE   run one input (a crash artifact) and show what it does
#
# Targets: frame, json, adapters, http (all four when none are named). StreamerCore is compiled once with swiftc
# (-sanitize=fuzzer,address, -O with debug-level precondition checks) as a testable module that the harnesses in
# Fuzz/ link against; SwiftPM never sees Fuzz/, so `swift build` and `make test` are unaffected.
#
# Environment: FUZZ_SECONDS (per target), FUZZ_JOBS (parallel targets in `run`, default 1), FUZZ_SANITIZERS
# (default fuzzer,address), FUZZ_FLAGS (extra libFuzzer flags, e.g. -runs=1000), SWIFTC.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(frame json adapters http)
SWIFTC=${SWIFTC:-swiftc}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
SANITIZERS=${FUZZ_SANITIZERS:-fuzzer,address}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
OUT=.build-fuzz
SWIFT_FLAGS=(
  -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
  -O -assert-config Debug -g -sanitize="$SANITIZERS" -parse-as-library -I Sources/COpenSSL
)

harness() {  # harness <target> -> its source file
  case $1 in
    frame) echo Fuzz/FrameFuzzer.swift ;;
    json) echo Fuzz/JSONFuzzer.swift ;;
    adapters) echo Fuzz/AdapterFuzzer.swift ;;
    http) echo Fuzz/HTTPFuzzer.swift ;;
    *) echo "fuzz: unknown target '$1' (targets: ${ALL_TARGETS[*]})" >&2; exit 64 ;;
  esac
}

max_len() {  # libFuzzer's -max_len per target (http stays under HTTPResponseParser.maxLineBytes, see its harness)
  case $1 in
    http) echo 8000 ;;
    *) echo 16384 ;;
  esac
}

dict_flag() {  # -dict=... when the target has a dictionary
  local dict=Fuzz/$1.dict
  [ "$1" = adapters ] && dict=Fuzz/json.dict
  if [ -f "$dict" ]; then echo "-dict=$dict"; fi
}

build_core() {
  local object=$OUT/StreamerCore.o
  mkdir -p "$OUT/bin"
  if [ -f "$object" ] && [ -z "$(find Sources/StreamerCore Sources/COpenSSL -newer "$object" -print -quit)" ] \
    && [ "$(cat "$OUT/sanitizers" 2>/dev/null)" = "$SANITIZERS" ]; then
    return
  fi
  echo "fuzz: compiling StreamerCore (-sanitize=$SANITIZERS)"
  local sources=()
  while IFS= read -r file; do sources+=("$file"); done < <(find Sources/StreamerCore -name '*.swift' | sort)
  "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name StreamerCore -enable-testing -wmo -c \
    -emit-module -emit-module-path "$OUT/StreamerCore.swiftmodule" -o "$object" "${sources[@]}"
  echo "$SANITIZERS" >"$OUT/sanitizers"
}

build_target() {
  local source binary=$OUT/bin/fuzz-$1
  source=$(harness "$1")
  if [ -f "$binary" ] && [ "$binary" -nt "$OUT/StreamerCore.o" ] && [ "$binary" -nt "$source" ]; then return; fi
  echo "fuzz: linking $binary"
  "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name "Fuzz_$1" -I "$OUT" "$source" "$OUT/StreamerCore.o" \
    -use-ld=lld -lssl -lcrypto -o "$binary"
}

build() {
  build_core
  for target in "$@"; do build_target "$target"; done
}

run_target() {  # run_target <target>: fuzz for FUZZ_SECONDS; the log ends with libFuzzer's final stats
  local target=$1 corpus=$OUT/corpus/$1 seeds=Fixtures/fuzz/$1 artifacts=$OUT/artifacts/$1/
  mkdir -p "$corpus" "$seeds" "$artifacts" "$OUT/logs"
  local dict
  dict=$(dict_flag "$target")
  echo "fuzz: $target for ${FUZZ_SECONDS}s (log $OUT/logs/$target.log, crashes in $artifacts)"
  # shellcheck disable=SC2086  # FUZZ_FLAGS and dict are word lists
  if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/fuzz-$target" -max_total_time="$FUZZ_SECONDS" \
    -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts" $dict $FUZZ_FLAGS "$corpus" "$seeds" >"$OUT/logs/$target.log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|REDUCE|NEW)' "$OUT/logs/$target.log" | tail -1 | sed "s/^/fuzz: $target: /"
  else
    echo "fuzz: $target FAILED; tail of $OUT/logs/$target.log:" >&2
    tail -40 "$OUT/logs/$target.log" >&2
    return 1
  fi
}

run() {
  build "$@"
  local status=0
  if [ "$FUZZ_JOBS" -le 1 ]; then
    for target in "$@"; do run_target "$target" || status=1; done
  else
    local pids=()
    for target in "$@"; do
      run_target "$target" &
      pids+=($!)
      if [ "${#pids[@]}" -ge "$FUZZ_JOBS" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  fi
  return $status
}

merge() {  # a greedy set cover of the edges (hit counts ignored) keeps the committed corpus small
  build "$@"
  mkdir -p "$OUT/logs"
  for target in "$@"; do
    local seeds=Fixtures/fuzz/$target fresh=$OUT/merge/$target
    rm -rf "$fresh" && mkdir -p "$fresh" "$seeds" "$OUT/corpus/$target"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/fuzz-$target" \
      -set_cover_merge=1 -use_counters=0 -max_len="$(max_len "$target")" \
      "$fresh" "$seeds" "$OUT/corpus/$target" >"$OUT/logs/$target-merge.log" 2>&1
    find "$fresh" -type f -size +64k -delete  # none should be (max_len), but the limit is a rule
    rm -rf "$seeds" && mv "$fresh" "$seeds"
    echo "fuzz: $target: $(find "$seeds" -type f | wc -l) files, $(du -sb "$seeds" | cut -f1) bytes in $seeds"
  done
}

repro() {  # repro <target> <file>
  build "$1"
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/fuzz-$1" "$2"
}

command=${1:-run}
shift || true
case $command in
  build | run | merge)
    targets=("$@")
    [ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")
    for target in "${targets[@]}"; do harness "$target" >/dev/null; done
    "$command" "${targets[@]}"
    ;;
  repro)
    [ $# -eq 2 ] || { echo "usage: scripts/fuzz.sh repro TARGET FILE" >&2; exit 64; }
    repro "$1" "$2"
    ;;
  *)
    echo "usage: scripts/fuzz.sh [build|run|merge] [TARGET...] | repro TARGET FILE" >&2
    exit 64
    ;;
esac
