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
if command -v xvfb-run >/dev/null &&
  cmake --preset default >/dev/null && cmake --build --preset default -j"$jobs" --target iolab >/dev/null; then
  iolab=$PWD/build/default/app/iolab
  # first_frame_ms: from the process's start (the shell's clock just before exec) to the return
  # of the first glfwSwapBuffers, as the app reports it on the same clock.
  out=$(xvfb-run -a -s "-screen 0 1920x1080x24" bash -c \
    'echo start_unix_ns=$(date +%s%N); exec "$0" --size 1920x1080 --bench-first-frame' "$iolab")
  start=$(sed -n 's/^start_unix_ns=//p' <<<"$out")
  first=$(sed -n 's/^first_frame_unix_ns=//p' <<<"$out")
  echo "first_frame_ms=$(awk -v a="$start" -v b="$first" 'BEGIN{printf "%.1f", (b-a)/1e6}')"
  sed -n 's/^first_frame_ms_from_main=/first_frame_ms_from_main=/p' <<<"$out"
  grep -E '^first_frame_phase_' <<<"$out" || true  # where the start-up time goes
  # latency_p99_frames: the real app and engine, flooding for a few seconds.
  xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --bench-latency |
    grep -E '^latency_'
else
  echo "first_frame_ms=not measured (no xvfb-run)"
fi

# The web edition (docs/web.md): the page's bytes, gzipped, and navigation to first frame in
# headless Chromium.
if bash tools/web.sh >/dev/null 2>&1; then
  bash tools/test-web.sh --bench
else
  echo "web_page_gzip_bytes=not built (tools/web.sh failed)"
fi
