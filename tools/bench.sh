#!/usr/bin/env bash
# Builds the release preset and prints the engine's and the GUI's figures, one per line:
# name=value.
# Usage: tools/bench.sh [--quick]   (--quick: fewer repetitions, shorter slices)
# Figures are printed, never asserted: on a shared machine only ratios within one run count.
set -euo pipefail
cd "$(dirname "$0")/.."
# The trace bench measures the loader against the JSON libraries it was chosen from.
bash tools/deps.sh rapidjson-dev nlohmann-json3-dev
jobs=2
cmake --preset release -DIOLAB_BENCH=ON >/dev/null
cmake --build --preset release -j"$jobs" --target bench_engine >/dev/null
echo "cores=$(nproc)"
echo "clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
build/release/bench/bench_engine "$@"

# The CLI (docs/performance.md, "Cost that grows with the run"): the lecture demo at 3,000 and
# 30,000 messages, then `serve` under a flooding loopback client (RSS read from /proc).
cmake --build --preset release -j"$jobs" --target iolab-cli >/dev/null
bash bench/cli_scaling.sh build/release/app/iolab-cli
flood_s=30
[ "${1:-}" = "--quick" ] && flood_s=10
# (A broken promise there is the soak's business: here the figures are printed either way.)
python3 tests/serve_flood.py build/release/app/iolab-cli --seconds "$flood_s" || true
# Many clients (docs/performance.md, "Many clients"): the event model and IOCP at N = 10, 63,
# 64, 200 and 500 on Linux; then Winsock under Wine at N = 10 and 200, with the iolab-cli.exe
# that tools/test-windows.sh cross-builds (not built here: that takes minutes).
bash bench/many_clients.sh build/release/app/iolab-cli
if [ -f build/windows-mingw/app/iolab-cli.exe ] && [ -x /usr/lib/wine/wine64 ]; then
  bash bench/many_clients.sh --prefix wine_ --clients "10 200" \
    tools/wine-run.sh build/windows-mingw/app/iolab-cli.exe
else
  echo "many_clients_wine=not built (tools/test-windows.sh builds build/windows-mingw/app/iolab-cli.exe)"
fi

# The GUI (docs/performance.md, "GUI"): frame CPU time and the store's size without a window ...
if cmake --build --preset release -j"$jobs" --target bench_gui >/dev/null 2>&1; then
  build/release/bench/bench_gui "$@"
else
  echo "bench_gui=not built (IOLAB_GUI off or ImGui missing)"
fi
# Traces (docs/performance.md, "Traces"): a 200,000-transition run of the lecture, made once and
# kept in the build tree, read by the loader and by the candidate libraries.
trace=build/release/bench/lecture-200k.jsonl
if cmake --build --preset release -j"$jobs" --target bench_trace iolab-cli >/dev/null 2>&1; then
  if [ "$(wc -l <"$trace" 2>/dev/null || echo 0)" -ne 200000 ]; then
    # --count 20400 runs ~201,000 transitions; the first 200,000 are kept.
    (build/release/app/iolab-cli demo lecture --count 20400 --format jsonl || true) |
      head -n 200000 >"$trace"
  fi
  build/release/bench/bench_trace "$trace" "$@"
else
  echo "bench_trace=not built (nlohmann-json3-dev missing)"
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
  # replay_open_ms_200k: the same clock, with --replay of the 200,000-transition trace: the
  # whole file read and checked, the model built, the first frame drawn. Best of 3 (the runs:
  # _runs; the machine is shared).
  if [ -s "$trace" ]; then
    runs=()
    for _ in 1 2 3; do
      out=$(xvfb-run -a -s "-screen 0 1920x1080x24" bash -c \
        'echo start_unix_ns=$(date +%s%N); exec "$0" --size 1920x1080 --bench-first-frame --replay "$1"' \
        "$iolab" "$trace")
      start=$(sed -n 's/^start_unix_ns=//p' <<<"$out")
      first=$(sed -n 's/^first_frame_unix_ns=//p' <<<"$out")
      runs+=("$(awk -v a="$start" -v b="$first" 'BEGIN{printf "%.0f", (b-a)/1e6}')")
    done
    echo "replay_open_ms_200k=$(printf '%s\n' "${runs[@]}" | sort -n | head -1)"
    echo "replay_open_ms_200k_runs=$(IFS=,; echo "${runs[*]}")"
    grep -E '^first_frame_phase_(args_settings|engine_and_model)' <<<"$out" |
      sed 's/^first_frame_phase_/replay_phase_/'  # the last run: reading, then the model
  fi
  # latency_p99_frames: the real app and engine, flooding for a few seconds.
  xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --bench-latency |
    grep -E '^latency_'
  # scale_change_ms: Ctrl+= (through the input queue) to the first presented frame at the new
  # scale, 8 steps from 1.0 to 3.0 (no font atlas is rebuilt: glyphs are made as drawn).
  xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --size 1920x1080 --bench-scale-change |
    grep -E '^scale_change'
  # gui_flood_rss_mb_60s: the app flooding (W) for 60 s at the default cap, RSS from outside.
  gui_s=60
  [ "${1:-}" = "--quick" ] && gui_s=20
  bash bench/gui_flood_rss.sh "$iolab" "$gui_s"
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
# The probe's cost (docs/probe.md): calls per second of a Winsock program under Wine without and
# with probe/iolab_probe.h, when mingw-w64 and Wine are here.
if command -v x86_64-w64-mingw32-g++-posix >/dev/null && [ -x /usr/lib/wine/wine64 ] &&
  cmake --build --preset release -j"$jobs" --target iolab-cli >/dev/null 2>&1; then
  bash tools/bench-probe.sh build/release/app/iolab-cli
else
  echo "probe_bench=not run (mingw-w64 or Wine missing)"
fi
