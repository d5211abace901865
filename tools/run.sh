#!/usr/bin/env bash
# Builds and launches iolab. Until the GUI is built, runs the lecture demo in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh cmake g++ make pkg-config liburing-dev libgtest-dev python3 \
  libglfw3-dev libimgui-dev python3-glad libstb-dev fonts-dejavu-core fonts-nanum
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc 2>/dev/null || echo 2)"
if [ -x build/default/app/iolab ]; then
  exec build/default/app/iolab "$@"
fi
exec build/default/app/iolab-cli demo lecture "$@"
