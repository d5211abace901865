#!/usr/bin/env bash
# The probe under Wine (issue 18): our own lecture-style Winsock programs, built with mingw-w64
# twice (with probe/iolab_probe.h and without), run under Wine against the Linux
# `iolab-cli watch --format jsonl --once`. Checks: each stream is gap-free; the server's WSARecv
# reads posted -> pending -> signaled -> result_fetched with 100 bytes; the lecture pair raises
# no pitfall and each pitfall program exactly its own; every program prints the same without the
# probe, with it, and with it but nothing listening; IOLAB_PROBE_FILE writes a valid trace.
#   tests/probe/probe_test.sh LINUX_IOLAB_CLI
# Planted once each (all failed as they should):
#   the probe counting seq by 2 per line                  -> "seq gap" for every program;
#   WSASetLastError(0) at the end of the WSARecv wrapper -> "the server's output differs";
#   the checker's open-op lookup keyed by op instead of slot (reuse never found) -> "raised []".
#   the probe writing its name line into IOLAB_PROBE_FILE too   -> the schema refused the file.
#   CancelIoEx_ matching every socket but the one canceled -> "the canceled receive reads" (no canceled).
#   no lock in the WSARecv/WSASend wrapper (threads)   -> "seq gap" (lines out of order), failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI=${1:?usage: probe_test.sh LINUX_IOLAB_CLI}
WINE=("$ROOT/tools/wine-run.sh")
CXX=${IOLAB_MINGW_CXX:-x86_64-w64-mingw32-g++-posix}
TMP=$(mktemp -d /tmp/iolab-probe-test.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() {
  echo "probe_test: FAIL: $*" >&2
  exit 1
}

# Waits (up to 60 s) until FILE holds a line matching REGEX: the event itself, not a guessed delay.
await_line() {
  local file=$1 regex=$2 deadline=$((SECONDS + 60))
  until grep -qE "$regex" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "timed out waiting for '$regex' in $(basename "$file")"
    sleep 0.05
  done
}

echo "== probe_test: building the programs (mingw-w64, with and without the probe)"
for prog in lecture_server lecture_client pitfall models_server; do
  for variant in probe plain; do
    flags=()
    [[ $variant == probe ]] && flags=(-DIOLAB_WITH_PROBE "-I$ROOT/probe")
    "$CXX" -std=c++17 -O1 -Wall -Wextra -Werror "${flags[@]}" "$ROOT/tests/probe/$prog.cpp" \
      -o "$TMP/$prog-$variant.exe" -static -lws2_32 || fail "building $prog ($variant)"
  done
done

# Starts `iolab-cli watch --once` on a free port; sets WATCH_PORT and WATCH_PID.
start_watch() {
  local name=$1
  # Bounded: a program whose probe never reached the watcher (the probe gives up rather than
  # block its program) must fail this test, not hang it.
  timeout 120 "$CLI" watch --port 0 --format jsonl --once >"$TMP/$name.jsonl" \
    2>"$TMP/$name.watch.err" &
  WATCH_PID=$!
  PIDS+=("$WATCH_PID")
  await_line "$TMP/$name.watch.err" 'listening on'
  WATCH_PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/$name.watch.err")
}
finish_watch() {
  local name=$1 rc=0
  wait "$WATCH_PID" || rc=$?
  ((rc != 124)) || fail "watch for $name: no program connected within 120 s (its probe gave up)"
  ((rc == 0)) || fail "watch for $name exited $rc: $(cat "$TMP/$name.watch.err")"
  if grep -v 'listening on' "$TMP/$name.watch.err" | grep -q .; then
    fail "watch for $name complained: $(cat "$TMP/$name.watch.err")"
  fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Nothing listens here: a port bound by nobody (taken and released just now).
NO_LISTENER=127.0.0.1:$(free_port)

# --- The lecture's server and client, both watched at once.
# run_pair VARIANT TAG [ENV...]: server and client, their outputs in $TMP/TAG.{server,client}.out
run_pair() {
  local variant=$1 tag=$2
  shift 2
  local port
  port=$(free_port)
  env "$@" timeout 120 "${WINE[@]}" "$TMP/lecture_server-$variant.exe" "$port" \
    >"$TMP/$tag.server.out" 2>&1 &
  local server=$!
  PIDS+=("$server")
  await_line "$TMP/$tag.server.out" '^listening'
  env "$@" timeout 120 "${WINE[@]}" "$TMP/lecture_client-$variant.exe" "$port" 3 \
    >"$TMP/$tag.client.out" 2>&1 || fail "lecture client ($tag) failed: $(cat "$TMP/$tag.client.out")"
  wait "$server" || fail "lecture server ($tag) failed: $(cat "$TMP/$tag.server.out")"
}

echo "== probe_test: the lecture's server and client"
start_watch lecture
run_pair probe watched "IOLAB_PROBE=127.0.0.1:$WATCH_PORT"
finish_watch lecture
run_pair plain plain
run_pair probe unheard "IOLAB_PROBE=$NO_LISTENER"
for side in server client; do
  for tag in watched unheard; do
    cmp -s "$TMP/plain.$side.out" "$TMP/$tag.$side.out" ||
      fail "the $side's output differs with the probe ($tag): $(diff "$TMP/plain.$side.out" "$TMP/$tag.$side.out")"
  done
done

# Checks one watch --format jsonl output: gap-free streams, the expected pitfalls, and
# (lecture) the full path of a receive with 100 bytes.
check_stream() {
  python3 - "$1" "$2" "$3" <<'PY' || fail "$1: see above"
import json, sys
path, programs_expected, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [json.loads(l) for l in open(path, encoding="utf-8")]
progs = {}
for l in lines:
    p = progs.setdefault((l["program"], l["pid"]), {"t": [], "pitfalls": [], "conn": 0, "disc": 0, "gaps": None})
    if "transition" in l: p["t"].append(l["transition"])
    if "pitfall" in l: p["pitfalls"].append(l["pitfall"])
    if l.get("connected"): p["conn"] += 1
    if l.get("disconnected"): p["disc"] += 1; p["gaps"] = l["gaps"]
ok = True
def bad(msg):
    global ok
    ok = False
    print(f"probe_test: {path}: {msg}", file=sys.stderr)
if len(progs) != programs_expected:
    bad(f"{len(progs)} programs connected, expected {programs_expected}")
raised = []
for (name, pid), p in progs.items():
    seqs = [t["seq"] for t in p["t"]]
    if not seqs or seqs != list(range(len(seqs))):
        bad(f"{name}[{pid}]: seq gap: {seqs[:40]}")
    if p["conn"] != 1 or p["disc"] != 1 or p["gaps"]:
        bad(f"{name}[{pid}]: connected {p['conn']}, disconnected {p['disc']}, gaps {p['gaps']}")
    raised += p["pitfalls"]
want = [] if expected == "none" else [expected]
if raised != want:
    bad(f"raised {raised}, expected exactly {want}")
if path.endswith("cancel.jsonl"):  # CancelIoEx: canceled, then the fetch fails with 995
    events = [(t["event"], t["error"]) for p in progs.values() for t in p["t"] if t["op"] == 1]
    if events != [("posted", 0), ("pending", 997), ("canceled", 0), ("signaled", 0), ("failed", 995)]:
        bad(f"the canceled receive reads {events}")
elif path.endswith("threads.jsonl"):  # two threads' lines: both there, every op ended
    ts = [t for p in progs.values() for t in p["t"]]
    if len({t["thread"] for t in ts if t["op"]}) != 2:
        bad("the receives did not come from two threads")
    ends = {"completed_immediately", "result_fetched", "peer_closed", "failed"}
    posted = {t["op"] for t in ts if t["event"] == "posted"}
    ended = {t["op"] for t in ts if t["event"] in ends}
    if not posted or posted != ended:
        bad(f"{len(posted)} receives posted, {len(ended)} ended")
    fetched = sum(t["bytes"] for t in ts if t["event"] in ("completed_immediately", "result_fetched"))
    if fetched != 2 * 300 * 100:
        bad(f"{fetched} bytes received, expected 60000")
elif expected == "none":
    server = [p for (name, _), p in progs.items() if name.startswith("lecture_server")]
    if not server:
        bad("no lecture_server stream")
    else:
        ops = {}
        for t in server[0]["t"]:
            if t["op"] and t["op_api"] == "WSARecv": ops.setdefault(t["op"], []).append(t)
        full = [o for o in ops.values()
                if [t["event"] for t in o] == ["posted", "pending", "signaled", "result_fetched"]
                and o[-1]["bytes"] == 100 and o[-1]["data"] == "Hello World"]
        if not full:
            bad("no WSARecv read posted -> pending -> signaled -> result_fetched with 100 bytes: "
                + str({k: [t["event"] for t in v] for k, v in ops.items()}))
sys.exit(0 if ok else 1)
PY
}
check_stream "$TMP/lecture.jsonl" 2 none

# IOLAB_PROBE_FILE: a trace file (no name line), every line valid against docs/trace.schema.json,
# gap-free, with the same events as the watched run's stream (threads: their order varies).
check_file() {
  python3 - "$1" "$2" "$ROOT/docs/trace.schema.json" <<'PY' || fail "$1: see above"
import json, sys
import jsonschema
trace, watched, schema = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
validator = jsonschema.Draft202012Validator(schema)
lines = [json.loads(l) for l in open(trace, encoding="utf-8")]
for l in lines:
    validator.validate(l)
if [l["seq"] for l in lines] != list(range(len(lines))):
    sys.exit(f"probe_test: {trace}: seq not gap-free")
streamed = [json.loads(l)["transition"] for l in open(watched, encoding="utf-8") if '"transition"' in l]
if "threads" not in trace and [l["event"] for l in lines] != [t["event"] for t in streamed]:
    sys.exit(f"probe_test: {trace}: events differ from the watched stream's")
PY
}

# --- The lecture's other models (models_server.cpp): the completion routine and the port, each
# against the plain lecture client. The receives must read posted -> pending -> callback (in
# SleepEx, which returns 192 WAIT_IO_COMPLETION) / dequeued (GetQueuedCompletionStatus) with
# 100 bytes of "Hello World"; the last one 0 bytes (the peer closed); no pitfall (the op ends at
# its callback / dequeue); the port's quit packet is posted and dequeued as a thread line.
# Planted: the probe's routine not calling the program's -> "the receives ended" (one, not
# four), failed; GetQueuedCompletionStatus_ looking up the wrong OVERLAPPED pointer -> "a
# receive reads ['posted', 'pending']", failed.
check_model() {
  python3 - "$1" "$2" <<'PY' || fail "$1: see above"
import json, sys
path, model = sys.argv[1], sys.argv[2]
ts = [json.loads(l)["transition"] for l in open(path, encoding="utf-8") if '"transition"' in l]
raised = [json.loads(l)["pitfall"] for l in open(path, encoding="utf-8") if '"pitfall"' in l]
ok = True
def bad(msg):
    global ok
    ok = False
    print(f"probe_test: {path}: {msg}", file=sys.stderr)
if [t["seq"] for t in ts] != list(range(len(ts))):
    bad("seq not gap-free")
if raised:
    bad(f"raised {raised}")
end, api = ("callback", "SleepEx") if model == "routine" else ("dequeued", "GetQueuedCompletionStatus")
ops = {}
for t in ts:
    if t["op"]: ops.setdefault(t["op"], []).append(t)
# Either went pending or completed at once; completion_queued only when SleepEx saw it first.
paths = [[t["event"] for t in o if t["event"] != "completion_queued"] for o in ops.values()]
for p in paths:
    if p not in (["posted", "pending", end], ["posted", "completed_immediately", end]):
        bad(f"a receive reads {p}")
ends = [o[-1] for o in ops.values()]
if [(t["api"], t["bytes"], t["data"]) for t in ends] != [(api, 100, "Hello World")] * 3 + [(api, 0, "")]:
    bad(f"the receives ended {[(t['api'], t['bytes'], t['data']) for t in ends]}")
threads = [(t["api"], t["event"], t["result"]) for t in ts if not t["op"] and t["api"] == api]
if model == "routine":
    if threads.count(("SleepEx", "unblocked", 192)) != 4:
        bad(f"SleepEx did not return 192 four times: {threads}")
else:
    setup = [(t["api"], t["event"], t["result"]) for t in ts if t["api"].endswith("CompletionPort") or t["api"] == "PostQueuedCompletionStatus"]
    if setup != [("CreateIoCompletionPort", "option_set", 1)] * 2 + [("PostQueuedCompletionStatus", "posted", 1)]:
        bad(f"the port's setup and quit packet read {setup}")
    if ("GetQueuedCompletionStatus", "dequeued", 1) not in threads:
        bad(f"the quit packet was not dequeued: {threads}")
sys.exit(0 if ok else 1)
PY
}
echo "== probe_test: the completion routine and the completion port"
for model in routine iocp; do
  for tag in watched plain unheard; do
    variant=probe env=()
    [[ $tag == plain ]] && variant=plain
    [[ $tag == unheard ]] && env=("IOLAB_PROBE=$NO_LISTENER")
    [[ $tag == watched ]] && { start_watch "$model"; env=("IOLAB_PROBE=127.0.0.1:$WATCH_PORT"); }
    port=$(free_port)
    env "${env[@]}" timeout 120 "${WINE[@]}" "$TMP/models_server-$variant.exe" "$model" "$port" \
      >"$TMP/$model.$tag.out" 2>&1 &
    server=$!
    PIDS+=("$server")
    await_line "$TMP/$model.$tag.out" '^listening'
    timeout 120 "${WINE[@]}" "$TMP/lecture_client-plain.exe" "$port" 3 >/dev/null 2>&1 ||
      fail "the lecture client against the $model server ($tag) failed"
    wait "$server" || fail "$model server ($tag) failed: $(cat "$TMP/$model.$tag.out")"
    [[ $tag == watched ]] && finish_watch "$model"
  done
  check_model "$TMP/$model.jsonl" "$model"
  for tag in watched unheard; do
    cmp -s "$TMP/$model.plain.out" "$TMP/$model.$tag.out" ||
      fail "$model server: output differs with the probe ($tag): $(diff "$TMP/$model.plain.out" "$TMP/$model.$tag.out")"
  done
  echo "   $model: $(grep -c '"transition"' "$TMP/$model.jsonl") lines, output identical"
done

echo "== probe_test: one program per pitfall"
for pitfall in reuse send_changed zero_repost event_without_op incomplete cancel threads; do
  case $pitfall in
    reuse) flag=overlapped_reused ;;
    send_changed) flag=send_buffer_changed ;;
    zero_repost) flag=zero_byte_repost ;;
    event_without_op) flag=event_without_op ;;
    incomplete) flag=incomplete_fetch ;;
    cancel | threads) flag=none ;;
  esac
  start_watch "$pitfall"
  IOLAB_PROBE=127.0.0.1:$WATCH_PORT timeout 120 "${WINE[@]}" "$TMP/pitfall-probe.exe" "$pitfall" \
    >"$TMP/$pitfall.watched.out" 2>&1 || fail "pitfall $pitfall (watched) failed"
  finish_watch "$pitfall"
  check_stream "$TMP/$pitfall.jsonl" 1 "$flag"
  timeout 120 "${WINE[@]}" "$TMP/pitfall-plain.exe" "$pitfall" >"$TMP/$pitfall.plain.out" 2>&1
  IOLAB_PROBE=$NO_LISTENER timeout 120 "${WINE[@]}" "$TMP/pitfall-probe.exe" "$pitfall" \
    >"$TMP/$pitfall.unheard.out" 2>&1
  IOLAB_PROBE_FILE=$TMP/$pitfall.trace.jsonl timeout 120 "${WINE[@]}" "$TMP/pitfall-probe.exe" \
    "$pitfall" >"$TMP/$pitfall.filed.out" 2>&1
  check_file "$TMP/$pitfall.trace.jsonl" "$TMP/$pitfall.jsonl"
  for tag in watched unheard filed; do
    cmp -s "$TMP/$pitfall.plain.out" "$TMP/$pitfall.$tag.out" ||
      fail "pitfall $pitfall: output differs with the probe ($tag): $(diff "$TMP/$pitfall.plain.out" "$TMP/$pitfall.$tag.out")"
  done
  echo "   $pitfall: $flag, output identical"
done
# --- A watcher slow to accept: its accept queue is full for 6 s, so the probe's connect waits
# on SYN retransmits (1, 2, 4 s...) while the program has already ended. Its exit must wait for
# the connect, not give up after kExitFlushMs (3 s) and drop every line. Planted: the exit not
# waiting for the connect (kExitConnectMs 0) -> "the slow watcher did not get the
# probe's connection", failed.
echo "== probe_test: a watcher slow to accept (the program ends before its probe connects)"
python3 - "$TMP/slow.raw" >"$TMP/slow.port" <<'PY' &
import socket, sys, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0)  # Linux queues one connection at backlog 0, and drops SYNs past it
filler = socket.create_connection(listener.getsockname())
print(listener.getsockname()[1], flush=True)
time.sleep(6)  # the point of the test: the queue stays full while the program runs and exits
listener.settimeout(60)
listener.accept()[0].close()  # the filler
probe, _ = listener.accept()
with open(sys.argv[1], "wb") as out:
    while chunk := probe.recv(65536):
        out.write(chunk)
PY
SLOW_PID=$!
PIDS+=("$SLOW_PID")
await_line "$TMP/slow.port" '^[0-9]+$'
IOLAB_PROBE=127.0.0.1:$(cat "$TMP/slow.port") timeout 120 "${WINE[@]}" "$TMP/pitfall-probe.exe" \
  incomplete >"$TMP/slow.out" 2>&1 || fail "pitfall incomplete (slow watcher) failed"
wait "$SLOW_PID" || fail "the slow watcher did not get the probe's connection"
expected=$(wc -l <"$TMP/incomplete.trace.jsonl")
got=$(grep -c '^{"seq":' "$TMP/slow.raw")
((got == expected)) ||
  fail "slow watcher: $got of $expected lines arrived (the program's exit did not wait for its probe to connect)"
echo "   slow watcher: all $got lines arrived"
echo "probe_test: OK"
