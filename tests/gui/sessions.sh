#!/usr/bin/env bash
# Many sessions in the timeline (issue 16): a replay of a server with 40 outside clients
# (many_sessions.py), where sessions 17 then 5 spoke last. One collapsed row per session, the
# most recently active on top; a click on a session's label opens it (its lane follows it), E
# closes it again (the session of the op shown). Planted bug: the click's toggle not called ->
# `timeline-rows=42` failed (41 rows drawn).
# Usage: sessions.sh IOLAB OUTDIR
set -euo pipefail
iolab=$1 out=$2
here=$(dirname "$0")
source "$here/common.sh"
trace="$cfg/many.jsonl"
python3 "$here/many_sessions.py" "$trace" --sessions 40 --messages 3 --recent 17,5
steps="
view timeline-rows=41
view timeline-top=session5
view timeline-lane=session5:bars>=1,markers>=2
view lanes-fit
view items-fit
screenshot $out/sessions_collapsed.png
click-button session17
frames 3
view timeline-rows=42
view timeline-lane=session17-WSARecv-0:bars>=1
screenshot $out/sessions_expanded.png
click-button session5
frames 3
view timeline-rows=43
key E
frames 3
view timeline-rows=42
"
xvfb --size 1920x1080 --lang en --replay "$trace" --drive "$steps" \
  || fail "the many-session timeline's drive failed"
for png in sessions_collapsed sessions_expanded; do
  [ -s "$out/$png.png" ] || fail "missing $png.png"
done
echo "ok: many sessions: collapsed, ordered by activity, opened by a click, closed by E"
