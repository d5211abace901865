#!/usr/bin/env bash
# The timeline's legend and the status bar at projector scales, under Xvfb. `view legend-fit`
# holds when every mark and label of the legend lay wholly inside the timeline panel on the last
# frame (the legend wraps onto more lines, and the panel is given their height); `view
# status-fit` the same for every field of the status bar (the counts and Dropped always; the
# port and the backend's label give way first when one line is too narrow). With R and S posted
# (three lanes, counts that are not 0), checked at UI scales 1.0, 1.25, 1.5, 1.75, 2.0 (Ctrl+=,
# fonts rebuilt) in 1920x1080, English and Korean, and at 1.0 in 1280x720; the 2x2 matrix's
# legend (the same LegendFlow) at 1.5; at 2.0 the 2x2 page gives its cells that height (the
# legend is in its "Legend (?)"), and items-fit holds there. Layouts nothing can
# fit must fail the checks, so they are not vacuous: scale 3 in 1280x720 (the legend), a window
# 320 px wide at scale 3 (the status bar).
# Usage: layout.sh IOLAB OUTDIR
set -uo pipefail
iolab=$(realpath "$1") out=$2
source "$(dirname "$0")/common.sh"
run() { rm -f "$cfg/iolab/settings.ini"; xvfb "$@"; }  # from default settings each time

posted="key R; wait recv pending; key S; wait recv result_fetched 100; frames 3"
fit="view legend-fit; view toolbar-fit; view status-fit"

for lang in en ko; do
  log=$(run --size 1920x1080 --lang "$lang" --drive "$posted; view scale=1; $fit;
    screenshot $out/layout-$lang-1.png;
    key Ctrl+=; frames 3; view scale=1.25; $fit;
    key Ctrl+=; frames 3; view scale=1.5; $fit; screenshot $out/layout-$lang-1.5.png;
    key Ctrl+=; frames 3; view scale=1.75; $fit;
    key Ctrl+=; frames 3; view scale=2; $fit; screenshot $out/layout-$lang-2.png;
    key M; frames 3; view matrix; view items-fit; key Ctrl+-; key Ctrl+-; frames 3;
    view scale=1.5; view legend-fit; screenshot $out/layout-$lang-matrix-1.5.png" 2>&1) \
    || fail "$lang, 1920x1080: $log"
  grep -q "drive: done" <<<"$log" || fail "$lang, 1920x1080: the script did not finish: $log"
  log=$(run --size 1280x720 --lang "$lang" --drive "$posted; view scale=1; $fit;
    screenshot $out/layout-$lang-1280x720.png" 2>&1) || fail "$lang, 1280x720: $log"
done

# Scale 3 in 1280x720: the legend cannot fit under a plot of a few lines. The check says so.
log=$(run --size 1280x720 --lang en --scale 3 --drive "frames 3; view legend-fit" 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q "drive: FAILED: view legend-fit" <<<"$log" \
  || fail "scale 3 in 1280x720: exit $rc, want the legend check to fail: $log"
grep -q "legend: '.*' is clipped" <<<"$log" || fail "scale 3: the clipped key not named: $log"

# Paused (the toolbar's longest state) at scale 2 in Korean: it wraps, nothing clipped.
log=$(run --size 1920x1080 --lang ko --drive "$posted; key Space; view paused; key Ctrl+=;
  key Ctrl+=; key Ctrl+=; key Ctrl+=; frames 3; view scale=2; $fit;
  screenshot $out/layout-ko-2-paused.png" 2>&1) || fail "ko, paused at scale 2: $log"
# 320 px wide at scale 3: even one button is wider than the panel, so the check must fail.
log=$(run --size 320x720 --lang en --scale 3 --drive "frames 3; view toolbar-fit" 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q "drive: FAILED: view toolbar-fit" <<<"$log" \
  || fail "320x720 at scale 3: exit $rc, want the toolbar check to fail: $log"
grep -q "toolbar: '.*' is clipped" <<<"$log" || fail "320 px: the clipped widget not named: $log"

# 320 px wide at scale 3 with 18 px text (54 px): the backend's name alone is wider than the
# bar. (At the 16 px a 720-line window gets by default, 48 px at scale 3, it just fits.)
log=$(run --size 320x720 --lang en --scale 3 --font-size 18 --drive "frames 3; view status-fit" \
  2>&1); rc=$?
[ $rc -ne 0 ] && grep -q "drive: FAILED: view status-fit" <<<"$log" \
  || fail "320x720 at scale 3: exit $rc, want the status check to fail: $log"
grep -q "status bar: '.*' is clipped" <<<"$log" || fail "320 px: the clipped field not named: $log"

for png in en-1 en-1.5 en-2 ko-1 ko-1.5 ko-2 ko-2-paused en-matrix-1.5 ko-matrix-1.5 en-1280x720 ko-1280x720; do
  [ -s "$out/layout-$png.png" ] || fail "missing screenshot layout-$png.png"
done
echo "layout: ok"
