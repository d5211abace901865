#!/usr/bin/env python3
"""Writes a trace (JSON lines, iolab-cli --format jsonl's shape) of a server with many outside
clients: each session accepted, then messages arriving one session at a time, each the
lecture's receive (posted, pending, the netcore thread blocked in WSAWaitForMultipleEvents,
signaled, result fetched). Session s's last message arrives later the higher s is, except the
sessions named by --recent, which get one more message each, last, in the order given: the
timeline's top rows are known.

Usage: many_sessions.py OUT.jsonl [--sessions N] [--messages M] [--recent S,S,...]
"""
import argparse
import json

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--sessions", type=int, default=40)
ap.add_argument("--messages", type=int, default=3)
ap.add_argument("--recent", default="")
a = ap.parse_args()

seq = 0
t = 1_000_000_000
op = 0
lines = []


def emit(session, op_id, api, op_api, event, result=0, error=0, error_name="", bytes_=0, data=""):
    global seq, t
    t += 20_000
    lines.append(json.dumps({
        "seq": seq, "t_ns": t, "thread": 1, "session": session, "op": op_id, "slot": 0,
        "api": api, "op_api": op_api, "event": event, "result": result, "error": error,
        "error_name": error_name, "bytes": bytes_, "data": data, "data_len": len(data),
        "wsabufs": [1024] if op_id else [],
        "ov": {"internal": 0, "internal_high": bytes_, "event": 8 if op_id else 0,
               "signaled": event in ("signaled", "result_fetched"), "cqe_ready": False},
        "backend": "Linux io_uring"}))
    seq += 1


def message(session, text):
    global op
    op += 1
    emit(session, op, "WSARecv", "WSARecv", "posted", bytes_=1024)
    emit(session, op, "WSARecv", "WSARecv", "pending", result=-1, error=997,
         error_name="WSA_IO_PENDING")
    emit(0, 0, "WSAWaitForMultipleEvents", "none", "blocked", result=1)
    emit(0, 0, "WSAWaitForMultipleEvents", "none", "unblocked")
    emit(session, op, "WSAWaitForMultipleEvents", "WSARecv", "signaled")
    emit(session, op, "WSAGetOverlappedResult", "WSARecv", "result_fetched", result=1,
         bytes_=len(text), data=text)


emit(0, 0, "listen", "none", "listening", result=9000)
for s in range(1, a.sessions + 1):
    emit(s, 0, "accept", "none", "accepted", result=9000)
for m in range(a.messages):
    for s in range(1, a.sessions + 1):
        message(s, "client %d says %d" % (s, m))
for s in [int(x) for x in a.recent.split(",") if x]:
    message(s, "client %d again" % s)
with open(a.out, "w") as f:
    f.write("\n".join(lines) + "\n")
