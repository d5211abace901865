"""Two programs speaking probe/iolab_probe.h's protocol over real TCP connections to `iolab --watch`:
a name line {"probe":NAME,"pid":N}, then trace lines (iolab's own: the recv-pending run of
tests/fuzz-corpus, as the probe numbers them). The server also posts a second WSARecv on the
OVERLAPPED (slot) of its first pending receive while that one is still pending: the `overlapped_reused` pitfall, as a probed program shows it.
Both connections stay open until the app's stdout says the drive script took its screenshot
(`drive: screenshot`), so the GUI can be checked while both are connected; then both close.
Usage: watch_sender.py PORT TRACE APP_STDOUT"""
import json
import socket
import sys
import time

port, trace_path, app_out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lines = [json.loads(l) for l in open(trace_path) if l.strip()]


def stream(lines, reuse):
    out = []
    for t in lines:
        out.append(dict(t))
        if t["op"]:  # the probe numbers OVERLAPPEDs from 1 (0: none), the engine from 0
            out[-1]["slot"] = t["slot"] + 1
        if reuse and t["event"] == "pending" and t["api"] == "WSARecv":
            reuse = False
            # The op is pending on its OVERLAPPED: post again with the same one (slot).
            for event in ("posted", "pending"):
                again = dict(next(x for x in lines if x["op"] == t["op"] and x["event"] == event))
                again["op"] = 100
                again["slot"] = out[-1]["slot"]
                out.append(again)
    for seq, t in enumerate(out):  # gap-free, as the probe numbers them
        t["seq"] = seq
    return b"".join(json.dumps(t, separators=(",", ":")).encode() + b"\n" for t in out)


server = socket.create_connection(("127.0.0.1", port))
client = socket.create_connection(("127.0.0.1", port))
server.sendall(b'{"probe":"server.exe","pid":4242}\n' + stream(lines, True))
client.sendall(b'{"probe":"client.exe","pid":4343}\n' + stream(lines, False))
deadline = time.time() + 60
while time.time() < deadline:
    said = open(app_out, errors="replace").read()
    if "drive: screenshot" in said:
        break
    if "drive: FAILED" in said:
        sys.exit("watch_sender: the drive script failed")
    time.sleep(0.05)
else:
    sys.exit("watch_sender: the app never took its screenshot")
server.close()
client.close()
