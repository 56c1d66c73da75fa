#!/usr/bin/env bash
# `make bench`: builds release, then prints every figure of DESIGN.md §6 (see README "Performance").
# Environment: BENCH_MESSAGES (1000000), BENCH_LONG=1 (adds the 10,000,000-message RSS run),
# BENCH_SCRATCH (SwiftPM scratch path, .build), BENCH_ARGS (more streamer-bench options), SWIFT.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
scratch=${BENCH_SCRATCH:-.build}
args=(--messages "${BENCH_MESSAGES:-1000000}")
[ "${BENCH_LONG:-0}" = 1 ] && args+=(--long)
echo "bench: $swift build -c release --scratch-path $scratch" >&2
"$swift" build -c release --scratch-path "$scratch" >&2
bin=$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)
[ -x "$scratch/release/streamer-bench" ] && bin="$scratch/release"  # the same files by their shorter name
# shellcheck disable=SC2086  # BENCH_ARGS is a list of options
exec "$bin/streamer-bench" "${args[@]}" --bin "$bin" ${BENCH_ARGS:-}
