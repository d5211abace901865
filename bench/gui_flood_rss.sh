#!/usr/bin/env bash
# The GUI flooding (key W) for SECONDS under Xvfb, at the default --max-transitions cap unless
# more flags are given: its resident memory read from outside (/proc/PID/status) once a second.
# Prints gui_flood_rss_mb_<SECONDS>s (the last sample), gui_flood_rss_mb_max, and the samples
# every 10 s (gui_flood_rss_mb_at_<T>s) to show where it levels off. Then ends the app (SIGTERM).
# Usage: bench/gui_flood_rss.sh IOLAB [SECONDS] [iolab flags...]
set -euo pipefail
iolab=$1
seconds=${2:-60}
shift $(($# >= 2 ? 2 : 1))
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# A drive script that presses W and then draws frames for longer than the measurement.
XDG_CONFIG_HOME=$dir xvfb-run -a -s "-screen 0 1920x1080x24" bash -c \
  'echo $$ >"$0/pid"; exec "$1" --size 1920x1080 --lang en --drive "key W; frames 100000000" "${@:2}"' \
  "$dir" "$iolab" "$@" >"$dir/out" 2>&1 &
runner=$!
for _ in $(seq 100); do [ -s "$dir/pid" ] && break; sleep 0.1; done
pid=$(cat "$dir/pid")
rss() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo 0; }
max=0 last=0
for t in $(seq "$seconds"); do
  sleep 1  # sampling once a second: this is a measurement's clock, not a wait for an event
  last=$(rss)
  [ "$last" = 0 ] && { echo "gui_flood_rss: iolab ended early: $(tail -3 "$dir/out")" >&2; exit 1; }
  max=$(awk -v a="$max" -v b="$last" 'BEGIN{print (b > a ? b : a)}')
  [ $((t % 10)) = 0 ] && echo "gui_flood_rss_mb_at_${t}s=$last"
done
kill -TERM "$pid" 2>/dev/null || true
wait "$runner" 2>/dev/null || true
echo "gui_flood_rss_mb_${seconds}s=$last"
echo "gui_flood_rss_mb_max=$max"
