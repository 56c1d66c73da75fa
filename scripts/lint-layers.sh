#!/usr/bin/env bash
# The layer rules of STYLE.md §2.2, checked with grep because StreamerCore is one module.
set -uo pipefail
cd "$(dirname "$0")/.."
core=Sources/StreamerCore
fail=0
check() {  # check <description> <matches...>
  local what=$1; shift
  if [ -n "$*" ]; then echo "lint: $what:"; printf '  %s\n' "$@"; fail=1; fi
}
check "COpenSSL imported outside Transport/" $(grep -rl 'import COpenSSL' $core | grep -v "^$core/Transport/")
check "libc imported outside Transport/, Output/OutputSink.swift and CLI/StandardError.swift" \
  $(grep -rlE 'import (Glibc|Darwin)' $core | grep -vE "^$core/(Transport/|Output/OutputSink.swift|CLI/StandardError.swift)")
check "Foundation imported in StreamerCore (kept out for start-up time and size)" $(grep -rl 'import Foundation' $core)
check "print( in StreamerCore" $(grep -rl 'print(' $core)
check "Double/Float in StreamerCore code (money stays exact)" $(grep -rnwE 'Double|Float' $core | grep -vE ':[0-9]+:\s*//' | cut -d: -f1-2)
check "try! or fatalError in Sources" $(grep -rlE 'try!|fatalError\(' Sources)
check "Exchanges/ or Model/ depending on I/O" $(grep -rlE 'Platform\.|OutputSink|TCPConnection' $core/Exchanges $core/Model)
exit $fail
