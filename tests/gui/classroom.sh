#!/usr/bin/env bash
# Classroom mode under Xvfb at 1920x1080: a Korean screenshot with no glyph missing from the
# atlas (and the English fallback without a Hangul font), a scale-2.0 light-theme screenshot,
# settings read back from the ini, a lesson played to its end (--script) with the expected
# model, a saved trace replayed (paused, fit, zoomed), the File menu (Save trace, Chrome
# trace, PNG) clicked and its trace replayed, and a bad --script / --replay: exit 2 with
# FILE:LINE.
# Usage: classroom.sh IOLAB SOURCE_DIR OUTDIR
set -uo pipefail
iolab=$(realpath "$1") src=$(realpath "$2") out=$3
source "$(dirname "$0")/common.sh"
run() { xvfb --size 1920x1080 "$@"; }  # settings kept from run to run

# Korean: Hangul in the atlas for every string drawn.
log=$(run --lang ko --screenshot "$out/classroom-ko.png" 2>&1) || fail "ko run: $log"
grep -q "language ko, glyphs missing from the atlas: 0" <<<"$log" || fail "ko glyphs: $log"
grep -q "printf conversions" <<<"$log" && fail "Korean format strings differ: $log"
# No Hangul font: English, and it says so.
log=$(IOLAB_HANGUL_FONT=none run --lang ko --screenshot "$out/classroom-nofont.png" \
      --frames 3 2>&1) || fail "no-font run: $log"
grep -q "language en" <<<"$log" || fail "no Hangul font: not English: $log"
grep -q "No Hangul font" <<<"$log" || fail "no Hangul font: no notice: $log"

# Projector: scale 2.0 (fonts rebuilt at 48 px), light theme.
log=$(run --lang ko --scale 2 --theme light --screenshot "$out/classroom-ko-scale2.png" 2>&1) \
  || fail "scale 2 run: $log"
grep -q "glyphs missing from the atlas: 0" <<<"$log" || fail "scale 2 glyphs: $log"

# Keys through GLFW's callbacks: Ctrl+= / Ctrl+- rebuild the fonts in steps of 0.25, F11
# toggles fullscreen, P presenter mode; the new scale is written to the ini.
log=$(run --lang ko --drive "key Ctrl+=; frames 3; view scale=1.25; key Ctrl+=; frames 3;
      key Ctrl+=; frames 3; key Ctrl+=; frames 3; view scale=2; key Ctrl+-; frames 3;
      view scale=1.75; key F11; frames 5; view fullscreen; key F11; frames 5; view windowed;
      key P; frames 2; view presenter; click 900 600; frames 3;
      screenshot $out/classroom-keys-presenter.png" \
      --screenshot "$out/classroom-keys.png" 2>&1) || fail "keys: $log"
grep -q "glyphs missing from the atlas: 0" <<<"$log" || fail "keys: glyphs: $log"
grep -q "scale = 1.75" "$cfg/iolab/settings.ini" || fail "scale not saved: $(cat "$cfg/iolab/settings.ini")"

# Settings persist: the ini decides when no flag does.
mkdir -p "$cfg/iolab"
printf 'scale = 1.5\ntheme = light\nlang = ko\n' >"$cfg/iolab/settings.ini"
log=$(run --screenshot "$out/classroom-settings.png" --frames 3 2>&1) || fail "settings: $log"
grep -q "language ko" <<<"$log" || fail "settings ini not read: $log"
rm "$cfg/iolab/settings.ini"

# A lesson plays to its end in the GUI, pauses included (unattended), in Korean.
log=$(run --lang ko --script "$src/assets/scenarios/01-recv-pending.lesson" \
      --screenshot "$out/classroom-lesson01.png" 2>&1) || fail "lesson 01: $log"
grep -q "lesson: finished" <<<"$log" || fail "lesson 01 did not finish: $log"
grep -q "WSARecv last result_fetched bytes 100 path 1-2-3-4" <<<"$log" \
  || fail "lesson 01 end state: $log"
grep -q "glyphs missing from the atlas: 0" <<<"$log" || fail "lesson 01 glyphs: $log"
# The pitfall: the pending 100-byte send completes whole, after the buffer was overwritten.
log=$(run --script "$src/assets/scenarios/05-touch-buffer.lesson" \
      --screenshot "$out/classroom-lesson05.png" 2>&1) || fail "lesson 05: $log"
grep -q "WSASend last result_fetched bytes 100 path 1-2-3-4" <<<"$log" \
  || fail "lesson 05 end state: $log"

# Replay of a saved trace (iolab-cli's jsonl is the same format as File > Save trace).
# iolab-cli is built beside iolab (same build tree); without it this section would not run, so
# its absence is a failure, not a skip.
cli=$(dirname "$iolab")/iolab-cli
[ -x "$cli" ] || fail "iolab-cli not found at $cli (build the iolab-cli target)"
"$cli" run "$src/assets/scenarios/01-recv-pending.lesson" --format jsonl >"$out/run.jsonl" \
  || fail "iolab-cli run"
# Paused, fit, zoomed with the wheel, all on the replayed model (no engine).
log=$(run --replay "$out/run.jsonl" --drive "key F; frames 3; view not-following;
      expect recv result_fetched 100; hover 1000 330; wheel 4; frames 3; key Space; frames 2;
      view paused; screenshot $out/classroom-replay-zoomed.png" \
      --screenshot "$out/classroom-replay.png" 2>&1) || fail "replay: $log"
grep -q "drive: done" <<<"$log" || fail "replay drive: $log"

# The File menu, clicked through ImGui's mouse input (English, 24 px at 1080): Save trace,
# Export > Chrome trace JSON, Export > PNG, each through the file chooser (its Save button: the
# current folder and a time-stamped name; the Chrome trace into the subfolder `sub`, clicked in
# its list); the saved trace replays with the same end state. (Planted: the chooser's folder
# ignored on Save: the Chrome trace landed beside the others and the check below failed.)
menu=$(mktemp -d)
mkdir "$menu/sub"
steps="key R; wait recv pending; key S; wait recv result_fetched 100;
  click 40 16; frames 4; click 150 46; frames 4; click-button Save; frames 5;
  click 40 16; frames 4; hover 150 88; frames 6; hover 400 88; frames 4; click 480 88; frames 4;
  click-button sub; frames 4; screenshot $out/classroom-chooser.png; click-button Save; frames 5;
  click 40 16; frames 4; hover 150 88; frames 6; hover 400 117; frames 4; click 420 117; frames 4;
  click-button Save; frames 8"
log=$(cd "$menu" && run --lang en --drive "$steps" --screenshot "$out/classroom-menu.png" 2>&1) \
  || fail "menu run: $log"
trace=$(ls "$menu"/iolab-*.jsonl 2>/dev/null | head -1)
chrome=$(ls "$menu"/sub/iolab-*.chrome.json 2>/dev/null | head -1)
[ -s "$trace" ] || fail "File > Save trace wrote nothing: $log"
[ -s "$chrome" ] || fail "Export > Chrome trace wrote nothing: $log"
# The chooser keeps the folder it was last in: the PNG goes to sub/ too.
ls "$menu"/sub/iolab-*.png >/dev/null 2>&1 || fail "Export > PNG wrote nothing: $log"
python3 - "$chrome" <<'PY' || fail "Chrome trace: not the expected JSON"
import json, sys
d = json.load(open(sys.argv[1]))
phases = {e["ph"] for e in d["traceEvents"]}
assert {"M", "X", "i"} <= phases, phases
assert any(e["ph"] == "X" and e["name"].startswith("WSARecv") for e in d["traceEvents"])
PY
log=$(run --replay "$trace" --drive "expect recv result_fetched 100; expect send completed_immediately" \
      --screenshot "$out/classroom-replay-saved.png" 2>&1) || fail "replay of the saved trace: $log"
rm -rf "$menu"

# Bad files: every FILE:LINE on stderr, exit 2, no window needed.
printf 'caption "x"\nserver.recv 0\nbogus\n' >"$out/bad.lesson"
err=$("$iolab" --script "$out/bad.lesson" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "bad --script: exit $rc, want 2"
grep -q "bad.lesson:2: " <<<"$err" && grep -q "bad.lesson:3: " <<<"$err" \
  || fail "bad --script: want FILE:LINE for lines 2 and 3: $err"
printf '\n{"seq":oops}\n' >"$out/bad.jsonl"
err=$("$iolab" --replay "$out/bad.jsonl" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "bad --replay: exit $rc, want 2"
grep -q "bad.jsonl:2: " <<<"$err" || fail "bad --replay: want FILE:LINE: $err"
err=$("$iolab" --lang fr 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "--lang fr: exit $rc"
err=$("$iolab" --scale 4 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "--scale 4: exit $rc"

for png in ko nofont ko-scale2 settings lesson01 lesson05; do
  [ -s "$out/classroom-$png.png" ] || fail "missing screenshot classroom-$png.png"
done
echo "classroom: ok"
