#!/usr/bin/env bash
# Builds everything and runs every test: netcore on real sockets (also under ASan+UBSan and
# TSan), the CLI against real peers, the GUI under Xvfb, and the Windows backend under Wine.
# Usage: tools/test.sh [--quick]   (--quick: skip the sanitizer, soak, fuzz and Windows runs)
# IOLAB_SOAK_SECONDS / IOLAB_FUZZ_SECONDS lengthen the soak (default 60) and each fuzz run (10).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
jobs=$(nproc 2>/dev/null || echo 2)

bash tools/deps.sh cmake g++ make pkg-config liburing-dev libgtest-dev python3 netcat-openbsd \
  libglfw3-dev python3-glad libstb-dev xvfb xauth xdotool libgl1-mesa-dri \
  fonts-dejavu-core fonts-nanum clang

step() { printf '\n=== %s\n' "$*"; }

step "build and test (default preset: netcore, CLI, GUI model, GUI under Xvfb)"
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs"
ctest --preset default -j"$jobs"

if [ "$quick" = 0 ]; then
  step "netcore under ASan + UBSan"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j"$jobs"
  ctest --preset asan

  step "netcore under TSan"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j"$jobs"
  ctest --preset tsan

  step "soak: random commands against the engine under ASan+UBSan (${IOLAB_SOAK_SECONDS:-60} s)"
  bash tools/soak.sh "${IOLAB_SOAK_SECONDS:-60}"

  step "fuzz: each libFuzzer target for ${IOLAB_FUZZ_SECONDS:-10} s"
  bash tools/fuzz.sh "${IOLAB_FUZZ_SECONDS:-10}"
fi


if [ "$quick" = 0 ] && [ -f tools/test-windows.sh ]; then
  step "Windows backend (mingw-w64 + Wine)"
  bash tools/test-windows.sh
fi

if [ "$quick" = 0 ]; then
  step "GUI sources compile for Windows (mingw-w64, against third_party's ImGui and GLFW)"
  bash tools/check-gui-windows.sh
fi

step "all tests passed"
