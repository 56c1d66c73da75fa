#!/usr/bin/env bash
# Profiles the end-to-end ws:// Bitstamp trades run under callgrind (instruction counts are stable on noisy
# machines): fixture-exchange --flood -> streamer --format jsonl --count N > /dev/null.
# Usage: scripts/bench-profile.sh [MESSAGES (50000)] [OUT (/tmp/streamer-callgrind.out)]
# Needs valgrind (apt-get install valgrind); raw output stays under /tmp, never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-50000}
out=${2:-/tmp/streamer-callgrind.out}
swift=${SWIFT:-swift}
scratch=${BENCH_SCRATCH:-.build}
command -v valgrind >/dev/null || { echo "bench-profile: needs valgrind (apt-get install valgrind)" >&2; exit 69; }
"$swift" build -c release --scratch-path "$scratch" >&2
bin=$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)
log=$(mktemp /tmp/streamer-profile-server.XXXXXX)
"$bin/fixture-exchange" --flood Fixtures/bench/bitstamp-trades-btcusd.jsonl --flood-count "$messages" >"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
url=$(sed -n 's/^listening //p' "$log")
valgrind --tool=callgrind --callgrind-out-file="$out" \
  "$bin/streamer" bitstamp trades btcusd --endpoint "$url" --format jsonl --count "$messages" --no-validate >/dev/null
# Top functions, inclusive then self, with Swift names demangled (head closes the pipes early: not an error).
set +o pipefail
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
for mode in yes no; do
  echo "== $([ $mode = yes ] && echo inclusive || echo self) instructions ($out) =="
  callgrind_annotate --inclusive=$mode "$out" | sed -n '/file:function/,/^$/p' | demangle | head -32
done
