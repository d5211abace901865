#!/usr/bin/env bash
# `iolab-cli demo lecture --count N --format jsonl` at N = 3,000 and N = 30,000, in one run:
# cli_scaling_ratio = time(30,000) / time(3,000) (linear is 10: each message costs the same, however
# many came before), cli_transitions_per_s at 30,000, and the peak RSS of each run (maxrss, KB:
# memory does not grow with N).
# Usage: bench/cli_scaling.sh IOLAB_CLI
set -euo pipefail
cli=$1
run() {  # prints "seconds lines maxrss_kb"
  local out start end
  out=$(mktemp)
  start=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$out.rss" "$cli" demo lecture --count "$1" --format jsonl >"$out"
  else
    echo "?" >"$out.rss"
    "$cli" demo lecture --count "$1" --format jsonl >"$out"
  fi
  end=$(date +%s%N)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", (b-a)/1e9}') $(wc -l <"$out") $(cat "$out.rss")"
  rm -f "$out" "$out.rss"
}
read -r small_s _ small_rss < <(run 3000)
read -r large_s large_lines large_rss < <(run 30000)
echo "cli_lecture_s_3000=$small_s"
echo "cli_lecture_s_30000=$large_s"
echo "cli_scaling_ratio=$(awk -v a="$small_s" -v b="$large_s" 'BEGIN{printf "%.2f", b/a}')"
echo "cli_transitions_per_s=$(awk -v n="$large_lines" -v s="$large_s" 'BEGIN{printf "%.0f", n/s}')"
echo "cli_lecture_maxrss_kb_3000=$small_rss"
echo "cli_lecture_maxrss_kb_30000=$large_rss"
