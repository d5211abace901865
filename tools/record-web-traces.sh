#!/usr/bin/env bash
# Records the web edition's data from the real engines (called by app/web.cmake at build time):
# each built-in lesson played by the host's iolab-cli on a real loopback lab, as a trace
# (OUT/traces/LESSON.linux.jsonl) and its captions (OUT/traces/LESSON.linux.captions.jsonl);
# with a Windows iolab-cli.exe (the windows-mingw preset), the same again under Wine as
# LESSON.winsock.*. OUT/lessons.json lists what was recorded, for the page's lesson list.
# The 2x2 matrix too: `iolab-cli demo models --format jsonl`, split into one plain trace per
# model and a summary (OUT/traces/models.BACKEND/MODEL.jsonl, summary.txt), which the page's
# matrix replays (netcore/src/web/models_recorded.cpp); and `demo models --windows-models` for
# the matrix's second page (models.BACKEND/road/, netcore/src/web/windows_road_recorded.cpp).
# Usage: tools/record-web-traces.sh HOST_IOLAB_CLI OUT_DIR LESSON_FILE... [-- WINDOWS_IOLAB_CLI_EXE]
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
cli=$1 out=$2
shift 2
lessons=() win_cli=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then win_cli=${2:-}; break; fi
  lessons+=("$1"); shift
done
[ -x "$cli" ] || { echo "record-web-traces: no host iolab-cli at $cli (cmake --build --preset default --target iolab-cli)" >&2; exit 1; }
mkdir -p "$out/traces"
# Wine's own output goes to a file: the services Wine leaves running inherit it, and would keep
# a pipe (the build's output) open forever.
wine_log="$out/wine.log"
: >"$wine_log"
backends=(linux)
[ -n "$win_cli" ] && [ -f "$win_cli" ] && backends+=(winsock)

# stdin is /dev/null: a lesson's `pause` waits for Enter only when a person is at a terminal.
record() {  # BACKEND LESSON_FILE NAME
  local stem="$out/traces/$3.$1"
  if [ "$1" = linux ]; then
    "$cli" run "$2" --format jsonl --captions "$stem.captions.jsonl" </dev/null >"$stem.jsonl.tmp"
  else
    bash "$tools/wine-run.sh" "$win_cli" run "$2" --format jsonl --captions "$stem.captions.jsonl" \
      </dev/null 2>>"$wine_log" |
      tr -d '\r' >"$stem.jsonl.tmp"
  fi
  [ -s "$stem.jsonl.tmp" ] || {
    echo "record-web-traces: $3 on $1 recorded nothing ($(tail -n 3 "$wine_log"))" >&2
    exit 1
  }
  mv "$stem.jsonl.tmp" "$stem.jsonl"
}

# Splits DIR/all.jsonl.tmp (a demo's jsonl with a "model" field on each line, then one
# {"type":"summary"} per model) into one plain trace per model (load_trace reads it) and
# summary.txt, one line per model: its name and the summary's FIELDS.
split_runs() {  # DIR COUNT FIELDS...
  python3 - "$@" <<'PY'
import json, sys
d, count, fields = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
runs, summaries = {}, []
for line in open(f"{d}/all.jsonl.tmp", encoding="utf-8"):
    if not line.strip():
        continue
    row = json.loads(line)
    if row.get("type") == "summary":
        summaries.append(row)
        continue
    runs.setdefault(row.pop("model"), []).append(row)
if len(runs) != count or len(summaries) != count:
    sys.exit(f"record-web-traces: {d}: {len(runs)} runs and {len(summaries)} summaries, not {count}")
for s in summaries:
    if s.get("error"):
        sys.exit(f'record-web-traces: {d}: {s["model"]}: {s["error"]}')
for model, rows in runs.items():
    with open(f"{d}/{model}.jsonl", "w", encoding="utf-8") as f:
        for row in sorted(rows, key=lambda r: r["seq"]):
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
with open(f"{d}/summary.txt", "w") as f:
    for s in summaries:
        f.write(" ".join([s["model"]] + [str(s[k]) for k in fields]) + "\n")
PY
  rm "$1/all.jsonl.tmp"
}

# The four models' runs (summaries "MODEL wait_ns cpu_ns attempts work_units bytes"), and the
# five Windows models of the matrix's second page in road/ (summaries "MODEL cpu_ns";
# netcore/src/web/windows_road_recorded.cpp replays them).
record_models() {  # BACKEND
  local dir="$out/traces/models.$1"
  mkdir -p "$dir/road"
  if [ "$1" = linux ]; then
    "$cli" demo models --format jsonl >"$dir/all.jsonl.tmp"
    "$cli" demo models --windows-models --delay 1000 --format jsonl >"$dir/road/all.jsonl.tmp"
  else
    bash "$tools/wine-run.sh" "$win_cli" demo models --format jsonl </dev/null 2>>"$wine_log" |
      tr -d '\r' >"$dir/all.jsonl.tmp"
    bash "$tools/wine-run.sh" "$win_cli" demo models --windows-models --delay 1000 --format jsonl \
      </dev/null 2>>"$wine_log" | tr -d '\r' >"$dir/road/all.jsonl.tmp"
  fi
  split_runs "$dir" 4 wait_ns cpu_ns attempts work_units bytes
  split_runs "$dir/road" 5 cpu_ns
}
for b in "${backends[@]}"; do record_models "$b"; done

names=()
for file in "${lessons[@]}"; do
  name=$(basename "$file" .lesson)
  for b in "${backends[@]}"; do record "$b" "$file" "$name"; done
  names+=("$name")
done
# The list: each lesson, its first caption as a title, and the backends it was recorded on.
python3 - "$out" "${backends[*]}" "${names[@]}" <<'PY'
import json, sys
out, backends, names = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
def title(name):
    with open(f"{out}/traces/{name}.linux.captions.jsonl", encoding="utf-8") as f:
        first = f.readline()
    return json.loads(first) if first.strip() else {"text": name, "ko": ""}
lessons = [{"name": n, "title": title(n)["text"], "title_ko": title(n)["ko"], "backends": backends}
           for n in names]
with open(f"{out}/lessons.json", "w", encoding="utf-8") as f:
    json.dump(lessons, f, ensure_ascii=False, indent=1)
PY
echo "record-web-traces: ${#names[@]} lessons on ${backends[*]} -> $out"
