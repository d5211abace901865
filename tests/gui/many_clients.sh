#!/usr/bin/env bash
# Many clients in the GUI (issue 16): iolab --clients N runs the many-clients server with N of
# the lab's own clients; S sends a wave (one message from each).
#   event: 63 clients are served by one waiting thread; Lab > Clients 64 (the drive's `clients`
#          step, as the menu) needs a second one: 64 handles per WSAWaitForMultipleEvents. A
#          thread's wait ends at the signaled event, which carries its index; every session's
#          message is fetched. Lab > Clients 1: the lecture's lab again, R and S as ever.
#   iocp:  --clients 10 --model iocp: two workers in GetQueuedCompletionStatus, receives
#          dequeued, every session's message fetched.
# Planted bugs, each seen failing: ManyLabClients::send_wave not waking its thread ->
# `wait-view many-fetched=63` ran out of frames; App::drain_many not renumbering the posts
# (model::SessionOps) -> `wait-view many-sessions=63` ran out (every receive folded into one op);
# kEventsPerWaitingThread = 64 (no room for the wake event) -> `wait-view many-fetched=64` ran
# out; clients_on ignoring the I/O model (always event) -> `view many-iocp` failed; the strip's
# latency label the event model's in IOCP too ("fetch (WSAGetOverlappedResult)") ->
# `view controls-says=Arrival_->_dequeued_...` failed (and its Korean one).
# Lessons: App::serve_requests not stopping the lab's clients first (the lesson silently not
# started, as before) -> `view lesson=01-recv-pending` failed; the items enabled with outside
# clients (the click then silently did nothing, as before) -> `view lessons-off` failed.
# The waiting threads' wait bars after two waves: `view items-fit` checks every drawn call name
# lies inside its bar's visible part and clear of the others (the short wait before a long one is
# elided, "WSA..."). Planted: the label placed as before (at the bar's visible start whenever the
# whole bar was wide enough, whatever its height) -> "clipped: 'wait label' ...", failed.
# Usage: many_clients.sh IOLAB OUTDIR event|iocp|lessons
set -euo pipefail
iolab=$1 out=$2 part=$3
here=$(dirname "$0")
source "$here/common.sh"
if [ "$part" = event ]; then
  steps="
view many-clients
view many-event
wait-view many-sessions=63
key S
wait-view many-fetched=63
wait-view many-threads=1
view waiting-threads=1
wait-view woke-index>=1
clients 64
wait-view many-sessions=64
key S
wait-view many-fetched=64
wait-view signaled>=64
wait-view many-threads=2
wait-view waiting-threads=2
wait-view woke-index>=1
wait-view many-messages=64
view controls-says=Arrival_->_fetch_(WSAGetOverlappedResult):
view dropped=0
view controls-fit
view status-fit
key S
wait-view many-messages=128
frames 5
view items-fit
screenshot $out/many_clients_64.png
clients 1
frames 3
view posted=0
key R
wait recv pending
key S
wait recv result_fetched 100
"
  xvfb --size 1920x1080 --lang en --clients 63 --drive "$steps" \
    || fail "63 then 64 clients: the drive failed"
  [ -s "$out/many_clients_64.png" ] || fail "missing many_clients_64.png"
  echo "ok: 63 clients: 1 waiting thread; 64: 2, each wait ended by a signaled event index"
elif [ "$part" = lessons ]; then
  # Lessons > 01-recv-pending while 10 of the lab's clients run: they stop, the lesson plays in
  # the lecture's lab (its WSARecv pending, then fetched). Clicked as a person does: the menu,
  # then the item.
  steps="
view many-clients
wait-view many-sessions=10
view lessons-on
click-button Lessons
frames 3
click-button 01-recv-pending
frames 3
view lesson=01-recv-pending
wait recv pending
wait recv result_fetched 100
"
  log=$(xvfb --size 1920x1080 --lang en --clients 10 --drive "$steps" 2>&1) \
    || fail "a lesson chosen while 10 clients run: the drive failed: $(tail -20 <<<"$log")"
  grep -q "^iolab: 10 clients stopped: a lesson plays in the lecture's lab" <<<"$log" \
    || fail "no line saying the clients stopped: $log"
  # With outside clients (--serve): the items are disabled and the menu says why; a click on one
  # starts nothing and the clients are still served. In Korean at 1024x768, scale 2.
  steps="
view many-clients
view lessons-off
click-button 수업
frames 3
screenshot $out/many_clients_lessons_off_ko.png
click-button 01-recv-pending
frames 5
view lesson=
view many-clients
view items-fit
"
  xvfb --size 1024x768 --scale 2 --layout projector --lang ko --serve 0 --clients 2 \
    --drive "$steps" || fail "Lessons with outside clients: the drive failed"
  [ -s "$out/many_clients_lessons_off_ko.png" ] || fail "missing many_clients_lessons_off_ko.png"
  echo "ok: a lesson stops the lab's own clients and plays; with outside clients it is offered off"
else
  steps="
view many-clients
view many-iocp
wait-view many-sessions=10
key S
wait-view dequeued>=10
wait-view many-fetched=10
wait-view many-threads=2
wait-view dequeue-threads=2
wait-view many-messages=10
view controls-says=Arrival_->_dequeued_(GetQueuedCompletionStatus):
view waiting-threads=0
view dropped=0
view controls-fit
screenshot $out/many_clients_iocp.png
"
  xvfb --size 1920x1080 --lang en --clients 10 --model iocp --drive "$steps" \
    || fail "10 clients with IOCP: the drive failed"
  [ -s "$out/many_clients_iocp.png" ] || fail "missing many_clients_iocp.png"
  # In Korean on a 1024x768 projector at scale 2: the label names the dequeue, and fits.
  steps="
view many-iocp
view controls-says=도착_->_꺼냄_(GetQueuedCompletionStatus):
view controls-says=시각이_찍힌_메시지가_아직_없습니다
view items-fit
wait-view many-sessions=10
key S
wait-view many-messages=10
view controls-says=도착_->_꺼냄_(GetQueuedCompletionStatus):
wait-view controls-says=p50
view controls-fit
view status-fit
view items-fit
screenshot $out/many_clients_iocp_ko_1024x768_2.png
"
  xvfb --size 1024x768 --scale 2 --layout projector --lang ko --clients 10 --model iocp \
    --drive "$steps" || fail "10 clients with IOCP in Korean at 1024x768, scale 2: the drive failed"
  echo "ok: 10 clients with IOCP: two workers dequeue every session's message"
fi
