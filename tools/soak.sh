#!/usr/bin/env bash
# Soak tests:
# 1. netcore_soak (ASan+UBSan build): random commands thrown at the real engine for SECONDS.
# 2. `iolab-cli serve` (default build, so RSS is the program's own, not a sanitizer's) flooded by
#    a loopback client for FLOOD seconds: RSS after the first 5 s grows by at most 32 MB, seq is
#    gap-free, it exits 0 when the peer closes (tests/serve_flood.py).
# 3. `iolab-cli serve --clients 20` (docs/many-clients.md), the event model then IOCP, flooded by
#    20 loopback clients for MANY seconds each, with the same promises.
# Usage: tools/soak.sh [SECONDS | --long]   (default 60 s and a 30 s flood; --long: 30 minutes each)
#        SOAK_PRESET=tsan tools/soak.sh 60   (the engine soak under TSan)
#        IOLAB_FLOOD_SECONDS=N                (the flood's length; 0 skips it)
#        IOLAB_MANY_FLOOD_SECONDS=N           (each many-clients flood's; default 10, 0 skips)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
flood=${IOLAB_FLOOD_SECONDS:-30}
case "${1:-}" in
  "") ;;
  --long) seconds=1800 flood=${IOLAB_FLOOD_SECONDS:-1800} ;;
  *[!0-9]*) echo "usage: tools/soak.sh [SECONDS | --long]" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac
preset=${SOAK_PRESET:-asan}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2 --target netcore_soak >/dev/null
shift $(( $# > 0 ? 1 : 0 ))
"build/$preset/tests/netcore_soak" --seconds "$seconds" "$@"

if [ "$flood" != 0 ]; then
  cmake --preset default >/dev/null
  cmake --build --preset default -j2 --target iolab-cli >/dev/null
  py=/usr/bin/python3
  [ -x "$py" ] || py=python3
  echo "soak: iolab-cli serve flooded by a loopback client for $flood s"
  "$py" tests/serve_flood.py build/default/app/iolab-cli --seconds "$flood" --max-growth-mb 32
  many=${IOLAB_MANY_FLOOD_SECONDS:-10}
  if [ "$many" != 0 ]; then
    for model in event iocp; do
      echo "soak: iolab-cli serve --clients 20 --model $model flooded by 20 clients for $many s"
      "$py" tests/serve_flood.py build/default/app/iolab-cli --seconds "$many" --max-growth-mb 32 \
        --clients 20 --model "$model"
    done
  fi
fi
