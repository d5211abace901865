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
exec "$WINE" "$@"
