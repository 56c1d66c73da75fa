#!/usr/bin/env bash
# make demo: the whole product working offline. Starts fixture-exchange over TLS on 127.0.0.1 (port picked by
# the kernel), streams Bitstamp trades from it as a table for a few seconds, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-6s}"
bin=.build/release
log=$(mktemp)
"$bin/fixture-exchange" --tls --cert Fixtures/tls/server.pem --key Fixtures/tls/server.key \
  --pace 300ms --routes Fixtures/sessions/bitstamp-rest-defaults.session Fixtures/sessions/demo-bitstamp.session >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening \(wss:\/\/[0-9.:]*\).*/\1/p' "$log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "demo: fixture-exchange did not start" >&2; cat "$log" >&2; exit 1; }
echo "demo: fixture exchange at $url; streaming for $duration" >&2
echo "demo: \$ streamer bitstamp livetrades btcusd --endpoint $url --cacert Fixtures/tls/ca.pem --format table --duration $duration" >&2
"$bin/streamer" bitstamp livetrades btcusd --endpoint "$url" --cacert Fixtures/tls/ca.pem --format table --duration "$duration"
status=$?
echo "demo: streamer exited with status $status" >&2
exit $status
