#!/usr/bin/env bash
# A presentation remote on the projector layout: Page Down, Page Up, B and period, each a tap
# (down and up within one frame, as a clicker sends them) through ImGui's input queue.
# - Page Down in the free lab posts the server's WSARecv, then the client's WSASend, in turn;
# - Page Up takes the timeline's view and the caption one step back, and the caption says that
#   only the view went back: the lab's counts stay (posted=2 after the step back);
# - ten taps on ten frames in a row post ten ops (every press counts);
# - B and period blank the window to black (the screenshot is all black) and bring it back.
# Planted bugs, each failed here: io.ConfigInputTrickleEventQueue = false (a tap's press and
# release in one frame: clicker-presses=1 never reached); the blank toggled on B only (period:
# `view blank` failed).
# Usage: clicker.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"
rm -f "$out"/clicker-*.png
taps=""
for i in $(seq 10); do taps+="tap PageDown; "; done
log=$(xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --lang en \
  --layout projector --drive "
  tap PageDown; frames 2; view clicker-presses=1; wait recv pending; view posted=1;
  screenshot $out/clicker-1.png;
  tap PageDown; wait recv result_fetched 100; view posted=2; view clicker-presses=2;
  tap PageUp; frames 2; view clicker-presses=3; view caption-back; view not-following;
  view posted=2; screenshot $out/clicker-back.png;
  $taps wait-view clicker-presses=13; wait-posted 12; frames 3; view posted=12;
  tap B; frames 2; view blank; screenshot $out/clicker-blank.png; tap B; frames 2; view not-blank;
  tap Period; frames 2; view blank; tap Period; frames 2; view not-blank;
  view items-fit" 2>&1) || fail "$log"
grep -q "drive: done" <<<"$log" || fail "the script did not finish: $log"
# Blank means black: no pixel above 0 in any channel.
max=$(convert "$out/clicker-blank.png" -format "%[fx:maxima]" info:)
[ "$max" = 0 ] || fail "the blanked window is not black (brightest channel $max)"
for png in 1 back; do [ -s "$out/clicker-$png.png" ] || fail "missing clicker-$png.png"; done
echo "clicker: ok"
