#!/usr/bin/env bash
# Runs a Windows program under Wine for ctest (CMAKE_CROSSCOMPILING_EMULATOR) and the scripts.
# A private WINEPREFIX under /tmp, no debug chatter, and a persistent wineserver (-p) so that
# each test does not pay for starting one.
set -euo pipefail
# One prefix per checkout, so two trees (a developer's, CI's clone) never share a wineserver.
tree=$(cd "$(dirname "$0")/.." && pwd)
export WINEPREFIX="${WINEPREFIX:-/tmp/iolab-wine-$(id -u)-$(printf %s "$tree" | md5sum | cut -c1-8)}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"  # no Mono/Gecko prompts
WINE="${IOLAB_WINE:-/usr/lib/wine/wine64}"
WINESERVER="${IOLAB_WINESERVER:-/usr/lib/wine/wineserver}"
[[ -x "$WINE" ]] || { echo "wine-run.sh: $WINE not found (apt-get install wine64)" >&2; exit 127; }
mkdir -p "$WINEPREFIX"
# A new prefix is made once; the lock keeps two parallel tests from both making it.
if [[ ! -f $WINEPREFIX/.iolab-ready ]]; then
  flock "$WINEPREFIX/.iolab-init.lock" bash -c '[[ -f $WINEPREFIX/.iolab-ready ]] ||
    { "$0" wineboot --init >/dev/null 2>&1; touch "$WINEPREFIX/.iolab-ready"; }' "$WINE" || true
fi
# -p: keep running after the last client exits; a no-op when one already serves this prefix.
"$WINESERVER" -p >/dev/null 2>&1 || true
# ctest reads a test's output through a pipe until every process holding it has closed it.
# Wine's own system processes (services.exe, explorer.exe, ...) are started by whichever Wine
# program needs them first, inherit its stdout and stderr, and outlive it: the test that started
# them then "hangs at exit" until ctest's timeout, though it passed (seen in a loaded run of
# tools/test-windows.sh; the most likely cause, not proven). So when the output is a pipe, the
# program writes into files, copied out once it has exited: a system process may keep a file
# open, not ctest's pipe.
if [[ -p /dev/stdout || -p /dev/stderr ]]; then
  out=$(mktemp) err=$(mktemp)
  "$WINE" "$@" >"$out" 2>"$err" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null' TERM INT HUP
  rc=0
  wait "$pid" || rc=$?
  cat "$out"
  cat "$err" >&2
  rm -f "$out" "$err"
  exit "$rc"
fi
exec "$WINE" "$@"
