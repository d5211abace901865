#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang++ -fsanitize=fuzzer,address,undefined and runs
# each for a while, starting from its seed corpus tests/fuzz-corpus/<target>/.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]   (default: 20 s each, every target)
# Crashes are written to build/fuzz/crashes/<target>/; each one found becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift $(( $# > 0 ? 1 : 0 ))
bash tools/deps.sh clang cmake pkg-config liburing-dev rapidjson-dev
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -O1" -DIOLAB_SANITIZE=address,undefined \
  -DIOLAB_FUZZ=ON -DIOLAB_GUI=OFF -DIOLAB_TESTS=OFF -DIOLAB_BENCH=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_format fuzz_engine)
  [ -f netcore/include/netcore/script.hpp ] && targets+=(fuzz_script)
  [ -f netcore/include/netcore/trace.hpp ] && targets+=(fuzz_trace)
fi
cmake --build build/fuzz -j2 --target "${targets[@]}" >/dev/null
status=0
for t in "${targets[@]}"; do
  corpus=build/fuzz/corpus/$t crashes=build/fuzz/crashes/$t
  rm -rf "$crashes"  # this run's findings only; each earlier one is a regression test by now
  mkdir -p "$corpus" "$crashes"
  echo "=== $t: ${seconds}s"
  # The engine target starts a real engine per input: allow slow inputs, keep leak checks on.
  log=build/fuzz/$t.log
  rc=0
  build/fuzz/fuzz/"$t" -max_total_time="$seconds" -timeout=60 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "tests/fuzz-corpus/$t" >"$log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|fuzz_|artifact_prefix|Test unit written)' \
    "$log" || true
  # A run counts only when the fuzzer exited 0 and executed more inputs than its seeds: a
  # target that crashed at start, or never got past its seeds, must not pass as "no crash found".
  units=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  seeds=$(find "tests/fuzz-corpus/$t" -type f | wc -l)
  if [ "$rc" != 0 ]; then
    echo "$t: FAILED: the fuzzer exited $rc (log: $log)"; status=1
  elif [ -z "$units" ] || [ "$units" -le "$seeds" ]; then
    echo "$t: FAILED: ${units:-no} units executed, not more than the $seeds seeds (log: $log)"
    status=1
  else
    echo "$t: $units units executed"
  fi
  if ls "$crashes"/* >/dev/null 2>&1; then
    echo "$t: crash inputs in $crashes/"; status=1
  fi
done
exit $status
