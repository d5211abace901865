#!/usr/bin/env bash
# Soak test: builds netcore_soak under ASan+UBSan and throws random commands at the real engine.
# Usage: tools/soak.sh [SECONDS | --long]   (default 60 s; --long: 30 minutes)
#        SOAK_PRESET=tsan tools/soak.sh 60   (the same under TSan)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
case "${1:-}" in
  "") ;;
  --long) seconds=1800 ;;
  *[!0-9]*) echo "usage: tools/soak.sh [SECONDS | --long]" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac
preset=${SOAK_PRESET:-asan}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2 --target netcore_soak >/dev/null
shift $(( $# > 0 ? 1 : 0 ))
exec "build/$preset/tests/netcore_soak" --seconds "$seconds" "$@"
