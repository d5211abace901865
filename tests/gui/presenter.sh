#!/usr/bin/env bash
# The presenter window (--presenter): a second OS window by ImGui's multi-viewports, with the
# next step, the keys and the controls; the projector window keeps the timeline, code and
# caption. Under Xvfb (one screen) both windows open, each is written to its own PNG, a click
# on the presenter window's Post WSARecv posts (the lab's count), the layout checks pass in both
# windows, Korean included.
# Planted bug, failed here: the presenter window without ImGuiViewportFlags_NoAutoMerge (it
# merges into the projector window: `view presenter-window` failed).
# Usage: presenter.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"
for lang in en ko; do
  rm -f "$out/presenter-$lang-"*.png
  log=$(xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1280x720 --lang "$lang" \
    --layout projector --presenter --drive "
    frames 3; view presenter-window; view projector-only;
    click-button $([ $lang = en ] && echo "Post WSARecv" || echo "WSARecv 걸기"); wait recv pending; view posted=1;
    key S; wait recv result_fetched 100; frames 3; view items-fit; view lanes-fit;
    screenshot $out/presenter-$lang-projector.png;
    screenshot-presenter $out/presenter-$lang-presenter.png" 2>&1) || fail "$lang: $log"
  grep -q "drive: done" <<<"$log" || fail "$lang: the script did not finish: $log"
  for png in projector presenter; do
    [ -s "$out/presenter-$lang-$png.png" ] || fail "$lang: missing presenter-$lang-$png.png"
  done
  # The presenter window is its own, smaller window.
  size=$(identify -format "%wx%h" "$out/presenter-$lang-presenter.png")
  [ "$size" != 1280x720 ] || fail "$lang: the presenter screenshot is the projector's size"
done
echo "presenter: ok"
