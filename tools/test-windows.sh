#!/usr/bin/env bash
# The Windows part of the tests: cross-build with mingw-w64 (preset windows-mingw: netcore, the
# tests, iolab-cli.exe and iolab.exe), run the tests under Wine, make the Linux iolab-cli and
# iolab-cli.exe talk to each other, then pack the zip (tools/package-windows.sh) and run the
# iolab.exe it holds under Wine and Xvfb with a real window (tests/win/gui_wine.sh).
#   tools/test-windows.sh            (called by tools/test.sh; exits non-zero on any failure)
# Env: IOLAB_LINUX_CLI=path   the Linux iolab-cli to pair with (default: build/default's, or
#                             a small CLI-only build in build/linux-cli)
#      IOLAB_LINUX_IOLAB=path the Linux iolab that exchanges traces with iolab.exe (default:
#                             build/default's, built when missing)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build/windows-mingw
# The prefix tools/wine-run.sh uses for this checkout (the wineserver -k below is for it only).
export WINEPREFIX="${WINEPREFIX:-/tmp/iolab-wine-$(id -u)-$(printf %s "$ROOT" | md5sum | cut -c1-8)}"
WINE=(tools/wine-run.sh)
TMP=$(mktemp -d /tmp/iolab-test-windows.XXXXXX)
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  # End this prefix's wineserver (-p keeps it alive) and Wine's helper processes, which may
  # hold a pipe of whoever called us open.
  /usr/lib/wine/wineserver -k 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
step() { echo "== test-windows [${SECONDS}s]: $*"; }
fail() {
  echo "test-windows: FAIL: $*" >&2
  echo "test-windows: FAILED ($*)"
  exit 1
}

# --- 1. What it needs (Debian packages), installed only when missing (apt-get update first
# only then; sudo when not root): see tools/deps.sh.
bash tools/deps.sh g++-mingw-w64-x86-64-posix wine64 googletest cmake make g++ pkg-config \
  liburing-dev python3-glad libstb-dev xvfb xauth xdotool imagemagick rapidjson-dev \
  || fail "installing the packages"

# --- 2. Build and unit tests (Winsock conformance + the engine tests) under Wine.
step "configure + build (preset windows-mingw)"
cmake --preset windows-mingw >"$TMP/configure.log" 2>&1 || { cat "$TMP/configure.log"; fail "configure"; }
cmake --build --preset windows-mingw -j2 || fail "build"

step "preparing the Wine prefix"
# Made (once) before the timed tests: on a loaded machine wineboot alone can take a minute.
"${WINE[@]}" cmd /c ver >/dev/null 2>&1 || fail "Wine does not start ($WINEPREFIX)"

step "ctest under Wine"
# A test process under Wine once hung at exit after its test had passed (not reproduced since;
# Wine's thread teardown is the suspect). A hang is not hidden by a silent retry: a timed-out test
# is run once more, alone, to tell a hang at exit (passes again) from a broken test, and either
# way the run fails, saying how many retries were needed.
if ! ctest --preset windows-mingw -j2 2>&1 | tee "$TMP/ctest.log"; then
  mapfile -t timed_out < <(sed -n 's/^[[:space:]]*[0-9]* - \(.*\) (Timeout)$/\1/p' "$TMP/ctest.log")
  ((${#timed_out[@]})) || fail "ctest (windows-mingw)"
  regex=$(printf '%s|' "${timed_out[@]}" | sed 's/[].()+*?^$\\[]/\\&/g; s/|$//')
  if ctest --preset windows-mingw -R "^($regex)\$" >"$TMP/retry.log" 2>&1; then
    again="all passed on the retry: a hang, not a failure"
  else
    again="the retry failed too: $(grep -c 'Failed\|Timeout' "$TMP/retry.log") of them"
  fi
  fail "${#timed_out[@]} test(s) timed out and needed a retry (${timed_out[*]}); $again"
fi

# --- 3. Cross-implementation: Linux iolab-cli <-> iolab-cli.exe under Wine, over loopback.
EXE=$BUILD/app/iolab-cli.exe
[[ -f $EXE ]] || fail "$EXE was not built"
LINUX_CLI=${IOLAB_LINUX_CLI:-}
if [[ -z $LINUX_CLI ]]; then
  if [[ -x $ROOT/build/default/app/iolab-cli ]]; then
    LINUX_CLI=$ROOT/build/default/app/iolab-cli
  else
    step "building the Linux iolab-cli (build/linux-cli)"
    cmake -S . -B build/linux-cli -DIOLAB_GUI=OFF -DIOLAB_TESTS=OFF \
      >"$TMP/linux-cli.log" 2>&1 &&
      cmake --build build/linux-cli -j2 --target iolab-cli >>"$TMP/linux-cli.log" 2>&1 ||
      { cat "$TMP/linux-cli.log"; fail "Linux iolab-cli build"; }
    LINUX_CLI=$ROOT/build/linux-cli/app/iolab-cli
  fi
fi
WIN_CLI=("${WINE[@]}" "$EXE")
LINUX_CLI=("$LINUX_CLI")

# The text the server received: its WSARecv completions' data (jsonl), CRs stripped.
received() {
  tr -d '\r' <"$1" | grep '"session":1,' | grep '"op_api":"WSARecv"' |
    grep -E '"event":"(result_fetched|completed_immediately)"' |
    sed -E 's/.*"data":"([^"]*)".*/\1/' | tr -d '\n'
}

# pair NAME SERVER CLIENT TEXT COUNT: SERVER (linux|win) serves, CLIENT connects and sends
# TEXT COUNT times; the server must have received exactly that.
pair() {
  local name=$1 text=$4 count=$5 out=$TMP/$1 port tries spid server client
  if [[ $2 == win ]]; then server=("${WIN_CLI[@]}"); else server=("${LINUX_CLI[@]}"); fi
  if [[ $3 == win ]]; then client=("${WIN_CLI[@]}"); else client=("${LINUX_CLI[@]}"); fi
  for tries in 1 2 3; do
    port=$((20000 + (RANDOM % 20000)))
    "${server[@]}" serve --port "$port" --format jsonl >"$out.serve" 2>"$out.serve.err" &
    spid=$!
    PIDS+=("$spid")
    # Wait (bounded) until it listens, or exits (port taken: try another).
    for _ in $(seq 300); do
      grep -q '"event":"listening"' "$out.serve" 2>/dev/null && break
      kill -0 "$spid" 2>/dev/null || break
      sleep 0.1
    done
    grep -q '"event":"listening"' "$out.serve" && break
    wait "$spid" 2>/dev/null
  done
  grep -q '"event":"listening"' "$out.serve" || { cat "$out.serve.err"; fail "$name: server did not listen"; }
  timeout 60 "${client[@]}" connect "127.0.0.1:$port" --send "$text" --count "$count" --format jsonl \
    >"$out.connect" 2>"$out.connect.err" || { cat "$out.connect.err"; fail "$name: client failed"; }
  local waited=0
  while kill -0 "$spid" 2>/dev/null && ((waited < 300)); do sleep 0.1; waited=$((waited + 1)); done
  wait "$spid" || { cat "$out.serve.err"; fail "$name: server exited with an error"; }
  local want="" got
  for ((i = 0; i < count; i++)); do want+=$text; done
  got=$(received "$out.serve")
  [[ $got == "$want" ]] || fail "$name: server received '$got', expected '$want'"
  echo "   $name: ok ($count x '$text')"
}

step "cross-implementation over loopback"
pair linux-serves-wine linux win "hello from wine" 3
pair wine-serves-linux win linux "hello from linux" 3

# --- 4. Same demo, same sequence of transitions on both backends. A wait that only ended
# because a command arrived (blocked + unblocked "woken by a command") depends on thread timing,
# not on the backend (seen on Linux too, about 1 run in 8), so such pairs are left out.
events() {
  tr -d '\r' <"$1" | awk '
    /"event":"blocked"/ { held = $0; next }
    /"event":"unblocked"/ && /woken by a command/ { held = ""; next }
    { if (held != "") print held; held = ""; print }
    END { if (held != "") print held }' |
    grep -o '"event":"[a-z_]*"' | sed 's/"event"://; s/"//g' | tr '\n' ' '
}
# compare DEMO WORDS: runs DEMO on both, and WORDS (a function of the jsonl file) must agree.
compare() {
  local demo=$1 words=$2 l w
  "${LINUX_CLI[@]}" demo "$demo" --format jsonl >"$TMP/$demo.linux" 2>&1 || fail "Linux demo $demo"
  "${WIN_CLI[@]}" demo "$demo" --format jsonl >"$TMP/$demo.win" 2>&1 || fail "Windows demo $demo"
  l=$("$words" "$TMP/$demo.linux")
  w=$("$words" "$TMP/$demo.win")
  [[ -n $l && $l == "$w" ]] || fail "demo $demo differs: Linux [$l] vs Windows [$w]"
  echo "   demo $demo: same $words on both ($l)"
}
for demo in recv-pending recv-immediate scatter-gather close-while-pending peer-close; do
  compare "$demo" events
done
# The course's other I/O models: the server's side (every session but the client's, 2) gives the
# same words on both; the client's send may land before or after a server line.
server_events() {
  tr -d '\r' <"$1" | grep -v '"session":2,' | grep -o '"event":"[a-z_]*"' | sed 's/"event"://; s/"//g' |
    tr '\n' ' '
}
for demo in event-select completion-routine iocp; do
  compare "$demo" server_events
done
# The abort code itself is the platform's own (Linux: ECANCELED; Windows: 995; Wine: 676).
codes() { tr -d '\r' <"$1" | grep '"event":"failed"' | grep -o '"error":[0-9-]*,"error_name":"[A-Z_]*"'; }
echo "   close-while-pending codes: Linux $(codes "$TMP/close-while-pending.linux") /" \
  "Wine $(codes "$TMP/close-while-pending.win")"

# --- 5. The zip, and the iolab.exe it holds with a real window: screenshot, drive, lesson,
# traces both ways with the Linux iolab, real X input (tests/win/gui_wine.sh).
step "package (tools/package-windows.sh)"
IOLAB_PACKAGE_NO_BUILD=1 bash tools/package-windows.sh || fail "package-windows"
# Unpacked where a Korean student's Downloads may be: a Hangul folder name with a space in it
# (iolab.exe finds its fonts through a wide path; a narrow one lost them here).
UNPACKED="$TMP/학생 폴더"
mkdir -p "$UNPACKED" && (cd "$UNPACKED" && unzip -q "$BUILD/iolab-win64.zip") ||
  fail "unzip iolab-win64.zip"
LINUX_IOLAB=${IOLAB_LINUX_IOLAB:-$ROOT/build/default/app/iolab}
if [[ ! -x $LINUX_IOLAB ]]; then
  step "building the Linux iolab (preset default)"
  { cmake --preset default && cmake --build --preset default -j2 --target iolab; } \
    >"$TMP/linux-iolab.log" 2>&1 || { cat "$TMP/linux-iolab.log"; fail "Linux iolab build"; }
fi
step "iolab.exe under Wine and Xvfb (tests/win/gui_wine.sh)"
bash tests/win/gui_wine.sh "$UNPACKED/iolab-win64" "$LINUX_IOLAB" "$BUILD/gui-screenshots" ||
  fail "iolab.exe under Wine"

echo "test-windows: PASSED in ${SECONDS}s (mingw build, ctest under Wine, Linux<->Wine both ways," \
  "demo events, iolab.exe from the zip with a real window)"
