#!/usr/bin/env python3
"""Floods `iolab-cli serve` with 1 KiB messages from a loopback client, as fast as loopback allows,
for SECONDS, then closes. Checks what issue 17 promises a classroom server under a flooding peer:

- its resident memory after the first 5 s grows by at most --max-growth-mb (sampled from
  /proc/PID/status, from outside the process);
- every transition it prints comes in `seq` order with no gap (the engine lost nothing);
- it exits 0 when the peer closes.

Prints name=value lines (serve_rss_mb_after_5s, serve_rss_mb_after_Ns_flood, serve_rss_mb_max,
serve_transitions, serve_flood_mb) and exits 1 if a promise is broken.

With --clients N (and --model event|iocp) it floods `serve --clients N` (docs/many-clients.md)
from N sockets in turn instead; every promise is the same.

Usage: serve_flood.py IOLAB_CLI [--seconds 30] [--max-growth-mb 32] [--clients N --model M]
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import threading
import time

SEQ = re.compile(rb'^\{"seq":(\d+),')


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-growth-mb", type=float, default=32)
    ap.add_argument("--clients", type=int, default=0)
    ap.add_argument("--model", default="event")
    a = ap.parse_args()

    if a.clients:
        # serve --clients prints no listening line in jsonl: a port found free just before.
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        server = subprocess.Popen([a.cli, "serve", "--port", str(port), "--clients",
                                   str(a.clients), "--model", a.model, "--format", "jsonl"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=1 << 20)
        first = b""
    else:
        # Port 0: the engine binds a free port and says which in its `listening` line.
        server = subprocess.Popen([a.cli, "serve", "--port", "0", "--format", "jsonl"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=1 << 20)
        first = server.stdout.readline()
        port = re.search(rb'"event":"listening".*?"result":(\d+)', first)
        if not port:
            print(f"serve_flood: no listening line from serve: {first!r}", file=sys.stderr)
            server.kill()
            return 1
        port = int(port.group(1))

    # The reader: every line's seq, checked as it comes (the checker must not be what slows the
    # server down, so it only looks at the line's start).
    state = {"lines": 1, "last": None, "gaps": 0, "first_gap": None}
    m = SEQ.match(first)
    state["last"] = int(m.group(1)) if m else None

    def read():
        for line in server.stdout:
            state["lines"] += 1
            m = SEQ.match(line)
            if not m:
                continue
            seq = int(m.group(1))
            last = state["last"]
            if last is not None and seq != last + 1:
                state["gaps"] += 1
                if state["first_gap"] is None:
                    state["first_gap"] = (last, seq)
            state["last"] = seq

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def connect():
        for _ in range(250):  # until serve listens (bounded: 5 s)
            try:
                return socket.create_connection(("127.0.0.1", port))
            except ConnectionRefusedError:
                time.sleep(0.02)
        return socket.create_connection(("127.0.0.1", port))

    clients = [connect() for _ in range(max(a.clients, 1))]
    # serve reads at its output's pace (TCP holds the client back meanwhile), but never stops:
    # 10 s without room to send is a hang.
    for client in clients:
        client.settimeout(10)
    message = b"x" * 1024
    sent = 0
    send_error = None
    samples = []  # (seconds since the flood began, RSS MB)
    start = time.monotonic()
    next_sample = start
    while True:
        now = time.monotonic()
        if now >= next_sample:
            r = rss_mb(server.pid)
            if r is not None:
                samples.append((now - start, r))
            next_sample += 0.5
        if now - start >= a.seconds:
            break
        try:
            for client in clients:
                for _ in range(64 // len(clients) or 1):
                    client.sendall(message)
                    sent += len(message)
        except OSError as e:  # a timeout (serve stopped reading) or serve gone
            send_error = e
            break
    for client in clients:
        client.close()
    try:
        code = server.wait(timeout=120)
    except subprocess.TimeoutExpired:
        server.kill()
        code = "hung (killed after 120 s)"
    reader.join(timeout=60)
    err = server.stderr.read().decode(errors="replace").strip()

    after5 = next((r for t, r in samples if t >= 5), None)
    last = samples[-1][1] if samples else None
    peak = max((r for _, r in samples), default=None)
    peak_after5 = max((r for t, r in samples if t >= 5), default=None)
    print(f"serve_flood_seconds={a.seconds:g}")
    print(f"serve_flood_mb={sent / 1e6:.0f}")
    print(f"serve_transitions={state['lines']}")
    print(f"serve_rss_mb_after_5s={after5:.1f}" if after5 is not None else "serve_rss_mb_after_5s=?")
    print(f"serve_rss_mb_after_{a.seconds:g}s_flood={last:.1f}" if last else "")
    print(f"serve_rss_mb_max={peak:.1f}" if peak else "")

    failures = []
    if send_error is not None:
        failures.append(f"the flood stopped after {sent} bytes: {send_error!r}")
    if code != 0:
        failures.append(f"serve exited {code}, not 0, when the peer closed: {err[:300]}")
    if state["gaps"]:
        failures.append(f"{state['gaps']} seq gap(s), the first after {state['first_gap'][0]}: "
                        f"{state['first_gap'][1]}")
    if after5 is None or peak_after5 is None:
        failures.append("too few RSS samples (the flood must last more than 5 s)")
    elif peak_after5 - after5 > a.max_growth_mb:
        failures.append(f"RSS grew {peak_after5 - after5:.1f} MB after the first 5 s "
                        f"({after5:.1f} -> {peak_after5:.1f}), more than {a.max_growth_mb:g}")
    for f in failures:
        print(f"serve_flood: FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
