#!/usr/bin/env bash
# Tests the web edition (build/web, made by tools/web.sh) in headless Chromium against a page
# served from 127.0.0.1. Chromium exits 0 whatever the page does, so every check reads what it
# shows (the page's #iolab-state marker and #status box) or the screenshot it takes, waiting on
# the marker in real time (tools/web-probe.mjs).
#   1. the lesson list, when no lesson is given;
#   2. a lesson from the URL starts, draws frames and plays to its end (all its transitions);
#   3. the screenshot is not blank and shows the lesson's lanes (the pending bar's orange);
#   4. M then A: the 2x2 matrix replays the four models' recorded runs; Tab then A: its second
#      page the five Windows models';
#   5. a missing index.wasm, a missing trace and WebGL switched off each show a readable message.
# With --bench, no checks: prints web_page_gzip_bytes= (what a browser fetches, gzipped) and
# web_first_frame_ms= (navigation to the first frame drawn, median of 5 loads) instead
# (docs/performance.md; tools/bench.sh runs it).
# Usage: tools/test-web.sh [--bench]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=0
[ "${1:-}" = "--bench" ] && bench=1
web=build/web
for f in index.html index.js index.wasm index.data lessons.json; do
  [ -f "$web/$f" ] || { echo "test-web: $web/$f is missing: run tools/web.sh first" >&2; exit 1; }
done
bash tools/deps.sh chromium imagemagick python3 nodejs

work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Serves DIR on a free port of 127.0.0.1; sets $url once the server says it listens.
serve() {
  local log="$work/http-$RANDOM.log"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$log" 2>&1 &
  servers+=($!)
  local port=""
  for _ in $(seq 100); do
    port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$log" | head -n1)
    [ -n "$port" ] && break
    kill -0 "${servers[-1]}" 2>/dev/null || break
    sleep 0.1  # between looks at the log for the line that says it listens
  done
  [ -n "$port" ] || { echo "test-web: the HTTP server did not start: $(cat "$log")" >&2; exit 1; }
  url="http://127.0.0.1:$port/"
}

# probe URL DOM_OUT [--screenshot PNG] [-- CHROMIUM_FLAGS]: headless Chromium with a fresh
# profile, waiting in real time until the page's marker says the replay finished or an error
# was shown (tools/web-probe.mjs), then writing its DOM.
probe() {
  local page=$1 out=$2
  shift 2
  node --experimental-websocket --no-warnings tools/web-probe.mjs "$page" "$out" --timeout 60 "$@" \
    2>>"$work/chromium.log" || true  # an unfinished page is what the checks then report
}

# The marker's attribute NAME from a dumped DOM on stdin ("" when absent).
marker() {
  python3 -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    found = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") == sys.argv[1]: P.found = a
p = P(); p.feed(sys.stdin.read())
print(P.found.get(sys.argv[2], "") or "")' "$1" "$2"
}

fails=0
check() {  # DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}

serve "$web"
base=$url
lesson=01-recv-pending
page="$base?lesson=$lesson&speed=50"

if [ "$bench" = 1 ]; then
  bytes=0
  for f in index.html index.js index.wasm index.data lessons.json; do
    bytes=$((bytes + $(gzip -9c "$web/$f" | wc -c)))
  done
  echo "web_page_gzip_bytes=$bytes"
  times=()
  for i in 1 2 3 4 5; do
    probe "$page" "$work/bench-$i.html"
    times+=("$(marker iolab-state data-first-frame-ms <"$work/bench-$i.html")")
  done
  echo "web_first_frame_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
  echo "web_first_frame_ms_all=$(IFS=,; echo "${times[*]}")"
  exit 0
fi

# 1. The lesson list.
probe "$base" "$work/list.html"
lessons=$(ls assets/scenarios/*.lesson | wc -l)
check "no lesson given: the page lists all $lessons lessons" \
  test "$(marker iolab-state data-lessons <"$work/list.html")" = "$lessons"
check "the list links to a lesson by URL" grep -q 'href="?lesson=01-recv-pending&amp;backend=linux"' "$work/list.html"
check "the page says it replays recorded runs and links to the desktop app" \
  grep -q 'replays runs recorded from the real engine.*' "$work/list.html"

# 2. A lesson from the URL plays to its end.
total=$(grep -c . "$web/data/traces/$lesson.linux.jsonl")
probe "$page" "$work/lesson.html" --screenshot "$work/lesson.png"
started=$(marker iolab-state data-started <"$work/lesson.html")
frames=$(marker iolab-state data-frames <"$work/lesson.html")
check "the app started ($lesson)" test "$started" = 1
check "it drew frames (data-frames=$frames)" test "${frames:-0}" -ge 1
check "the lesson played to its end: $total of $total transitions" \
  grep -q "finished: $total of $total transitions" "$work/lesson.html"
check "its last caption is shown" grep -q 'id="caption">4\. WSAGetOverlappedResult' "$work/lesson.html"
probe "$base?lesson=$lesson&speed=50&lang=ko" "$work/lesson-ko.html"
check "lang=ko: the caption is the Korean one" grep -q 'id="caption">4\. WSAGetOverlappedResult로' "$work/lesson-ko.html"

# Winsock's recording (made under Wine when build/windows-mingw has an iolab-cli.exe).
if [ -f "$web/data/traces/$lesson.winsock.jsonl" ]; then
  wtotal=$(grep -c . "$web/data/traces/$lesson.winsock.jsonl")
  probe "$base?lesson=$lesson&backend=winsock&speed=50" "$work/winsock.html"
  check "backend=winsock: Winsock's recording played to its end ($wtotal transitions)" \
    grep -q "finished: $wtotal of $wtotal transitions" "$work/winsock.html"
else
  echo "skip backend=winsock: no Winsock recording (no build/windows-mingw iolab-cli.exe)"
fi

# 3. The screenshot: not blank, and the lesson's lanes are drawn (the pending bar of the
# server's WSARecv lane is views/widgets.hpp colors::kPending, orange).
colours=$(convert "$work/lesson.png" -format %k info:)
check "the screenshot is not blank ($colours colours)" test "$colours" -ge 50
orange=$(convert "$work/lesson.png" -fuzz 12% -fill black +opaque "rgb(230,159,0)" -fill white \
  -opaque "rgb(230,159,0)" -format "%[fx:int(mean*w*h)]" info:)
check "the screenshot shows the pending lane ($orange orange pixels)" test "$orange" -ge 300

# The 2x2 matrix (M, then A: run all four) replays the four models' recorded runs: the
# non-blocking synchronous cell's WSAEWOULDBLOCK ticks are vermillion (colors::kFailed), which
# the lab's picture above does not have.
probe "$page" "$work/matrix.html" --keys "m a" --then-wait 3500 --screenshot "$work/matrix.png"
ticks=$(convert "$work/matrix.png" -fuzz 10% -fill black +opaque "rgb(213,94,0)" -fill white \
  -opaque "rgb(213,94,0)" -format "%[fx:int(mean*w*h)]" info:)
check "M, A: the matrix replays the recorded runs ($ticks WSAEWOULDBLOCK-tick pixels)" test "$ticks" -ge 1000
# Its second page (Tab, then A: run all five) replays the five Windows models recorded at build
# time: three lanes have a pending WSARecv across most of the width (orange, colors::kPending:
# about 23000 pixels; the 2x2 page's one pending bar in a half-width cell about 2000).
probe "$page" "$work/road.html" --keys "m Tab a" --then-wait 2500 --screenshot "$work/road.png"
orange=$(convert "$work/road.png" -fuzz 12% -fill black +opaque "rgb(230,159,0)" -fill white \
  -opaque "rgb(230,159,0)" -format "%[fx:int(mean*w*h)]" info:)
check "M, Tab, A: the Windows I/O models page replays the five ($orange pending-bar pixels)" \
  test "$orange" -ge 12000

# 4. Three failures, each a readable message in the page's status box.
probe "$base?lesson=no-such-lesson" "$work/no-trace.html"
check "a missing trace: the page says which lesson has no recorded run" \
  grep -q "iolab could not start: there is no recorded run of lesson 'no-such-lesson'" "$work/no-trace.html"
probe "$page" "$work/no-webgl.html" -- --disable-webgl
check "WebGL switched off: the page says so" \
  grep -q "iolab could not start: WebGL2 is switched off" "$work/no-webgl.html"
mkdir "$work/no-wasm"
cp "$web"/index.html "$web"/index.js "$web"/index.data "$web"/lessons.json "$work/no-wasm/"
serve "$work/no-wasm"
probe "${url}?lesson=$lesson" "$work/no-wasm.html"
check "a missing index.wasm: the page says it could not be loaded" \
  grep -q "iolab could not start: index.wasm could not be loaded" "$work/no-wasm.html"
for f in no-trace no-webgl no-wasm; do
  check "$f: the status box is shown, the canvas hidden" \
    grep -q '<div id="status" role="alert">iolab could not start' "$work/$f.html"
done

if [ "$fails" -gt 0 ]; then
  echo "test-web: $fails check(s) failed; the end of Chromium's log:" >&2
  tail -n 20 "$work/chromium.log" >&2
  exit 1
fi
echo "test-web: all checks passed"
