#!/usr/bin/env bash
# What the timeline drew, read back from the pixels (a tolerant check beside `view
# timeline-lane=`, which counts draw calls): in 1920x1080 at scale 1, the band of the first lane
# (x 300-1860, y 280-430) holds the pending bar's orange (colors::kPending, #E69F00, within 10%)
# once R has gone pending, and next to none before. Planted bug: draw_pending_bar (views/widgets)
# drew nothing -> "pending bar: 0 orange pixels" failed here while every `view` check held.
# Usage: timeline_pixels.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"

band=1560x150+300+280
orange() {  # pixels of the band near #E69F00
  convert "$1" -crop "$band" +repage -fuzz 10% -fill black +opaque '#E69F00' \
    -fill white -opaque '#E69F00' -format '%[fx:round(mean*w*h)]' info:
}

log=$(xvfb --size 1920x1080 --lang en --drive "frames 3; screenshot $out/timeline-empty.png;
  key R; wait recv pending; frames 20; view timeline-lane=server-WSARecv-0:bars=1;
  screenshot $out/timeline-pending.png" 2>&1) || fail "drive: $log"
grep -q "drive: done" <<<"$log" || fail "the script did not finish: $log"
for png in timeline-empty timeline-pending; do
  [ -s "$out/$png.png" ] || fail "missing screenshot $out/$png.png"
done
before=$(orange "$out/timeline-empty.png") after=$(orange "$out/timeline-pending.png")
echo "orange pixels in the first lane's band: $before before R, $after with R pending"
[ "$before" -lt 200 ] || fail "before R: $before orange pixels (the band is not the lane's?)"
[ "$after" -ge 2000 ] || fail "pending bar: $after orange pixels, want >= 2000"
echo "timeline_pixels: ok"
