#!/usr/bin/env bash
# iolab-cli demo many-clients and serve --clients N against real Python clients: the summary,
# the jsonl, the bad values, and N outside clients (good and bad) served at once.
# Usage: many_clients_cli_test.sh path/to/iolab-cli
# Planted bugs, each failed here: serve --clients ending after the first session closed (the
# "3 of 3" and every-message checks); the summary's threads taken as ceil(N / 64) (1 at 64); the
# footnote saying "the server's fetch (WSAGetOverlappedResult" for IOCP too (the footnote check).
set -u
source "$(dirname "$0")/cli_lib.sh"
one_line_naming() { test "$(wc -l <"$work/err")" = 1 && grep -q -- "$1" "$work/err"; }

# --- the demo: the table, and jsonl (a trace: gap-free seq) with the summary on stderr
for model in event iocp; do
  expect_exit "demo many-clients --clients 64 --model $model exits 0" 0 \
    demo many-clients --clients 64 --model $model --messages 5
  want=2
  check "... its table: 64 clients, $want threads, 320 messages" \
    awk -v m=$model -v t=$want '$1 == m && $2 == 64 && $3 == t && $5 == 320 {f=1} END {exit !f}' "$work/out"
  # Where p50/p99 end is the call that gave the server the bytes in that model.
  ends=$([ $model = event ] && echo "fetch (WSAGetOverlappedResult" \
                            || echo "dequeue (GetQueuedCompletionStatus)")
  check "... its footnote: p50/p99 end at the $ends" grep -q "^# p50/p99: .*$ends" "$work/out"
done
timeout 60 "$cli" demo many-clients --clients 200 --messages 2 --format jsonl >"$work/demo.jsonl" 2>"$work/err"
check "demo many-clients --format jsonl exits 0" test $? = 0
check "... seq gap-free, sessions 1..200; the summary on stderr: 4 threads, 400 messages" "$py" - "$work/demo.jsonl" "$work/err" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
summary = json.loads(open(sys.argv[2]).read())["summary"]
assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
assert {r["session"] for r in rows} - {0} == set(range(1, 201))
assert summary["threads"] == 4 and summary["messages"] == 400 and summary["dropped"] == 0, summary
waits = {r["thread"] for r in rows if r["api"] == "WSAWaitForMultipleEvents"}
assert len(waits) == 4, waits
PY

# --- bad values: one line each, exit 2
expect_exit "--clients 0 exits 2" 2 demo many-clients --clients 0
check "... one line naming 1 to 500" one_line_naming "from 1 to 500"
expect_exit "--clients 501 exits 2" 2 serve --clients 501
check "... one line naming 1 to 500" one_line_naming "from 1 to 500"
expect_exit "--model select exits 2" 2 demo many-clients --clients 3 --model select
check "... one line naming event or iocp" one_line_naming "event or iocp"
expect_exit "demo many-clients without --clients exits 2" 2 demo many-clients
expect_exit "--clients on another demo exits 2" 2 demo lecture --clients 3
"$py" -c 'import socket,time,sys; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(30)' >"$work/busy" &
wait_for_line "$work/busy" "[0-9]"
expect_exit "serve --clients on a port in use exits 2" 2 serve --clients 2 --port "$(cat "$work/busy")"
check "... one line: the port is in use" one_line_naming "is in use"

# --- serve --clients 3: three outside clients at once, every message printed with its data
for model in event iocp; do
  timeout 60 "$cli" serve --port 0 --clients 3 --model $model >"$work/serve.txt" 2>"$work/err" &
  server=$!
  wait_for_line "$work/serve.txt" "serving on"
  port=$(sed -n 's/^# serving on 127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.txt")
  "$py" - "$port" <<'PY'
import socket, sys
port = int(sys.argv[1])
clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
for round in range(2):
    for i, c in enumerate(clients):
        c.sendall(f"client {i} message {round}".encode().ljust(100, b"\0"))
for c in clients:
    c.close()
PY
  wait "$server"
  check "serve --clients 3 --model $model exits 0 once all 3 closed" test $? = 0
  check "... every message's result (result_fetched, or completed_immediately) with its data" "$py" - "$work/serve.txt" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1]) if "result_fetched" in l or "completed_immediately" in l]
got = set()
for l in lines:
    m = re.search(r'"(client \d message \d)', l)
    if m: got.add(m.group(1))
want = {f"client {i} message {r}" for i in range(3) for r in range(2)}
assert want <= got, (want - got)
PY
  check "... sessions s1, s2, s3 each closed" test "$(grep -c '^\[.*\] s[123] .*closesocket.*closed' "$work/serve.txt")" = 3
  check "... its last line: 3 of 3 sessions closed" grep -q "^# 3 of 3 sessions closed" "$work/serve.txt"
done

# --- bad peers at once, beside a good one: the good one is served, the server ends
timeout 60 "$cli" serve --port 0 --clients 5 --model event >"$work/bad.txt" 2>"$work/err" &
server=$!
wait_for_line "$work/bad.txt" "serving on"
port=$(sed -n 's/^# serving on 127.0.0.1:\([0-9]*\).*/\1/p' "$work/bad.txt")
"$py" - "$port" <<'PY' >"$work/peers.txt"
import socket, struct, sys, threading
port = int(sys.argv[1])
def connect():
    return socket.create_connection(("127.0.0.1", port))
flood, silent, reset, quick, good = (connect() for _ in range(5))
quick.close()                                    # connects and closes at once
reset.sendall(b"half")                           # resets mid-message
reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
reset.close()
sent = 0
def flooding():
    global sent
    chunk = b"f" * 100
    for _ in range(20000):                       # 2 MB as fast as the server lets it
        flood.sendall(chunk)
        sent += len(chunk)
    flood.close()
t = threading.Thread(target=flooding)
t.start()
good.sendall(b"good client".ljust(100, b"\0"))   # served while the others misbehave
good.close()
t.join()
silent.close()                                   # sent nothing at all
print(sent)
PY
wait "$server"
check "serve with a flood, a silent, a reset and a quick peer exits 0" test $? = 0
check "... the good client's message fetched" grep -Eq '(result_fetched|completed_immediately).*"good client' "$work/bad.txt"
check "... the reset reported as failed" grep -q "^\[.*\] s3 .* failed .*ECONNRESET" "$work/bad.txt"
check "... 5 of 5 closed, 1 by a reset, 0 dropped" \
  grep -q "^# 5 of 5 sessions closed (1 by a reset or an error), .* 0 transitions dropped" "$work/bad.txt"
check "... every flooded byte fetched" "$py" - "$work/bad.txt" "$(cat "$work/peers.txt")" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
flood = [l for l in lines if re.match(r"^\[[^]]*\] s1 .*(result_fetched|completed_immediately)", l)]
total = sum(int(re.search(r"Len = (\d+)", l).group(1)) for l in flood)
assert total == int(sys.argv[2]), (total, sys.argv[2])
PY

echo "many-clients cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
