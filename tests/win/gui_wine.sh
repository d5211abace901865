#!/usr/bin/env bash
# iolab.exe from the Windows zip, run under Wine in one Xvfb screen (1920x1080, no window
# manager), with a real window and a real OpenGL 3.3 core context (Mesa through Wine's opengl32):
#   1. --screenshot writes a real picture (its size, more than a few colours), and the time to
#      the first frame is printed (--bench-first-frame);
#   2. the --drive run of the lecture's receive passes on Winsock; the matrix's second page runs
#      the five Windows models on Winsock;
#   3. a lesson plays to its end;
#   4. a trace saved by iolab.exe (File > Save trace) replays in the Linux iolab, and one saved
#      by the Linux iolab replays in iolab.exe;
#   5. real X input: an xdotool key press R and an xdotool click on Post WSARecv each post one
#      receive.
# Usage: tests/win/gui_wine.sh PACKAGE_DIR LINUX_IOLAB OUTDIR   (tools/test-windows.sh calls it
# with the unpacked zip; WINEPREFIX is the checkout's, as tools/wine-run.sh makes it)
set -uo pipefail
if [[ ${1:-} != --inside ]]; then
  # One X server for every step: Wine's desktop belongs to the display it first met.
  exec xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" --inside "$@"
fi
shift
pkg=$(realpath "$1") linux_iolab=$(realpath "$2") out=$(realpath -m "$3")
tools=$(cd "$(dirname "$0")/../../tools" && pwd)
: "${WINEPREFIX:?WINEPREFIX: set it to the prefix of tools/wine-run.sh}"
mkdir -p "$out"
work=$(mktemp -d /tmp/iolab-gui-wine.XXXXXX)
export XDG_CONFIG_HOME=$work/config  # never the teacher's own settings (both builds read it)
stop_wine() { /usr/lib/wine/wineserver -k 2>/dev/null; }  # this prefix's wineserver only
app_pid=""
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null
  stop_wine
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "gui-wine: FAIL: $*"
  exit 1
}
# The Windows program's output with Wine's CRLF line ends made LF. Files, not pipes: Wine's
# helper processes keep a pipe they inherited open until the wineserver ends.
wine_app() {
  local log=$1
  shift
  (cd "$pkg" && "$tools/wine-run.sh" ./iolab.exe "$@") >"$log.raw" 2>&1
  local rc=$?
  tr -d '\r' <"$log.raw" >"$log"
  return $rc
}
stop_wine  # a wineserver left from another display would give Wine that display's size

# --- 1. A real picture, and the time to the first frame.
wine_app "$work/shot.log" --lang en --size 1600x900 --screenshot "$out/wine-first.png" ||
  fail "screenshot run: $(cat "$work/shot.log")"
[[ $(identify -format '%wx%h' "$out/wine-first.png" 2>/dev/null) == 1600x900 ]] ||
  fail "the screenshot is not 1600x900: $(cat "$work/shot.log")"
colours=$(convert "$out/wine-first.png" -format '%k' info:)
((colours >= 64)) || fail "the screenshot is blank ($colours colours)"
wine_app "$work/first.log" --size 1600x900 --bench-first-frame || fail "$(cat "$work/first.log")"
first_ms=$(sed -n 's/^first_frame_ms_from_main=//p' "$work/first.log")
[[ -n $first_ms ]] || fail "no first frame figure: $(cat "$work/first.log")"
echo "   screenshot: 1600x900, $colours colours; first frame ${first_ms} ms after main()"

# --- 2. The lecture's receive on Winsock, Korean text drawn from the shipped NanumGothic.
wine_app "$work/drive.log" --lang ko --size 1600x900 \
  --drive "key R; wait recv pending; key S; wait recv result_fetched 100; view backend-winsock" \
  --screenshot "$out/wine-drive-ko.png" || fail "drive: $(cat "$work/drive.log")"
grep -q "^drive: done" "$work/drive.log" || fail "drive: not done: $(cat "$work/drive.log")"
grep -q "WSARecv last result_fetched bytes 100 path 1-2-3-4" "$work/drive.log" ||
  fail "drive: the receive did not pend and complete: $(cat "$work/drive.log")"
grep -q "language ko, glyphs missing from the atlas: 0" "$work/drive.log" ||
  fail "drive: Hangul glyphs missing: $(cat "$work/drive.log")"
echo "   drive: WSARecv pending -> signaled -> result fetched (100 bytes) on Winsock, Korean," \
  "no glyph missing"

# --- 2b. The matrix's second page on Winsock: the five Windows models for real, each lane
# drawn in order with Winsock's own event words (completion_queued, then the routine in
# SleepEx; the packet dequeued by GetQueuedCompletionStatus).
wine_app "$work/road.log" --lang ko --size 1600x900 \
  --drive "key M; frames 3; key Tab; frames 3; view matrix-road; key A;
    wait-view matrix-road-finished; frames 5; view matrix-road-outcomes;
    view matrix-road-lane=2:event_select:blocked,signaled,network_events,completed_immediately;
    view matrix-road-lane=4:completion_routine:posted,pending,completion_queued,blocked,callback;
    view matrix-road-lane=5:iocp:posted,pending,blocked,dequeued" \
  --screenshot "$out/wine-matrix-road-ko.png" || fail "road: $(cat "$work/road.log")"
grep -q "^drive: done" "$work/road.log" || fail "road: not done: $(cat "$work/road.log")"
echo "   matrix, Windows I/O models: five lanes on Winsock, in order, with their event words"

# --- 3. Lessons to their end: the event model's, and the completion routine's (SleepEx's
# alertable wait runs the routine on Winsock's own terms).
for lesson in 01-recv-pending.lesson 09-completion-routine.lesson; do
  wine_app "$work/lesson.log" --lang en --size 1600x900 --script "lessons/$lesson" \
    --screenshot "$out/wine-${lesson%.lesson}.png" || fail "lesson: $(cat "$work/lesson.log")"
  grep -q "^lesson: finished" "$work/lesson.log" || fail "lesson: $(cat "$work/lesson.log")"
  echo "   lesson $lesson: $(grep '^lesson: finished' "$work/lesson.log")"
done

# --- 4. Traces both ways, saved through File > Save trace and the file chooser's Save button
# (English, 24 px at 1080 lines: the menu's places as in tests/gui/classroom.sh).
save_steps="key R; wait recv pending; key S; wait recv result_fetched 100;
  click 40 16; frames 4; click 150 46; frames 4; click-button Save; frames 5"
replay_steps="expect recv result_fetched 100; expect send completed_immediately"  # + backend
mkdir -p "$work/from-wine" "$work/from-linux"
(cd "$work/from-wine" && "$tools/wine-run.sh" "$pkg/iolab.exe" --lang en --size 1920x1080 \
  --drive "$save_steps") >"$work/save-wine.log" 2>&1 ||
  fail "iolab.exe saving a trace: $(tr -d '\r' <"$work/save-wine.log")"
wine_trace=$(ls "$work"/from-wine/iolab-*.jsonl 2>/dev/null | head -1)
[[ -s $wine_trace ]] || fail "iolab.exe saved no trace: $(tr -d '\r' <"$work/save-wine.log")"
grep -q '"backend":"Winsock"' "$wine_trace" || fail "iolab.exe's trace is not Winsock's: $(head -2 "$wine_trace")"
"$linux_iolab" --lang en --replay "$wine_trace" --drive "$replay_steps; view backend-winsock" \
  --screenshot "$out/linux-replays-wine.png" >"$work/replay-linux.log" 2>&1 ||
  fail "the Linux iolab replaying iolab.exe's trace: $(cat "$work/replay-linux.log")"
(cd "$work/from-linux" && "$linux_iolab" --lang en --size 1920x1080 --drive "$save_steps") \
  >"$work/save-linux.log" 2>&1 ||
  fail "the Linux iolab saving a trace: $(cat "$work/save-linux.log")"
linux_trace=$(ls "$work"/from-linux/iolab-*.jsonl 2>/dev/null | head -1)
[[ -s $linux_trace ]] || fail "the Linux iolab saved no trace: $(cat "$work/save-linux.log")"
wine_app "$work/replay-wine.log" --lang en --replay "$linux_trace" \
  --drive "$replay_steps; view backend-linux" \
  --screenshot "$out/wine-replays-linux.png" ||
  fail "iolab.exe replaying the Linux trace: $(cat "$work/replay-wine.log")"
echo "   traces: iolab.exe's ($(wc -l <"$wine_trace") lines) replays on Linux;" \
  "Linux's ($(wc -l <"$linux_trace") lines) replays in iolab.exe"

# --- 5. Real X input. The app waits (frame budget) for each post; this script acts on each
# line the app prints, never on a guessed delay. The window is placed at (0, 0) and focused
# explicitly: there is no window manager to do it. The desk layout: Post WSARecv where the
# click below aims (as the older GUI tests, tests/gui/common.sh).
(cd "$pkg" && exec "$tools/wine-run.sh" ./iolab.exe --lang en --size 1600x900 --layout desk \
  --drive "wait-posted 1; frames 40; view posted=1; wait-posted 2; frames 40; view posted=2;
           view controls-presses=2") \
  >"$work/input.raw" 2>&1 &
app_pid=$!
# await TEXT: until the app printed TEXT (or exited); bounded.
await() {
  for _ in $(seq 600); do
    tr -d '\r' <"$work/input.raw" | grep -q "$1" && return 0
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
wid=$(timeout 60 xdotool search --sync --onlyvisible --name "^Overlapped I/O Lab$" | head -1)
[[ -n $wid ]] || fail "xdotool: no iolab.exe window: $(tr -d '\r' <"$work/input.raw")"
xdotool windowmove "$wid" 0 0 windowsize "$wid" 1600 900 windowfocus --sync "$wid" ||
  fail "xdotool could not place or focus the window"
xdotool key --delay 50 r
# After the key's post and 40 quiet frames, exactly one: only then the click.
await "ok: view posted=1" || fail "key R did not post exactly one: $(tr -d '\r' <"$work/input.raw")"
# Post WSARecv [R]: the controls strip's first button (English, 20 px text at 900 lines).
xdotool mousemove --window "$wid" 90 80 click 1
wait "$app_pid"
rc=$?
app_pid=""
tr -d '\r' <"$work/input.raw" >"$work/input.log"
((rc == 0)) || fail "real input (exit $rc): $(cat "$work/input.log")"
grep -q "^transitions [0-9]* posted 2 " "$work/input.log" ||
  fail "real input: want exactly 2 posts (one key, one click): $(cat "$work/input.log")"
[[ $(grep -c "^op [0-9]* session 1 .*WSARecv" "$work/input.log") == 2 ]] ||
  fail "real input: want two WSARecv on the server: $(cat "$work/input.log")"
echo "   real input: xdotool key R -> 1 WSARecv, xdotool click on Post WSARecv -> 1 WSARecv"
echo "gui-wine: ok"
