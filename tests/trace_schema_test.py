#!/usr/bin/env python3
"""docs/trace.schema.json describes the traces iolab really writes, and no more.

Usage: trace_schema_test.py IOLAB_CLI SCHEMA TRANSITION_HPP

Every built-in scenario is run for real; its `--format jsonl` lines (the very lines File > Save
trace writes: both are format_jsonl) must all validate. (`demo models` is no trace: its lines
also name the model.) Then lines
the loader refuses (a field missing, one unknown, a wrong type, a number out of range, too many
WSABUFs, an unknown event) must fail the schema too. And the schema's names are the engine's:
its api and event lists are netcore/transition.hpp's NETCORE_APIS and NETCORE_KINDS, in order.
(Planted: "additionalProperties": false removed from "ov" -> the unknown-ov-field case failed;
"ioctlsocket" dropped from the schema's api list -> the names check failed.)
"""
import copy
import json
import re
import subprocess
import sys

import jsonschema

cli, schema_path, transition_hpp = sys.argv[1], sys.argv[2], sys.argv[3]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

# The names: each X(name) of the two X-macros, in order.
with open(transition_hpp, encoding="utf-8") as f:
    header = f.read()


def x_macro(name):
    body = re.search(r"#define " + name + r"\(X\)(.*?)\n\n", header, re.S).group(1)
    return re.findall(r"\bX\((\w+)\)", body)


props = schema["properties"]
for field, want in (("api", x_macro("NETCORE_APIS")), ("op_api", x_macro("NETCORE_APIS")),
                    ("event", x_macro("NETCORE_KINDS"))):
    if props[field]["enum"] != want:
        sys.exit(f"FAIL: the schema's {field} names {props[field]['enum']}, the engine's {want}")
backends = list(re.search(r'Backend::winsock \? "([^"]+)" : "([^"]+)"', header).groups())
limits = {
    ("backend", "enum"): backends,
    ("data_len", "maximum"): int(re.search(r"kDataCapacity = (\d+);", header).group(1)),
    ("wsabufs", "maxItems"): int(re.search(r"kMaxWsabufs = (\d+);", header).group(1)),
}
for (field, key), want in limits.items():
    if props[field][key] != want:
        sys.exit(f"FAIL: the schema's {field} {key} is {props[field][key]}, the engine's {want}")


def run(*args):
    out = subprocess.run([cli, *args], check=True, capture_output=True, text=True, timeout=60)
    return out.stdout


names = [line.split()[0] for line in run("demo", "--list").splitlines() if line.strip()]
# Only the lecture takes --count (the CLI refuses it elsewhere, issue 17); many-clients needs
# --clients (its summary goes to stderr: stdout is a trace like the others).
extra = {"lecture": ["--count", "3"], "many-clients": ["--clients", "3", "--messages", "2"]}
traces = {name: run("demo", name, "--format", "jsonl", *extra.get(name, [])) for name in names}

checked = 0
events = set()
for name, text in traces.items():
    lines = [l for l in text.splitlines() if l.strip()]
    if not lines:
        sys.exit(f"FAIL: demo {name} wrote no lines")
    for n, line in enumerate(lines, 1):
        obj = json.loads(line)
        errors = list(validator.iter_errors(obj))
        if errors:
            sys.exit(f"FAIL: demo {name}, line {n}: {errors[0].message}\n{line}")
        events.add(obj["event"])
        checked += 1
good = json.loads(traces["recv-pending"].splitlines()[0])

bad = []
missing = copy.deepcopy(good); del missing["seq"]; bad.append(("missing seq", missing))
unknown = copy.deepcopy(good); unknown["bogus"] = 1; bad.append(("unknown field", unknown))
ov_unknown = copy.deepcopy(good); ov_unknown["ov"]["extra"] = 0; bad.append(("unknown ov field", ov_unknown))
wrong = copy.deepcopy(good); wrong["seq"] = "7"; bad.append(("seq as a string", wrong))
negative = copy.deepcopy(good); negative["seq"] = -7; bad.append(("negative seq", negative))
big = copy.deepcopy(good); big["slot"] = 70000; bad.append(("slot out of range", big))
fraction = copy.deepcopy(good); fraction["bytes"] = 1.5; bad.append(("fractional bytes", fraction))
wsabufs = copy.deepcopy(good); wsabufs["wsabufs"] = [1, 2, 3, 4, 5]; bad.append(("5 WSABUFs", wsabufs))
event = copy.deepcopy(good); event["event"] = "exploded"; bad.append(("unknown event", event))
backend = copy.deepcopy(good); backend["backend"] = "epoll"; bad.append(("unknown backend", backend))
data_len = copy.deepcopy(good); data_len["data_len"] = 65; bad.append(("data_len 65", data_len))
for what, obj in bad:
    if validator.is_valid(obj):
        sys.exit(f"FAIL: the schema accepts a line the loader refuses ({what}): {json.dumps(obj)}")

print(f"trace schema: {checked} lines of {len(traces)} real runs valid ({len(events)} events), "
      f"{len(bad)} malformed lines refused")
