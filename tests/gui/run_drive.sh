#!/usr/bin/env bash
# Runs iolab under Xvfb at 1920x1080 with a --drive script; ${OUT} in the script becomes the
# screenshot folder. Fails when the app exits non-zero (a wait ran out of frames, an expect
# did not hold) or a screenshot is missing.
# Usage: run_drive.sh IOLAB SCRIPT OUTDIR
set -euo pipefail
iolab=$1 script=$2 out=$3
mkdir -p "$out"
steps=$(sed "s|\${OUT}|$out|g" "$script")
name=$(basename "$script" .drive)
# English labels (click-button), and never the teacher's saved settings.
XDG_CONFIG_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$iolab" --size 1920x1080 --lang en --layout desk --drive "$steps" --screenshot "$out/$name-final.png"
for png in $(grep -o "$out/[^ ]*\.png" <<<"$steps") "$out/$name-final.png"; do
  [ -s "$png" ] || { echo "missing screenshot $png"; exit 1; }
done
