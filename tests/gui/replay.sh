#!/usr/bin/env bash
# Replay mode's controls, under Xvfb at 1920x1080. In the live lab the strip is enabled and a
# click on Post WSARecv is counted and posts (so the count of 0 below means something). In a
# replay (--replay, no engine) the strip is drawn disabled under a note: clicks on Post WSARecv,
# Post WSASend and Reset lab and the keys R and S do nothing (`controls-presses=0`), and the
# model is still the whole trace (before, Reset lab cleared it); the note, the legend and the
# status bar fit at scale 1 in English and Korean (no glyph missing for the note); at scale 2
# the disabled strip gives way so the timeline's legend and the status bar still fit.
# The trace: the recv-pending scenario recorded by iolab-cli (tests/fuzz-corpus).
# Usage: replay.sh IOLAB SOURCE_DIR OUTDIR
set -uo pipefail
iolab=$(realpath "$1") src=$(realpath "$2") out=$3
source "$(dirname "$0")/common.sh"
run() { xvfb --size 1920x1080 "$@"; }  # settings kept from run to run
trace=$src/tests/fuzz-corpus/fuzz_trace/recv-pending.jsonl
[ -s "$trace" ] || fail "no trace at $trace"
# The model printed at the end must be the trace's: every transition, its posts only.
whole="transitions $(wc -l <"$trace") posted $(grep -c '"event":"posted"' "$trace") "

# The live lab: enabled, and a click is an action.
log=$(run --lang en --drive "frames 2; view controls-enabled; view controls-presses=0;
  click-button Post WSARecv; wait recv pending; view controls-presses=1;
  key S; wait recv result_fetched 100; view controls-presses=2" 2>&1) || fail "live lab: $log"
grep -q "drive: done" <<<"$log" || fail "live lab: the script did not finish: $log"

# A replay in English: disabled, nothing it is asked does anything.
log=$(run --lang en --replay "$trace" --drive "frames 3; view controls-disabled;
  view controls-presses=0; click-button Post WSARecv; frames 4; click-button Post WSASend;
  frames 4; click-button Reset lab; frames 4; key R; frames 2; key S; frames 3;
  view controls-presses=0; view controls-disabled; expect recv result_fetched 100;
  view controls-fit; view legend-fit; view status-fit" \
  --screenshot "$out/replay-en.png" 2>&1) || fail "replay, English: $log"
grep -q "drive: done" <<<"$log" || fail "replay, English: the script did not finish: $log"
grep -q "^$whole" <<<"$log" || fail "replay, English: want '$whole...', the trace changed: $log"

# In Korean, the note's glyphs are in the atlas.
log=$(run --lang ko --replay "$trace" --drive "frames 3; view controls-disabled;
  click-button WSARecv; frames 4; key R; frames 3; view controls-presses=0;
  view controls-fit; view legend-fit; view status-fit" \
  --screenshot "$out/replay-ko.png" 2>&1) || fail "replay, Korean: $log"
grep -q "glyphs missing from the atlas: 0" <<<"$log" || fail "replay, Korean glyphs: $log"
grep -q "^$whole" <<<"$log" || fail "replay, Korean: the trace changed: $log"

# Scale 2: the disabled strip gives way to the timeline.
log=$(run --lang en --scale 2 --replay "$trace" --drive "frames 4; view controls-disabled;
  view legend-fit; view status-fit" --screenshot "$out/replay-en-2.png" 2>&1) \
  || fail "replay at scale 2: $log"

# File > Live lab: from the replay to a live lab in the same process. The trace goes, the
# controls come back and post on a real engine. (Planted: the request ignored: controls-enabled
# failed.)
log=$(run --lang en --replay "$trace" --drive "frames 3; view controls-disabled; click 40 16;
  frames 4; click-button Live lab; frames 5; view controls-enabled; view posted=0;
  key R; wait recv pending; view posted=1; key S; wait recv result_fetched 100" \
  --screenshot "$out/replay-live.png" 2>&1) || fail "replay to live lab: $log"
grep -q "drive: done" <<<"$log" || fail "replay to live lab: the script did not finish: $log"
grep -q "iolab: Live lab on port" <<<"$log" || fail "replay to live lab: no message: $log"

for png in en ko en-2 live; do
  [ -s "$out/replay-$png.png" ] || fail "missing screenshot replay-$png.png"
done
echo "replay: ok"
