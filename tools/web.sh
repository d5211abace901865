#!/usr/bin/env bash
# Builds the web edition into build/web/ (index.html, .js, .wasm, .data, lessons.json): the
# app's model and views in a page, replaying each lesson as the real engine recorded it here at
# build time (the host build's iolab-cli; Winsock too when build/windows-mingw has one).
# Usage: tools/web.sh [--serve [PORT]]   (--serve: then serve build/web on 127.0.0.1 and print
#        the URL; PORT defaults to 8080. A page's recorded runs are fetched, so it must be served.)
set -euo pipefail
cd "$(dirname "$0")/.."
serve=0 port=8080
if [ "${1:-}" = "--serve" ]; then
  serve=1
  port=${2:-8080}
elif [ $# -gt 0 ]; then
  echo "usage: tools/web.sh [--serve [PORT]]" >&2
  exit 2
fi
bash tools/deps.sh emscripten nodejs fonttools fonts-dejavu-core fonts-nanum libstb-dev python3 \
  cmake g++ make pkg-config liburing-dev libglfw3-dev python3-glad
export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache}
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
command -v ccache >/dev/null || unset CMAKE_C_COMPILER_LAUNCHER CMAKE_CXX_COMPILER_LAUNCHER
jobs=$(nproc 2>/dev/null || echo 2)

# The host's iolab-cli records the traces (a page cannot run the engine).
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs" --target iolab-cli
# emcc finds its JavaScript tools (acorn) through NODE_PATH.
export NODE_PATH=/usr/share/nodejs
cmake --preset web >/dev/null
cmake --build --preset web -j"$jobs"
echo "web: build/web/index.html ($(du -ch build/web/index.{html,js,wasm,data} | tail -1 | cut -f1) in all)"

if [ "$serve" = 1 ]; then
  echo "web: serving build/web at http://127.0.0.1:$port/  (lesson list; e.g." \
       "http://127.0.0.1:$port/?lesson=01-recv-pending&lang=ko&speed=2)  Ctrl+C stops it"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/web
fi
