#!/usr/bin/env bash
# iolab --watch under Xvfb: two programs connect over real TCP in the probe's protocol
# (tests/gui/watch_sender.py: the recv-pending run's trace lines after the probe's name line, the server
# with one OVERLAPPED posted twice while pending). The app must show both as their own lanes
# labelled NAME[PID], draw the overlapped_reused flag on the timeline and in the log (English and
# Korean), keep the lab's controls disabled, say in the status bar where it listens, count both
# programs connected, then none after they leave (R posts nothing: the programs' 5 posts stay
# 5); a port in use is one line and exit 2; File > Watch a program from the live lab: a busy port
# says why and the lab stays, a typed free port starts watching, and the Lessons menu is then
# offered disabled with the reason (before, a lesson clicked while watching silently did nothing:
# planted by leaving the watching reason out, `view lessons-off` failed).
# Planted bugs, each seen failing: the session labels not set (watch-label failed); the
# pitfall's log line off by one (log-pitfall failed: the flagged line must be the transition
# that showed it); the feed drained only on the first two frames (the programs' leaving never
# seen: watch-connected=0 not reached); the menu's request watching on the port + 1 (the busy
# 7001 case started watching: controls-enabled failed).
# Usage: watch.sh IOLAB SOURCE_DIR OUTDIR
set -uo pipefail
iolab=$(realpath "$1") src=$(realpath "$2") out=$3
source "$(dirname "$0")/common.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d)
trap 'rm -rf "$cfg" "$work"; [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null' EXIT
trace=$src/tests/fuzz-corpus/fuzz_trace/recv-pending.jsonl
[ -s "$trace" ] || fail "no trace at $trace"

watch_run() {  # LANG SCREENSHOT: the app on a free port, the sender once it listens
  local lang=$1 png=$2
  : >"$work/app.out"
  xvfb --lang "$lang" --watch 0 --drive "
    view watching; view controls-disabled; view controls-presses=0
    wait-view watch-connected=2; view watch-seen=2
    wait-view watch-label=server.exe[4242]; view watch-label=client.exe[4343]
    wait-view timeline-pitfall=overlapped_reused
    hover 200 650; wheel 40; frames 3; view log-pitfall=overlapped_reused
    key R; frames 3; view controls-presses=0; view posted=5
    view status-fit; view no-engine-drops
    screenshot $png
    wait-view watch-connected=0; view watch-seen=2; view timeline-pitfall=overlapped_reused" \
    >"$work/app.out" 2>"$work/app.err" &
  app_pid=$!
  local port=""
  for _ in $(seq 600); do
    port=$(sed -n 's/^iolab: watching for programs on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/app.out")
    [ -n "$port" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$port" ] || fail "$lang: the app did not say where it listens: $(cat "$work/app.out" "$work/app.err")"
  "$py" "$(dirname "$0")/watch_sender.py" "$port" "$trace" "$work/app.out" \
    || fail "$lang: the sender: $(grep -v "^timeline: no pitfall\|^watch: no lane" "$work/app.err" | tail -20)"
  wait "$app_pid"
  local rc=$?
  app_pid=""
  [ "$rc" = 0 ] || fail "$lang: exit $rc: $(grep -v "^timeline: no pitfall\|^watch: no lane" "$work/app.err" | tail -20) $(tail -5 "$work/app.out")"
  grep -q "drive: done" "$work/app.out" || fail "$lang: the script did not finish"
  grep -q "iolab: watch: server.exe\[4242\] connected" "$work/app.out" || fail "$lang: no connected line"
  grep -q "iolab: watch: PITFALL overlapped_reused" "$work/app.out" || fail "$lang: no PITFALL line"
  [ "$(grep -c "iolab: watch: PITFALL" "$work/app.out")" = 1 ] || fail "$lang: not exactly one pitfall"
  [ -s "$png" ] || fail "$lang: no screenshot $png"
}
watch_run en "$out/watch-en.png"
watch_run ko "$out/watch-ko.png"
grep -q "glyphs missing from the atlas: 0" "$work/app.out" || fail "ko: glyphs missing: $(grep glyphs "$work/app.out")"

# A port in use: one line naming it, exit 2, no window.
"$py" -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); print(s.getsockname()[1], flush=True)
sys.stdin.read()' >"$work/busy" < <(sleep 30) &
busy_pid=$!
for _ in $(seq 100); do [ -s "$work/busy" ] && break; sleep 0.05; done
busy=$(cat "$work/busy")
log=$(xvfb --watch "$busy" --screenshot "$work/never.png" 2>&1)
rc=$?
kill "$busy_pid" 2>/dev/null
[ "$rc" = 2 ] || fail "port in use: exit $rc, not 2: $log"
grep -qx "iolab: --watch: cannot listen on 127.0.0.1:$busy: Address already in use" <<<"$log" \
  || fail "port in use: the message: $log"
[ ! -e "$work/never.png" ] || fail "port in use: a window was drawn"
# File > Watch a program, from the live lab: first on 7001 held by us (or by anyone: busy either
# way), which says why and leaves the lab as it was; then on a free port typed into the dialog.
free=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$py" -c 'import socket,sys
s=socket.socket()
try:
    s.bind(("127.0.0.1",7001)); s.listen()
except OSError: pass
print("held", flush=True); sys.stdin.read()' >"$work/held" < <(sleep 60) &
held_pid=$!
for _ in $(seq 100); do [ -s "$work/held" ] && break; sleep 0.05; done
log=$(xvfb --lang en --drive "frames 3; view controls-enabled; click 25 12; frames 4
  click-button Watch a program; frames 4; click-button Watch; frames 5; view controls-enabled
  click 25 12; frames 4; click-button Watch a program; frames 4; type $free; frames 2
  click-button Watch; frames 5; view watching; view controls-disabled; view watch-seen=0
  view lessons-off" 2>&1)
rc=$?
kill "$held_pid" 2>/dev/null
[ "$rc" = 0 ] || fail "File > Watch a program: exit $rc: $(grep -v "^timeline: no pitfall\|^watch: no lane" <<<"$log" | tail -20)"
grep -q "iolab: Cannot watch: cannot listen on 127.0.0.1:7001: Address already in use" <<<"$log" ||
  fail "File > Watch a program: no line for the busy port: $log"
grep -q "iolab: watching for programs on 127.0.0.1:$free$" <<<"$log" ||
  fail "File > Watch a program: not watching on the typed port $free: $log"

log=$(xvfb --watch 70000 2>&1); rc=$?
[ "$rc" = 2 ] && grep -q "needs a port from 0 to 65535, not '70000'" <<<"$log" || fail "bad port: $rc $log"
log=$(xvfb --watch 0 --replay x.jsonl 2>&1); rc=$?
[ "$rc" = 2 ] && grep -q "cannot be used together" <<<"$log" || fail "--watch with --replay: $rc $log"
echo "watch: ok"
