#!/usr/bin/env bash
# A tap inside one slow frame still counts. The app's frames are stalled for 100 ms at a time
# (SIGSTOP ... SIGCONT: the whole process frozen, as a loaded machine or a slow frame does);
# during each stall R is tapped once from outside, as a person's keyboard does (xdotool: X key
# events, GLFW's key callback, ImGui's GLFW backend, io.AddKeyEvent), 10 ms down, then up. So
# the press and the release of each tap reach the app together, in one frame. 20 taps: 20
# WSARecv posted, all 20 pending (no data is sent). ImGui's input queue trickles the press and
# the release over two frames; Dear ImGui 1.86 (main before the move to 1.92) sampled key state
# once per frame and saw none of them: against that build this test failed at `wait-posted 20`
# with posted 0.
# Usage: input_taps.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"
command -v xdotool >/dev/null || fail "xdotool is missing (apt-get install xdotool)"
log=$out/input_taps.log

# Runs inside the X server: the app in the background, the taps from here.
taps() {
  local iolab=$1 out=$2 log=$3
  "$iolab" --size 1280x720 --lang en \
    --drive "view lab; wait-posted 20; frames 10; view posted=20; view pending=20" \
    --screenshot "$out/input_taps.png" >"$log" 2>&1 &
  local pid=$!
  # The drive's first step runs once the lab's connection is accepted: R can post from then.
  for _ in $(seq 200); do grep -q "drive: ok: view lab" "$log" && break; sleep 0.05; done
  local window
  window=$(xdotool search --sync --name "Overlapped I/O Lab" | head -1)
  xdotool windowfocus --sync "$window"
  for _ in $(seq 20); do
    kill -STOP "$pid"
    xdotool keydown r
    sleep 0.01
    xdotool keyup r
    sleep 0.09
    kill -CONT "$pid"
    sleep 0.1  # a few frames between stalls
  done
  wait "$pid"
}
xvfb-run -a -s "-screen 0 1920x1080x24" bash -c "$(declare -f taps); taps \"\$@\"" _ \
  "$iolab" "$out" "$log"
rc=$?
[ $rc -eq 0 ] || fail "exit $rc: $(cat "$log")"
grep -q "drive: done" "$log" || fail "the script did not finish: $(cat "$log")"
grep -q "posted 20 .*pending 20" "$log" || fail "want posted 20, pending 20: $(cat "$log")"
echo "input taps: ok (20 taps inside stalled frames, 20 posted, 20 pending)"
