#!/usr/bin/env bash
# `iolab-cli demo many-clients` (docs/many-clients.md) at several N, for the event model and
# IOCP, in one run: each point the median of 3 runs of N clients x 20 messages of 100 bytes.
#   many_clients_<prefix><model>_n<N>_p99_us      arrival -> fetch latency, 99th percentile
#   many_clients_<prefix><model>_n<N>_cpu_us_msg  the serving threads' CPU time per message
#   many_clients_<prefix><model>_n<N>_threads     waiting threads (event) or workers (iocp)
# Usage: bench/many_clients.sh [--prefix P] [--clients "10 63 ..."] COMMAND...
#   COMMAND: the CLI, e.g. build/release/app/iolab-cli, or tools/wine-run.sh path/iolab-cli.exe
set -euo pipefail
prefix="" clients="10 63 64 200 500"
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    *) break ;;
  esac
done
median() { sort -n | awk '{v[NR]=$1} END{printf "%s", NR ? v[int((NR+1)/2)] : "?"}'; }
for n in $clients; do
  for model in event iocp; do
    rows=$(for _ in 1 2 3; do
      "$@" demo many-clients --clients "$n" --model "$model" --messages 20 | tr -d '\r' |
        awk -v m="$model" '$1 == m {print $3, $7, $9}'
    done)
    name="many_clients_${prefix}${model}_n${n}"
    echo "${name}_p99_us=$(awk '{print $2}' <<<"$rows" | median)"
    echo "${name}_cpu_us_msg=$(awk '{print $3}' <<<"$rows" | median)"
    echo "${name}_threads=$(awk '{print $1}' <<<"$rows" | median)"
  done
done
