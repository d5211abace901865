#!/usr/bin/env bash
# Builds the release preset and prints the engine's and the GUI's figures, one per line:
# name=value.
# Usage: tools/bench.sh [--quick]   (--quick: fewer repetitions, shorter slices)
# Figures are printed, never asserted: on a shared machine only ratios within one run count.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=2
cmake --preset release -DIOLAB_BENCH=ON >/dev/null
cmake --build --preset release -j"$jobs" --target bench_engine >/dev/null
echo "cores=$(nproc)"
echo "clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
build/release/bench/bench_engine "$@"

# The GUI (docs/performance.md, "GUI"): frame CPU time and the store's size without a window ...
if cmake --build --preset release -j"$jobs" --target bench_gui >/dev/null 2>&1; then
  build/release/bench/bench_gui "$@"
else
  echo "bench_gui=not built (IOLAB_GUI off or ImGui missing)"
fi
# ... then the real app under Xvfb. The app comes from the default preset (RelWithDebInfo): the
# release preset's -O3 trips GCC 12's false -Wrestrict in the views (see docs/performance.md).
# A private settings folder: the teacher's ini neither shapes the figures nor is written by them.
if command -v xvfb-run >/dev/null &&
  cmake --build --preset release -j"$jobs" --target bare_window >/dev/null 2>&1 &&
  cmake --preset default >/dev/null && cmake --build --preset default -j"$jobs" --target iolab >/dev/null; then
  iolab=$PWD/build/default/app/iolab
  bare=$PWD/build/release/bench/bare_window
  export XDG_CONFIG_HOME
  XDG_CONFIG_HOME=$(mktemp -d)
  trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
  # first_frame_ms: from the process's start (the shell's clock just before it starts) to the
  # return of the first glfwSwapBuffers, as the program reports it on the same clock. The app and
  # a bare GLFW window (bench/bare_window.cpp: the same context and size, one clear, one swap)
  # take turns under one Xvfb, 5 times each; the medians and their ratio are printed.
  runs=5
  [ "${1:-}" = "--quick" ] && runs=3
  out=$(xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
    for _ in $(seq "$2"); do
      echo "app_start=$(date +%s%N)"; "$0" --size 1920x1080 --bench-first-frame
      echo "bare_start=$(date +%s%N)"; "$1" 1920x1080 | sed "s/^first_frame_unix_ns=/bare_unix_ns=/"
    done' "$iolab" "$bare" "$runs")
  median() { sort -n | awk '{v[NR]=$1} END{printf "%.1f", NR ? v[int((NR+1)/2)] : 0}'; }
  ms() {  # START_KEY END_KEY: each run's ms
    paste <(sed -n "s/^$1=//p" <<<"$out") <(sed -n "s/^$2=//p" <<<"$out") |
      awk '{printf "%.1f\n", ($2-$1)/1e6}'
  }
  app_ms=$(ms app_start first_frame_unix_ns | median)
  bare_ms=$(ms bare_start bare_unix_ns | median)
  echo "first_frame_ms=$app_ms"
  echo "first_frame_bare_window_ms=$bare_ms"
  echo "first_frame_ratio=$(awk -v a="$app_ms" -v b="$bare_ms" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')"
  echo "first_frame_ms_from_main=$(sed -n 's/^first_frame_ms_from_main=//p' <<<"$out" | median)"
  # Where the start-up time goes: each step's median over the runs.
  for step in $(sed -n 's/^\(first_frame_\(phase\|parallel\)_.*_ms\)=.*/\1/p' <<<"$out" |
    awk '!seen[$0]++'); do
    echo "$step=$(sed -n "s/^$step=//p" <<<"$out" | median)"
  done
  # latency_p99_frames: the real app and engine, flooding for a few seconds.
  xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --bench-latency |
    grep -E '^latency_'
  # scale_change_ms: Ctrl+= (through the input queue) to the first presented frame at the new
  # scale, 8 steps from 1.0 to 3.0 (no font atlas is rebuilt: glyphs are made as drawn).
  xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --bench-scale-change |
    grep -E '^scale_change'
else
  echo "first_frame_ms=not measured (no xvfb-run)"
fi
