#!/usr/bin/env bash
# make conformance (issue 6, part 5): the Autobahn|Testsuite fuzzingserver judges our WebSocket client.
#
# 1. Provisions autobahntestsuite 25.10.1 (Python 2.7 only) with the pinned set in
#    scripts/conformance/requirements-py2.txt into a virtualenv under .build/autobahn/ (git-ignored; nothing
#    system-wide). Python 2.7 comes from, in order: $AUTOBAHN_PYTHON2, pyenv (any 2.7.x), python2.7 on PATH,
#    or Debian 11 (bullseye) python2.7 packages fetched with apt-get download from a private source list and
#    unpacked with dpkg -x into .build/autobahn/python2.7-debian11 (no system change; needs apt-get, dpkg and
#    a reachable Debian mirror). AUTOBAHN_PYTHON2_ROUTE=debian forces the last route.
# 2. Builds the autobahn-client echo client (swift build -c release --scratch-path .build-autobahn).
# 3. Runs `wstest -m fuzzingserver` bound to 127.0.0.1 on a kernel-chosen port (scripts/conformance/fuzzingserver.py)
#    with every case; 12.* and 13.* need permessage-deflate, which the client does not offer, so Autobahn itself
#    files them as UNIMPLEMENTED.
# 4. Prints exactly one line on stdout, `autobahn: OK=.. NON-STRICT=.. INFORMATIONAL=.. UNIMPLEMENTED=.. FAILED=.. of N`,
#    lists FAILED and NON-STRICT cases with Autobahn's reasons on stderr, and exits 1 if any case FAILED.
#
# Reports, spec and logs stay in .build/autobahn/run/ (reports/clients/index.json, one JSON and HTML per case).
# Environment: AUTOBAHN_CASES='["1.*","2.*"]' narrows the run (a JSON list of wstest case patterns),
# AUTOBAHN_SCRATCH overrides the Swift scratch path.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=$repo/.build/autobahn
venv=$tools/venv
run=$tools/run
requirements=$repo/scripts/conformance/requirements-py2.txt
scratch=${AUTOBAHN_SCRATCH:-$repo/.build-autobahn}
agent=streamer
cases=${AUTOBAHN_CASES:-'["*"]'}
started=$SECONDS

say() { echo "conformance: $*" >&2; }
die() { say "$*"; exit 2; }

is_python27() { [ -x "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (2, 7))' 2>/dev/null; }

# Debian 11's python2.7 (plus libssl1.1 and libffi7, which Debian 12 no longer ships) unpacked under $tools.
debian_root=$tools/python2.7-debian11
debian_python() {
    local root=$debian_root
    local python=$root/usr/bin/python2.7
    if ! is_python27_debian "$python"; then
        command -v apt-get >/dev/null && command -v dpkg >/dev/null \
            || die "no Python 2.7 found, and apt-get/dpkg are missing for the Debian 11 route (see the top of $0)"
        say "unpacking Debian 11 python2.7 packages into ${root#"$repo"/}"
        local apt=$tools/apt
        rm -rf "$apt" "$root"
        mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/debs" "$root"
        : >"$apt/status"
        echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main" \
            >"$apt/sources.list"
        local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/parts"
            -o "Dir::State::Lists=$apt/lists" -o "Dir::State::status=$apt/status" -o "Dir::Cache=$apt/cache"
            -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
        apt-get "${opts[@]}" -qq update >"$apt/update.log" 2>&1 || die "apt-get update (bullseye) failed: $apt/update.log"
        (cd "$apt/debs" && apt-get "${opts[@]}" -qq download \
            python2.7 python2.7-minimal libpython2.7 libpython2.7-minimal libpython2.7-stdlib libpython2.7-dev \
            python-pip-whl libssl1.1 libffi7 >"$apt/download.log" 2>&1) \
            || die "apt-get download (bullseye) failed: $apt/download.log"
        local deb
        for deb in "$apt"/debs/*.deb; do dpkg -x "$deb" "$root"; done
    fi
    echo "$python"
}
# Extra environment for every Python 2.7 command (py ...), set only on the Debian route: the unpacked interpreter
# needs its own library folder first (libssl1.1, libffi7), and gcc (for wsaccel) its headers, since Debian's
# pyconfig.h includes <MULTIARCH/python2.7/pyconfig.h>. Nothing else (swift build) sees these.
python_env=()
py() { env ${python_env[@]+"${python_env[@]}"} "$@"; }
debian_env() {
    local multiarch
    multiarch=$(gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)
    python_env=(
        "LD_LIBRARY_PATH=$debian_root/usr/lib/$multiarch:$debian_root/lib/$multiarch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        "CPATH=$debian_root/usr/include${CPATH:+:$CPATH}"
    )
}
is_python27_debian() {
    [ -x "$1" ] && (debian_env && py "$1" -c 'import sys, ssl; sys.exit(sys.version_info[:2] != (2, 7))') 2>/dev/null
}

find_python2() {
    if [ "${AUTOBAHN_PYTHON2_ROUTE:-}" = debian ]; then debian_python; return; fi
    if [ -n "${AUTOBAHN_PYTHON2:-}" ]; then
        is_python27 "$AUTOBAHN_PYTHON2" || die "AUTOBAHN_PYTHON2=$AUTOBAHN_PYTHON2 is not a working Python 2.7"
        echo "$AUTOBAHN_PYTHON2"
        return
    fi
    local candidate
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/2.7*/bin/python2.7 "$(command -v python2.7 || true)"; do
        if is_python27 "$candidate"; then echo "$candidate"; return; fi
    done
    if [ -x "$debian_root/usr/bin/python2.7" ] || command -v apt-get >/dev/null; then debian_python; return; fi
    die "autobahntestsuite 25.10.1 needs CPython 2.7 (with ssl and headers for wsaccel): install it with pyenv
  (pyenv install 2.7.18), set AUTOBAHN_PYTHON2=/path/to/python2.7, or run on Debian with apt-get and dpkg
  so this script can unpack Debian 11's python2.7 packages under .build/autobahn/"
}

provision() {
    local python
    python=$(find_python2)
    case $python in "$debian_root"/*) debian_env ;; esac
    local stamp
    stamp="$python $venv $(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ -f "$tools/venv.stamp" ] && [ "$(cat "$tools/venv.stamp")" = "$stamp" ] \
        && py "$venv/bin/python" -c 'import autobahntestsuite, wsaccel' 2>/dev/null; then
        return
    fi
    say "provisioning autobahntestsuite in ${venv#"$repo"/} with $python (about a minute)"
    rm -rf "$venv" "$tools/bootstrap" "$tools/venv.stamp"
    mkdir -p "$tools"
    local log=$tools/provision.log
    : >"$log"
    # virtualenv 16.7.12 is the last single-file virtualenv that runs on 2.7 and bundles pip/setuptools for it.
    if py "$python" -m pip --version >/dev/null 2>&1; then
        py "$python" -m pip install -q --disable-pip-version-check --no-cache-dir --target "$tools/bootstrap" \
            virtualenv==16.7.12 >>"$log" 2>&1 || die "installing virtualenv failed: $log"
    else  # Debian's python2.7 has no pip: run the pip wheel from python-pip-whl
        local wheel
        wheel=$(ls "$debian_root"/usr/share/python-wheels/pip-*.whl 2>/dev/null | head -n 1)
        [ -n "$wheel" ] || die "$python has no pip and no pip wheel was found"
        py "$python" "$wheel/pip" install -q --disable-pip-version-check --no-cache-dir --target "$tools/bootstrap" \
            virtualenv==16.7.12 >>"$log" 2>&1 || die "installing virtualenv failed: $log"
    fi
    py PYTHONPATH="$tools/bootstrap" "$python" -m virtualenv --no-download -q "$venv" >>"$log" 2>&1 \
        || die "creating the virtualenv failed: $log"
    py "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir -r "$requirements" >>"$log" 2>&1 \
        || die "pip install -r ${requirements#"$repo"/} failed: $log"
    py "$venv/bin/python" -c 'import autobahntestsuite, wsaccel' >>"$log" 2>&1 || die "autobahntestsuite does not import: $log"
    echo "$stamp" >"$tools/venv.stamp"
}

provision
say "building autobahn-client (release, ${scratch#"$repo"/})"
swift build -c release --scratch-path "$scratch" --product autobahn-client >&2
client=$scratch/release/autobahn-client

rm -rf "$run"
mkdir -p "$run/reports/clients"
cat >"$run/spec.json" <<EOF
{
    "url": "ws://127.0.0.1:0",
    "outdir": "$run/reports/clients",
    "cases": $cases,
    "exclude-cases": [],
    "exclude-agent-cases": {}
}
EOF

server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap stop_server EXIT
(cd "$run" && exec env ${python_env[@]+"${python_env[@]}"} "$venv/bin/python" "$repo/scripts/conformance/fuzzingserver.py" "$run/port" \
    -m fuzzingserver -s "$run/spec.json" -u 0) >"$run/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    [ -s "$run/port" ] && break
    kill -0 "$server_pid" 2>/dev/null || die "the fuzzingserver exited at start: $run/server.log"
    sleep 0.1
done
[ -s "$run/port" ] || die "the fuzzingserver did not start within 30 s: $run/server.log"
port=$(cat "$run/port")
total=$(sed -n 's/^Ok, will run \([0-9]*\) test cases.*/\1/p' "$run/server.log" | head -n 1)
say "fuzzingserver on 127.0.0.1:$port, ${total:-?} cases; client log ${run#"$repo"/}/client.log"

client_status=0
timeout 1200 "$client" --server "ws://127.0.0.1:$port" --agent "$agent" --max-message-size $((64 << 20)) --verbose \
    2>"$run/client.log" || client_status=$?
stop_server
trap - EXIT
[ "$client_status" -eq 0 ] || say "autobahn-client exited with status $client_status (see $run/client.log)"
[ -f "$run/reports/clients/index.json" ] || die "no report was written (see $run/client.log, $run/server.log)"

status=0
py "$venv/bin/python" "$repo/scripts/conformance/summary.py" "$run/reports/clients" "$agent" "${total:-0}" || status=$?
say "took $((SECONDS - started)) s; reports in ${run#"$repo"/}/reports/clients/"
if [ "$status" -eq 0 ] && [ "$client_status" -ne 0 ]; then status=1; fi
exit "$status"
