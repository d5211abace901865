#!/usr/bin/env bash
# Installs what is missing (apt-get, via sudo when not root), builds, and launches iolab.
# Arguments go to iolab (try tools/run.sh --help). No display? iolab says so; use iolab-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh cmake g++ make pkg-config libglfw3-dev python3-glad liburing-dev \
  libstb-dev fonts-dejavu-core fonts-nanum libgtest-dev rapidjson-dev
cmake --preset default >/dev/null
cmake --build --preset default -j2
exec build/default/app/iolab "$@"
