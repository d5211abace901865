#!/usr/bin/env bash
# The controls strip at projector scales, under Xvfb. `view controls-fit` holds when no control
# of the strip (button, number box, label, "(?)") was clipped on the last frame: each lies
# wholly inside its column on screen, so it can be seen and clicked. Checked at UI scales 1.0,
# 1.25, 1.5, 1.75, 2.0 (Ctrl+=, fonts rebuilt) in a 1920x1080 window and in 1280x720, in
# English and Korean. At scale 2 the buttons that used to be clipped (Resume reading, Small
# buffers, the bytes box) are clicked through ImGui's mouse input and do their work. A layout
# nothing can fit (scale 3 in 1280x720) must fail the check, so the check is not vacuous.
# Usage: controls.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"
run() { rm -f "$cfg/iolab/settings.ini"; xvfb "$@"; }  # from default settings each time

# Scale 1.0 up to 2.0, the strip checked at each step.
scales() {  # $1: a name for the screenshots
  echo "frames 3; view scale=1; view controls-fit;
    key Ctrl+=; frames 3; view scale=1.25; view controls-fit;
    key Ctrl+=; frames 3; view scale=1.5; view controls-fit; screenshot $out/controls-$1-1.5.png;
    key Ctrl+=; frames 3; view scale=1.75; view controls-fit;
    key Ctrl+=; frames 3; view scale=2; view controls-fit; screenshot $out/controls-$1-2.png"
}

# English at 1920x1080, then at scale 2: Cancel pending, Reset lab, Resume reading (server,
# wrapped onto its second line), Small buffers and the bytes box (a send goes pending only
# with small buffers: the click worked), as in cancel_reset.drive and send_pending.drive.
log=$(run --size 1920x1080 --lang en --drive "$(scales en);
  key R; wait recv pending; click-button Cancel pending; wait recv canceled;
  click-button Reset lab; frames 20;
  click-button Small buffers; frames 3; click-button bytes; frames 2; type 65536; key Enter;
  frames 2; key S; frames 2; key S; frames 2; key S; frames 2; key S; frames 2; key S; frames 2;
  key S; frames 2; wait send pending; view controls-fit;
  click-button Resume reading; wait send result_fetched 65536; frames 3; view controls-fit;
  click-button Stop reading; frames 3; view controls-fit" \
  --screenshot "$out/controls-en-final.png" 2>&1) || fail "English, 1920x1080: $log"
grep -q "drive: done" <<<"$log" || fail "English, 1920x1080: the script did not finish: $log"

# Korean at 1920x1080 (longer words in places), then at scale 2 the reading toggle both ways.
log=$(run --size 1920x1080 --lang ko --drive "$(scales ko);
  click-button 다시 읽기; frames 3; click-button 읽기 멈춤; frames 3; view controls-fit" \
  --screenshot "$out/controls-ko-final.png" 2>&1) || fail "Korean, 1920x1080: $log"
grep -q "glyphs missing from the atlas: 0" <<<"$log" || fail "Korean glyphs: $log"

# A smaller window (its fonts are smaller too), both languages.
for lang in en ko; do
  log=$(run --size 1280x720 --lang "$lang" --drive "$(scales "$lang-1280x720")" 2>&1) \
    || fail "$lang, 1280x720: $log"
done

# Scale 3 in 1280x720: "Post WSARecv [R]" alone is wider than its column. The check says so.
log=$(run --size 1280x720 --lang en --scale 3 --drive "frames 3; view controls-fit" 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q "drive: FAILED: view controls-fit" <<<"$log" \
  || fail "scale 3 in 1280x720: exit $rc, want the check to fail: $log"
grep -q "controls: 'Post WSARecv" <<<"$log" || fail "scale 3: the clipped control not named: $log"

for png in en-1.5 en-2 en-final ko-1.5 ko-2 ko-final en-1280x720-1.5 ko-1280x720-2; do
  [ -s "$out/controls-$png.png" ] || fail "missing screenshot controls-$png.png"
done
echo "controls: ok"
