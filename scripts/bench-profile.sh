#!/usr/bin/env bash
# Profiles an end-to-end ws:// Bitstamp run under callgrind (instruction counts are stable on noisy machines):
# fixture-exchange --flood -> streamer --format jsonl > /dev/null. SCENARIO `trades` streams N trades; `book` keeps
# a local book from N diffs plus one 1,000-level REST snapshot (divide the total by N for instructions per diff).
# Usage: scripts/bench-profile.sh [MESSAGES (50000)] [OUT (/tmp/streamer-callgrind.out)] [SCENARIO (trades|book)]
# Needs valgrind (apt-get install valgrind); raw output stays under /tmp, never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-50000}
out=${2:-/tmp/streamer-callgrind.out}
scenario=${3:-trades}
case $scenario in
  trades) flood=(--flood Fixtures/bench/bitstamp-trades-btcusd.jsonl); run=(trades btcusd --count "$messages") ;;
  book)
    flood=(--flood Fixtures/bench/bitstamp-diff-btcusd.jsonl --routes Fixtures/bench/bitstamp-book-routes.session)
    run=(book btcusd) ;;  # ends when the flood does
  *) echo "bench-profile: unknown scenario '$scenario' (trades|book)" >&2; exit 64 ;;
esac
swift=${SWIFT:-swift}
scratch=${BENCH_SCRATCH:-.build}
command -v valgrind >/dev/null || { echo "bench-profile: needs valgrind (apt-get install valgrind)" >&2; exit 69; }
"$swift" build -c release --scratch-path "$scratch" >&2
bin=$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)
log=$(mktemp /tmp/streamer-profile-server.XXXXXX)
"$bin/fixture-exchange" "${flood[@]}" --flood-count "$messages" >"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
url=$(sed -n 's/^listening //p' "$log")
valgrind --tool=callgrind --callgrind-out-file="$out" \
  "$bin/streamer" bitstamp "${run[@]}" --endpoint "$url" --format jsonl --no-validate >/dev/null
# Top functions, inclusive then self, with Swift names demangled (head closes the pipes early: not an error).
set +o pipefail
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
for mode in yes no; do
  echo "== $([ $mode = yes ] && echo inclusive || echo self) instructions ($out) =="
  callgrind_annotate --inclusive=$mode "$out" | sed -n '/file:function/,/^$/p' | demangle | head -32
done
