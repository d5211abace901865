#!/usr/bin/env bash
# `iolab-cli demo lecture --count N --format jsonl` at N = 3,000 and N = 30,000, in one run, each
# the fastest of 3 (other programs on a shared machine only ever add time):
# cli_scaling_ratio = time(30,000) / time(3,000) (linear is 10: each message costs the same, however
# many came before), cli_transitions_per_s at 30,000, the same ratio in CPU time (user + system:
# far less disturbed by other programs on the machine than wall time) and the peak RSS of each
# run (maxrss, KB: memory does not grow with N).
# Usage: bench/cli_scaling.sh IOLAB_CLI
set -euo pipefail
cli=$1
run() {  # prints "seconds lines maxrss_kb cpu_seconds"
  local stats lines start end
  stats=$(mktemp)
  start=$(date +%s%N)
  # Counted through a pipe: 30,000 messages are ~100 MB of JSON, which a file would make a
  # figure of the disk's writeback.
  if [ -x /usr/bin/time ]; then
    lines=$(/usr/bin/time -f "%M %U %S" -o "$stats" "$cli" demo lecture --count "$1" --format jsonl | wc -l)
  else
    echo "? ? ?" >"$stats"
    lines=$("$cli" demo lecture --count "$1" --format jsonl | wc -l)
  fi
  end=$(date +%s%N)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", (b-a)/1e9}') $lines" \
    "$(awk '{printf "%s %.2f", $1, $2 + $3}' "$stats")"
  rm -f "$stats"
}
fastest() {  # the run with the least wall time of 3
  for _ in 1 2 3; do run "$1"; done | sort -n | head -1
}
read -r small_s _ small_rss small_cpu < <(fastest 3000)
read -r large_s large_lines large_rss large_cpu < <(fastest 30000)
echo "cli_lecture_s_3000=$small_s"
echo "cli_lecture_s_30000=$large_s"
echo "cli_scaling_ratio=$(awk -v a="$small_s" -v b="$large_s" 'BEGIN{printf "%.2f", b/a}')"
echo "cli_scaling_ratio_cpu=$(awk -v a="$small_cpu" -v b="$large_cpu" 'BEGIN{printf (a > 0 ? "%.2f" : "?"), (a > 0 ? b/a : 0)}')"
echo "cli_transitions_per_s=$(awk -v n="$large_lines" -v s="$large_s" 'BEGIN{printf "%.0f", n/s}')"
echo "cli_lecture_maxrss_kb_3000=$small_rss"
echo "cli_lecture_maxrss_kb_30000=$large_rss"
