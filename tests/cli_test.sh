#!/usr/bin/env bash
# iolab-cli against real peers: exit codes, bad arguments, and the lecture's server and client
# talking to plain Python sockets and nc. Usage: cli_test.sh path/to/iolab-cli
set -u
source "$(dirname "$0")/cli_lib.sh"
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The event sequence of the first op whose op_api is $2, from a JSONL file $1.
op_events() {
  "$py" - "$1" "$2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
op = next(r["op"] for r in rows if r["event"] == "posted" and r["op_api"] == sys.argv[2])
print(" ".join(r["event"] for r in rows if r["op"] == op), next(r["bytes"] for r in reversed(rows) if r["op"] == op))
PY
}


expect_exit "--help exits 0" 0 --help
check "--help shows usage" grep -q "usage: iolab-cli" "$work/out"
expect_exit "no arguments exit 2" 2
expect_exit "an unknown option exits 2" 2 demo recv-pending --bogus
check "the unknown option is named in one line" test "$(wc -l <"$work/err")" = 1 -a -n "$(grep -- --bogus "$work/err")"
expect_exit "an unknown scenario exits 2" 2 demo no-such-thing
expect_exit "a port out of range exits 2" 2 serve --port 70000
expect_exit "a bad --format exits 2" 2 demo recv-pending --format xml
expect_exit "demo --list exits 0" 0 demo --list
check "demo --list names recv-pending" grep -q recv-pending "$work/out"

"$cli" demo recv-pending --format jsonl >"$work/pending.jsonl" 2>"$work/err"
check "recv-pending exits 0" test $? = 0
check "recv-pending: posted pending signaled result_fetched, 100 bytes" \
  test "$(op_events "$work/pending.jsonl" WSARecv)" = "posted pending signaled result_fetched 100"
"$cli" demo recv-immediate --format jsonl >"$work/immediate.jsonl" 2>"$work/err"
check "recv-immediate: posted completed_immediately, 100 bytes" \
  test "$(op_events "$work/immediate.jsonl" WSARecv)" = "posted completed_immediately 100"
"$cli" demo lecture --count 3 >"$work/lecture.txt" 2>&1
check "lecture prints Data Recv Len" grep -q "Data Recv Len = " "$work/lecture.txt"
for s in send-pending scatter-gather close-while-pending peer-close; do
  expect_exit "demo $s exits 0" 0 demo "$s"
done

# serve, with a plain Python socket as the peer.
port=$(free_port)
"$cli" serve --port "$port" --format jsonl >"$work/serve.jsonl" 2>"$work/serve.err" &
server=$!
wait_for_line "$work/serve.jsonl" '"event":"listening"'
expect_exit "a second serve on the same port exits 2" 2 serve --port "$port"
check "... and says the port is in use" grep -q "in use" "$work/err"
"$py" - "$port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"hello from python")
s.close()
PY
wait $server
check "serve exits 0 when the peer closes" test $? = 0
check "serve received the Python peer's text" grep -q '"data":"hello from python"' "$work/serve.jsonl"
check "serve reports peer_closed" grep -q '"event":"peer_closed"' "$work/serve.jsonl"

# serve, with nc as the peer.
port=$(free_port)
"$cli" serve --port "$port" >"$work/serve-nc.txt" 2>&1 &
server=$!
wait_for_line "$work/serve-nc.txt" "listening"
printf 'hi from nc' | nc -N 127.0.0.1 "$port"
wait $server
check "serve talks to nc" grep -q 'hi from nc' "$work/serve-nc.txt"

# connect, to a plain Python server that reads everything.
port=$(free_port)
"$py" - "$port" >"$work/py-server.out" <<'PY' &
import socket, sys
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", int(sys.argv[1]))); l.listen(1)
print("ready", flush=True)
c, _ = l.accept(); data = b""
while True:
    chunk = c.recv(4096)
    if not chunk: break
    data += chunk
print(data.decode())
PY
pyserver=$!
wait_for_line "$work/py-server.out" ready
"$cli" connect "127.0.0.1:$port" --send "Hello World" --count 3 >"$work/connect.txt" 2>&1
check "connect exits 0" test $? = 0
wait $pyserver
check "the Python server received the three messages" \
  test "$(grep -o "Hello World" "$work/py-server.out" | wc -l)" = 3
port=$(free_port)
expect_exit "connect to a closed port exits 1" 1 connect "127.0.0.1:$port"
check "... and says the connection was refused" grep -q "refused" "$work/err"

# run: scripted lessons. Every built-in lesson plays to the end (stdin is not a terminal, so
# `pause` is skipped; --speed 20 shortens the teacher's waits).
lessons=$(cd "$(dirname "$0")/../assets/scenarios" && pwd)
for f in "$lessons"/*.lesson; do
  "$cli" run "$f" --speed 20 </dev/null >"$work/lesson.txt" 2>"$work/err"
  got=$?
  if [ "$got" = 0 ]; then ok "run $(basename "$f")"; else bad "run $(basename "$f") (exit $got: $(head -c 300 "$work/err"))"; fi
done
"$cli" run "$lessons/01-recv-pending.lesson" --speed 20 </dev/null >"$work/lesson.txt" 2>&1
check "run prints captions as == caption == lines" grep -qx "== 4. WSAGetOverlappedResult fetches the result: Data Recv Len = 100 ==" "$work/lesson.txt"
check "run prints the Korean caption too" grep -q "^== 4. WSAGetOverlappedResult로 결과를 확인합니다: Data Recv Len = 100 ==$" "$work/lesson.txt"
check "run prints the transitions" grep -q "Data Recv Len = 100" "$work/lesson.txt"
"$cli" run "$lessons/01-recv-pending.lesson" --format jsonl --speed 20 </dev/null >"$work/lesson.jsonl" 2>"$work/err"
check "run --format jsonl exits 0" test $? = 0
check "run --format jsonl: every line is a transition, no caption" "$py" -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all("event" in r and "caption" not in r for r in rows)' "$work/lesson.jsonl"
check "run --format jsonl: the WSARecv goes 1-2-3-4" \
  test "$(op_events "$work/lesson.jsonl" WSARecv)" = "posted pending signaled result_fetched 100"
# --captions: the web edition's captions beside the trace, each after the transitions before it.
"$cli" run "$lessons/01-recv-pending.lesson" --format jsonl --speed 20 --captions "$work/captions.jsonl" \
  </dev/null >"$work/lesson2.jsonl" 2>"$work/err"
check "run --captions: one line per caption, in order, each after the transitions before it" "$py" -c '
import json, sys
caps = [json.loads(l) for l in open(sys.argv[1])]
rows = [json.loads(l) for l in open(sys.argv[2])]
lesson = [l for l in open(sys.argv[3]) if l.startswith("caption ")]
assert len(caps) == len(lesson), (len(caps), len(lesson))
assert caps[1] == {"after": caps[1]["after"],
                   "text": "2. WSARecv returned SOCKET_ERROR and WSAGetLastError() = WSA_IO_PENDING (997): not an error, the receive is pending",
                   "ko": "2. WSARecv가 SOCKET_ERROR를 반환했고 WSAGetLastError()는 WSA_IO_PENDING(997)입니다: 에러가 아니라 펜딩입니다"}, caps[1]
afters = [c["after"] for c in caps]
assert afters == sorted(afters) and 0 < afters[0] and afters[-1] <= len(rows), afters
# caption 2 (the receive is pending) comes after the WSARecv went pending
pending = next(i for i, r in enumerate(rows) if r["api"] == "WSARecv" and r["event"] == "pending")
assert afters[1] > pending, (afters, pending)' "$work/captions.jsonl" "$work/lesson2.jsonl" "$lessons/01-recv-pending.lesson"
"$cli" run "$lessons/01-recv-pending.lesson" --captions "$work/no-such-dir/c.jsonl" </dev/null >"$work/out" 2>"$work/err"
check "run --captions into a folder that is not there: exit 2, one line naming the file" \
  test $? = 2 -a "$(wc -l <"$work/err")" = 1 -a -n "$(grep -F "cannot write $work/no-such-dir/c.jsonl" "$work/err")"

cat >"$work/bad.lesson" <<'LESSON'
# a malformed lesson: nothing may run
server.recv 1024
server.recv lots
wait forever
caption "unterminated
LESSON
"$cli" run "$work/bad.lesson" >"$work/out" 2>"$work/err"
check "a malformed lesson exits 2" test $? = 2
check "... prints every error as FILE:LINE: what" test "$(cat "$work/err")" = "$work/bad.lesson:3: server.recv: bad size 'lots' (a whole number of bytes from 1 to 16777216)
$work/bad.lesson:4: wait: bad duration 'forever' (write e.g. 500ms or 2s, at most 10 minutes)
$work/bad.lesson:5: unterminated string"
check "... and runs nothing" test ! -s "$work/out"
# Comments and blank lines, as in a real lesson: the error names the file's line (5), not the
# step's number (2).
printf '# stuck: nothing is sent\n\nserver.recv 10\n  # wait for it\nawait completed timeout=100ms\n' >"$work/stuck.lesson"
expect_exit "a lesson whose await times out exits 1" 1 run "$work/stuck.lesson"
check "... and names the line" grep -q "stuck.lesson:5: await completed: op 1 was not completed after 100ms" "$work/err"
expect_exit "run of a missing file exits 2" 2 run "$work/none.lesson"
check "... saying it cannot read it" grep -q "none.lesson: cannot read the file" "$work/err"
# Issue 19: the 64th outstanding WSARecv of a lesson goes pending (WSARecv has no limit; the
# wait's 64 handles do), and the CLI says it is not watched. It once printed failed 87.
printf 'server.recv 8 x64\nawait pending\nwait 200ms\n' >"$work/x64.lesson"
"$cli" run "$work/x64.lesson" >"$work/x64.txt" 2>&1
check "x64 lesson: runs to its end" test $? = 0
check "... op 64 goes pending" grep -qE "op 64 +WSARecv +pending" "$work/x64.txt"
check "... and is reported not watched" grep -qE "op 64 .*unwatched +still pending, not watched" "$work/x64.txt"
check "... and no WSA_INVALID_PARAMETER" test -z "$(grep WSA_INVALID_PARAMETER "$work/x64.txt")"
check "... and it is pending before it is unwatched" test "$(grep -E 'op 64 ' "$work/x64.txt" | awk '{print $7}' | head -3 | tr '\n' ' ')" = "posted pending unwatched "

expect_exit "run without a file exits 2" 2 run
expect_exit "a bad --speed exits 2" 2 run "$lessons/00-intro.lesson" --speed fast

# Bad input a new user tried (issue 17): one line naming the problem, exit 2 for a bad value.
# (On main these said EINVAL, ran an empty lesson as a success, read /dev/zero until memory ran
# out, or ignored the option.)
expect_exit "connect to a host name that does not resolve exits 1" 1 connect nohost.invalid:9 --send x
check "... and says the host name could not be resolved" \
  grep -q "cannot connect to nohost.invalid:9: the host name 'nohost.invalid' could not be resolved" "$work/err"
port=$(free_port)
expect_exit "connect resolves host names (localhost)" 1 connect "localhost:$port"
check "... and reaches the port (refused, not a bad address)" grep -q "refused" "$work/err"
expect_exit "run of an empty lesson exits 2" 2 run /dev/null
check "... saying FILE: the lesson has no steps" test "$(cat "$work/err")" = "/dev/null: the lesson has no steps"
printf '# only comments\n\n' >"$work/comments.lesson"
expect_exit "run of a lesson of comments only exits 2" 2 run "$work/comments.lesson"
expect_exit "run of a directory exits 2" 2 run "$work"
check "... saying it is a directory" grep -q "is a directory, not a lesson file" "$work/err"
expect_exit "run /dev/zero exits 2 (read only up to the size limit)" 2 run /dev/zero
check "... saying the file is too large" grep -q "/dev/zero: larger than 1024 KiB" "$work/err"
printf 'reset\n\0\1\2' >"$work/binary.lesson"
expect_exit "run of a binary file exits 2" 2 run "$work/binary.lesson"
check "... saying it is not a text file" grep -q "not a text file (a NUL byte at offset 6)" "$work/err"
for i in $(seq 100); do echo "this is not a lesson line $i"; done >"$work/prose.lesson"
expect_exit "run of a file of prose exits 2" 2 run "$work/prose.lesson"
check "... with the first 20 errors and a count of the rest" \
  test "$(wc -l <"$work/err")" = 21 -a "$(tail -1 "$work/err")" = "$work/prose.lesson: 80 more errors not shown"
expect_exit "an option a command does not take exits 2" 2 demo recv-pending --count 3
check "... naming it" grep -q "demo recv-pending does not take --count" "$work/err"
expect_exit "serve --count exits 2" 2 serve --count 3 --port 0
check "... naming the option and what serve takes" \
  grep -q "serve does not take --count (it takes --port, --host, --format, --clients, --model)" "$work/err"
expect_exit "run --port exits 2" 2 run "$lessons/00-intro.lesson" --port 9000
expect_exit "an extra argument exits 2" 2 demo recv-pending extra
check "... naming it" grep -q "demo: unexpected argument 'extra'" "$work/err"
long_text=$(printf 'x%.0s' $(seq 200))
port=$(free_port)
expect_exit "--send longer than a command holds exits 2" 2 connect "127.0.0.1:$port" --send "$long_text"
check "... saying the limit" grep -q -- "--send takes at most 128 bytes of text, not 200" "$work/err"
expect_exit "--size shorter than the text exits 2" 2 connect "127.0.0.1:$port" --send "Hello World" --size 5
check "... saying so" grep -q -- "--size 5 is shorter than the --send text (11 bytes)" "$work/err"
for bad in "--count 0" "--count 1000001" "--size 0" "--interval -1" "--port 65536"; do
  expect_exit "connect $bad exits 2" 2 connect "127.0.0.1:$port" $bad
  check "... naming the flag and its range" grep -q -- "${bad%% *} takes a whole number from" "$work/err"
done
check "every refusal above is one line" test "$(wc -l <"$work/err")" = 1

# watch (issue 18): the receiving end of probe/iolab_probe.h, fed here by Python clients that
# (planted: the watcher dropping a partial line at the end of a read -> "every transition" failed)
# speak the probe's protocol: a name line, then trace lines (iolab's own, from demo --format jsonl).
expect_exit "watch: a bad --port exits 2" 2 watch --port 70000
expect_exit "watch: a FILE argument exits 2" 2 watch file.jsonl
expect_exit "watch: a --host that is not an address exits 1" 1 watch --host nowhere --port 0
check "... saying so in one line" grep -q "'nowhere' is not an IPv4 address" "$work/err"
"$cli" demo lecture --count 1 --format jsonl >"$work/lecture.jsonl" 2>/dev/null
"$cli" watch --port 0 --format text --once >"$work/watch.txt" 2>"$work/watch.err" &
watch_pid=$!
wait_for_line "$work/watch.err" "listening on"
watch_port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$work/watch.err")
"$py" - "$watch_port" "$work/lecture.jsonl" "$work/watch.txt" <<'PY'
import socket, sys, time
port, trace, printed = int(sys.argv[1]), open(sys.argv[2], "rb").read(), sys.argv[3]
junk = socket.create_connection(("127.0.0.1", port))  # not a probe: refused, the others go on
junk.sendall(b"GET / HTTP/1.0\n")
a = socket.create_connection(("127.0.0.1", port))
b = socket.create_connection(("127.0.0.1", port))
a.sendall(b'{"probe":"server.exe","pid":11}\n' + trace[:len(trace) // 2])
b.sendall(b'{"probe":"client.exe","pid":22}\n' + trace)
b.sendall(b'{"seq":"one"}\n')  # a line the reader refuses: named, and b goes on
# a's second half only once watch has printed the whole lines of its first: a line split
# across two reads must come out whole.
whole = trace[:len(trace) // 2].count(b"\n")
deadline = time.time() + 30
while open(printed, "rb").read().count(b"server.exe[11] [") < whole and time.time() < deadline:
    time.sleep(0.02)
a.sendall(trace[len(trace) // 2:])
junk.recv(1)
a.close(); b.close(); junk.close()
PY
wait "$watch_pid"
check "watch --once: exits 0 when the last program disconnects" test $? = 0
lines=$(grep -c '"event"' "$work/lecture.jsonl")
check "... every transition of both programs, labelled" test "$(grep -c '^server.exe\[11\] \[' "$work/watch.txt")" = "$lines" -a "$(grep -c '^client.exe\[22\] \[' "$work/watch.txt")" = "$lines"
check "... the lecture's exchange reads as the engine's" grep -qE "^server.exe\[11\] .*(result_fetched|completed_immediately) +Data Recv Len = 100" "$work/watch.txt"
check "... the non-probe connection named on stderr" grep -q "a connection: not an iolab probe" "$work/watch.err"
check "... the refused line named on stderr" grep -q "client.exe\[22\]: client.exe:1: .*seq" "$work/watch.err"
check "... and no pitfall in the lecture" test -z "$(grep PITFALL "$work/watch.txt")"

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
