#!/usr/bin/env bash
# The probe's cost (docs/probe.md): bench/probe_bench.cpp built with mingw-w64 without and with
# probe/iolab_probe.h, run under Wine: plain, streaming to `iolab-cli watch`, to a file, and to
# nobody (dropped and counted). Prints name=value lines; asserts nothing.
#   tools/bench-probe.sh LINUX_IOLAB_CLI [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${1:?usage: tools/bench-probe.sh LINUX_IOLAB_CLI [ROUNDS]}
ROUNDS=${2:-20000}
CXX=${IOLAB_MINGW_CXX:-x86_64-w64-mingw32-g++-posix}
TMP=$(mktemp -d /tmp/iolab-bench-probe.XXXXXX)
trap 'kill "${watch:-}" 2>/dev/null; rm -rf "$TMP"' EXIT
"$CXX" -std=c++17 -O2 bench/probe_bench.cpp -o "$TMP/plain.exe" -static -lws2_32
"$CXX" -std=c++17 -O2 -DIOLAB_WITH_PROBE -Iprobe bench/probe_bench.cpp -o "$TMP/probe.exe" \
  -static -lws2_32
run() { tools/wine-run.sh "$@" | tr -d '\r'; }
run "$TMP/plain.exe" plain "$ROUNDS"
"$CLI" watch --port 0 --format jsonl --once >"$TMP/watch.jsonl" 2>"$TMP/watch.err" &
watch=$!
until grep -q 'listening on' "$TMP/watch.err"; do sleep 0.05; done
port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/watch.err")
IOLAB_PROBE=127.0.0.1:$port run "$TMP/probe.exe" watched "$ROUNDS"
wait "$watch"
echo "probe_bench_watched_lines=$(grep -c '"transition"' "$TMP/watch.jsonl")"
IOLAB_PROBE_FILE=$TMP/trace.jsonl run "$TMP/probe.exe" file "$ROUNDS"
IOLAB_PROBE=127.0.0.1:1 run "$TMP/probe.exe" unheard "$ROUNDS"
