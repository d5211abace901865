#!/usr/bin/env bash
# `iolab-cli demo models` end to end: four summaries with 100 bytes each, the exit codes, and
# clear messages when the peer resets. Usage: models_cli_test.sh PATH/TO/iolab-cli
set -euo pipefail
cli=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$cli" demo models --delay 200 --format jsonl)
python3 - "$out" <<'PY' || fail "jsonl output"
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
summaries = [l for l in lines if l.get("type") == "summary"]
assert [s["model"] for s in summaries] == ["blocking_sync", "nonblocking_sync", "blocking_async",
                                          "nonblocking_async"], summaries
assert all(s["bytes"] == 100 and s["error"] == "" for s in summaries), summaries
assert summaries[3]["work_units"] > 0, summaries[3]
events = [(l["model"], l["event"]) for l in lines if "event" in l]
assert ("nonblocking_sync", "would_block") in events
assert ("blocking_async", "ready") in events
assert ("nonblocking_async", "pending") in events and ("nonblocking_async", "result_fetched") in events
PY

text=$("$cli" demo models --delay 200)
grep -q "^nonblocking_async .*result_fetched .*Data Recv Len = 100" <<<"$text" || fail "text line"
grep -q "^model  *cell  *wait  *attempts  *CPU time  *work done while waiting" <<<"$text" ||
  fail "summary table"

set +e
reset=$("$cli" demo models --delay 100 --peer reset 2>&1); code=$?
set -e
[ "$code" = 1 ] || fail "--peer reset should exit 1, got $code"
[ "$(grep -c "CONNRESET" <<<"$reset")" -ge 4 ] || fail "each model should report the reset"

set +e
"$cli" demo models --delay nope >/dev/null 2>&1; code=$?
set -e
[ "$code" = 2 ] || fail "a bad --delay should exit 2, got $code"
# --windows-models: the five side by side, each with its own way of getting the 100 bytes.
road=$("$cli" demo models --windows-models --delay 200) || fail "--windows-models exited non-zero"
for row in "select  *1  *1 .* recv completed_immediately" \
  "WSAEventSelect  *1  *2 .* recv completed_immediately" \
  "overlapped+event  *1  *1 .* WSAGetOverlappedResult result_fetched" \
  "completion routine  *1  *1 .* SleepEx callback" \
  "IOCP  *2  *2 .* GetQueuedCompletionStatus dequeued"; do
  grep -q "^$row\$" <<<"$road" || fail "--windows-models row '$row'"
done
set +e
"$cli" demo models --windows-models --peer reset >/dev/null 2>&1; code=$?
set -e
[ "$code" = 2 ] || fail "--windows-models with --peer should exit 2, got $code"
echo "models cli: ok"
