#!/usr/bin/env bash
# Builds everything and runs every test: netcore and the GUI's model on real sockets (also
# under ASan+UBSan and TSan), the CLI against real peers, the GUI under Xvfb, and the Windows
# backend under Wine.
# Usage: tools/test.sh [--quick]   (--quick: skip the sanitizer, soak, fuzz, Windows and web runs)
# IOLAB_SOAK_SECONDS / IOLAB_FUZZ_SECONDS lengthen the soak (default 60) and each fuzz run (10);
# IOLAB_FLOOD_SECONDS the soak's flood of `iolab-cli serve` (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
jobs=$(nproc 2>/dev/null || echo 2)

bash tools/deps.sh cmake g++ make pkg-config liburing-dev libgtest-dev python3 netcat-openbsd \
  libglfw3-dev python3-glad libstb-dev xvfb xauth xdotool libgl1-mesa-dri \
  fonts-dejavu-core fonts-nanum clang rapidjson-dev python3-jsonschema

step() { printf '\n=== %s\n' "$*"; }

# What the default preset must register, at least: a GUI test left out (no xvfb-run, ImGui
# missing, IOLAB_GUI off in a stale cache) or a suite that lost its tests must not pass as green.
# Raise these when you add tests.
min_gui_tests=30  # with the fixture that clears the screenshot folder
min_tests=241

step "build and test (default preset: netcore, CLI, GUI model, GUI under Xvfb)"
cmake --preset default -DIOLAB_GUI=ON -DIOLAB_GUI_TESTS=ON >/dev/null
cmake --build --preset default -j"$jobs"
registered() { ctest --preset default -N "$@" | sed -n 's/^Total Tests: *//p'; }
gui_tests=$(registered -L gui)
all_tests=$(registered)
echo "registered: $all_tests tests, $gui_tests of them GUI tests (want >= $min_tests, >= $min_gui_tests)"
if [ "${gui_tests:-0}" -lt "$min_gui_tests" ] || [ "${all_tests:-0}" -lt "$min_tests" ]; then
  echo "test.sh: FAILED: fewer tests registered than expected" >&2
  exit 1
fi
ctest --preset default -j"$jobs"

if [ "$quick" = 0 ]; then
  step "netcore and the GUI's model under ASan + UBSan"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j"$jobs"
  ctest --preset asan

  step "netcore and the GUI's model under TSan"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j"$jobs"
  ctest --preset tsan

  step "soak: random commands against the engine under ASan+UBSan (${IOLAB_SOAK_SECONDS:-60} s), then serve flooded (${IOLAB_FLOOD_SECONDS:-30} s)"
  bash tools/soak.sh "${IOLAB_SOAK_SECONDS:-60}"

  step "fuzz: each libFuzzer target for ${IOLAB_FUZZ_SECONDS:-10} s"
  bash tools/fuzz.sh "${IOLAB_FUZZ_SECONDS:-10}"
fi


if [ "$quick" = 0 ] && [ -f tools/test-windows.sh ]; then
  step "Windows: backend, iolab.exe and its zip (mingw-w64 + Wine)"
  bash tools/test-windows.sh
fi

if [ "$quick" = 0 ]; then
  step "web edition: emscripten build, then headless Chromium against the served page"
  bash tools/web.sh
  bash tools/test-web.sh
fi

step "all tests passed"
