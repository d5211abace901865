#!/usr/bin/env bash
# Builds the release preset and prints the engine's figures, one per line: name=value.
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
