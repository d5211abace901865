#!/usr/bin/env bash
# A small mutation check: plants each one-line bug of the list below, one at a time, in a scratch
# worktree of the committed HEAD, rebuilds the targets it affects and runs the tests that should
# catch it. A mutant is "killed" when one of those tests fails, "SURVIVED" when they all pass (a
# hole in the tests), "STALE" when its line is no longer in the source (update the list). Not
# part of tools/test.sh or CI: it takes 10-20 minutes. Run it before calling a change to the
# engine, the lesson runner, the models or the timeline done (docs/testing.md).
# Usage: tools/mutants.sh [NAME...]   (default: every mutant; `tools/mutants.sh --list` names them)
# Exit: 0 when every mutant was killed; 1 when one survived or is stale; 2 when the unmutated
# build or its tests fail (then no mutant result would mean anything).
# The scratch worktree and its build stay in $IOLAB_MUTANTS_DIR (default /tmp/iolab-mutants-UID)
# so the next run rebuilds only what changed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=${IOLAB_MUTANTS_DIR:-/tmp/iolab-mutants-$(id -u)}
src=$scratch/src build=$scratch/build logs=$scratch/logs

names=() targets=() tests=() notes=()
edit_of=() edit_file=() edit_from=() edit_to=()  # one entry per edit; edit_of: its mutant's index
# mutant NAME "TARGETS" TESTS_REGEX NOTE FILE FROM TO [FILE FROM TO ...]
# FROM must occur exactly once in FILE; it is replaced by TO (both literal text).
mutant() {
  local index=${#names[@]}
  names+=("$1") targets+=("$2") tests+=("$3") notes+=("$4")
  shift 4
  while (($# >= 3)); do
    edit_of+=("$index") edit_file+=("$1") edit_from+=("$2") edit_to+=("$3")
    shift 3
  done
}

# --- The list: the five bugs of issue 20 first, then the three the audit caught, then others.
mutant seq-no-gap-on-drop "netcore_tests" '^Engine\.' \
  "emit(): seq advances only when the push succeeded, so a drop leaves no gap" \
  netcore/src/engine.cpp \
  $'    const uint64_t seq = next_seq++;\n    last_t_ns = at ? std::max(at, last_t_ns) : now_ns();\n    if (Transition* slot = out.push(t)) {' \
  $'    last_t_ns = at ? std::max(at, last_t_ns) : now_ns();\n    if (Transition* slot = out.push(t)) {\n      const uint64_t seq = next_seq++;'
# Issue 19 moved the limit from post() into gather_pending(): one wait's 63 handles are shared
# by both sessions (Engine.TheWaitHandlesAreCountedAcrossServerAndClient).
mutant wait-limit-per-session "netcore_tests" '^Engine\.' \
  "gather_pending(): the 63 wait handles are counted per session, not across both sessions" \
  netcore/src/engine.cpp \
  'if (waiting_ops.size() < size_t(be::kMaxWaitOps)) {' \
  'if (size_t(std::count_if(waiting_ops.begin(), waiting_ops.end(), [&](Op* w) { return w->session == o->session; })) < size_t(be::kMaxWaitOps)) {'
mutant error-names-step-not-line "lessons_tests iolab-cli" '^(ScriptRun\.|cli$)' \
  "ScriptRunner::fail(): a run-time error names the step's number instead of its line" \
  netcore/src/script.cpp \
  'std::to_string(s.line) + ": " + what;' \
  'std::to_string(s.line ? pc_ + 1 : 0) + ": " + what;'
# Depends on the GUI-foundation helper's move to ImGui 1.92's input queue, which brings the test
# (a key event while a text box has focus): until then this mutant survives.
mutant keys-fire-while-typing "iolab iolab-cli" '^gui_[a-z_]+$' \
  "key_pressed(): no io.WantTextInput guard, so R and S fire while typing in a text box" \
  app/views/keys.cpp \
  'if (io.WantTextInput || io.KeyCtrl' 'if (io.KeyCtrl'
mutant timeline-draws-no-bars "iolab iolab-cli" '^gui_(recv_pending|cancel_reset|timeline_pixels)$' \
  "draw_op(): the pending branch is never taken, so the timeline draws no bars" \
  app/views/timeline_view.cpp \
  $'} else if (op.went_pending()) {\n      const double tb' \
  $'} else if (false && op.went_pending()) {\n      const double tb'
mutant pending-bar-invisible "iolab iolab-cli" '^gui_(recv_pending|timeline_pixels)$' \
  "draw_pending_bar(): the bar's fill has alpha 0 (drawn, counted, invisible)" \
  app/views/widgets.cpp \
  '  dl->AddRectFilled(a, b, color);' '  dl->AddRectFilled(a, b, color & 0x00FFFFFF);'
mutant close-leaves-recv-pending "netcore_tests" '^Engine\.' \
  "close_session(): closesocket without before_close, so the pending recv is not aborted" \
  netcore/src/engine.cpp \
  '      if (o->session == s && o->pending) be::before_close(session.socket, slot_of(*o).ov);' \
  '      if (o->session == s && o->pending && false) be::before_close(session.socket, slot_of(*o).ov);'
mutant r-posts-twice "iolab iolab-cli" '^gui_(recv_pending|timeline_keys|controls|replay)$' \
  "ControlsView: R posts two WSARecvs" \
  app/views/controls_view.cpp \
  $'    ++presses_;\n    post_recv(ui);' $'    ++presses_;\n    post_recv(ui);\n    post_recv(ui);'
mutant replay-controls-live "iolab iolab-cli" '^gui_replay$' \
  "ControlsView: the controls take input during a replay" \
  app/views/controls_view.cpp \
  '  disabled_ = ui.replay || ui.watching;' '  disabled_ = ui.watching;'
mutant seq-restarts-on-start "netcore_tests" '^Engine\.' \
  "Engine::start(): seq starts again at 0 after a stop, so one driver sees seq go back" \
  netcore/src/engine.cpp \
  '  d.stopping = false;  // a stopped engine can be started again' \
  '  d.stopping = false;  // a stopped engine can be started again
  d.next_seq = 0;'
mutant peer-without-latch "netcore_tests model_tests" '^(Models\.|gui_model\.Matrix\.)' \
  "run_peer(): no latch (peer sends at start + delay), receivers start 300 ms late (a busy machine)" \
  netcore/src/models.cpp \
  '    changed.wait(lock, [&] { return receiver_waiting || ended(); });' '' \
  netcore/src/models.cpp \
  $'void ModelRunner::Run::run_receiver() {\n' \
  $'void ModelRunner::Run::run_receiver() {\n  std::this_thread::sleep_for(milliseconds(300));\n'
mutant spin-sleeps "netcore_tests" '^Models\.' \
  "nonblocking_sync: the retry loop sleeps instead of spinning, so it costs no CPU" \
  netcore/src/models.cpp \
  $'    const auto until = steady_clock::now() + spin;\n    while (steady_clock::now() < until && !run.stop_requested) {\n    }' \
  $'    const auto until = steady_clock::now() + spin;\n    std::this_thread::sleep_until(until);'
mutant model-restamped "netcore_tests" '^EngineModels\.' \
  "pump_model(): the model's transitions stamped when passed on, not when they happened" \
  netcore/src/engine.cpp \
  $'      emit(t, t.thread == os_thread ? kEngineThread : kModelThread, t.t_ns);' \
  $'      emit(t, t.thread == os_thread ? kEngineThread : kModelThread);'

if [ "${1:-}" = "--list" ]; then
  for i in "${!names[@]}"; do printf '%-28s %s\n' "${names[i]}" "${notes[i]}"; done
  exit 0
fi
selected=("$@")
wanted() {
  ((${#selected[@]} == 0)) && return 0
  local n
  for n in "${selected[@]}"; do [ "$n" = "$1" ] && return 0; done
  return 1
}

# --- The scratch worktree, at the committed HEAD (uncommitted changes are not tested).
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
  echo "mutants: note: uncommitted changes are not part of the run (it tests HEAD)"
head=$(git rev-parse HEAD)
mkdir -p "$scratch" "$logs"
if ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  git worktree prune
  git worktree add --detach "$src" "$head" >/dev/null || { echo "mutants: cannot make $src"; exit 2; }
fi
git -C "$src" checkout --quiet --detach "$head" && git -C "$src" reset --quiet --hard "$head" ||
  { echo "mutants: cannot check out $head in $src"; exit 2; }

export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache}
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
command -v ccache >/dev/null || unset CMAKE_C_COMPILER_LAUNCHER CMAKE_CXX_COMPILER_LAUNCHER
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOLAB_GUI=ON >"$logs/configure.log" 2>&1 ||
  { cat "$logs/configure.log"; echo "mutants: configure failed"; exit 2; }

all_targets=() all_tests=()
for i in "${!names[@]}"; do
  wanted "${names[i]}" || continue
  read -ra t <<<"${targets[i]}"
  all_targets+=("${t[@]}")
  all_tests+=("${tests[i]}")
done
((${#all_tests[@]})) || { echo "mutants: no mutant named ${selected[*]}"; exit 2; }
mapfile -t all_targets < <(printf '%s\n' "${all_targets[@]}" | sort -u)
union=$(IFS='|'; echo "${all_tests[*]}")

# --- The unmutated tree must build and pass, or a "killed" would mean nothing.
echo "== mutants: unmutated build and tests (${all_targets[*]})"
cmake --build "$build" -j2 --target "${all_targets[@]}" >"$logs/baseline-build.log" 2>&1 ||
  { tail -30 "$logs/baseline-build.log"; echo "mutants: the unmutated tree does not build"; exit 2; }
(cd "$build" && ctest -R "$union" -j2 >"$logs/baseline-tests.log" 2>&1) ||
  { grep -E "Failed|\*\*\*" "$logs/baseline-tests.log"; echo "mutants: the unmutated tests fail"; exit 2; }

apply() {  # FILE FROM TO: replace the one occurrence of FROM in FILE
  python3 - "$src/$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(1)
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}

killed=0 survived=0 stale=0
results=()
for i in "${!names[@]}"; do
  name=${names[i]}
  wanted "$name" || continue
  git -C "$src" reset --quiet --hard "$head"
  state="" why=""
  for k in "${!edit_of[@]}"; do
    [ "${edit_of[k]}" = "$i" ] || continue
    apply "${edit_file[k]}" "${edit_from[k]}" "${edit_to[k]}" ||
      { state=STALE why="its text is not in ${edit_file[k]} exactly once"; break; }
  done
  read -ra t <<<"${targets[i]}"
  if [ -z "$state" ] && ! cmake --build "$build" -j2 --target "${t[@]}" >"$logs/$name-build.log" 2>&1; then
    state=STALE why="it does not build: $logs/$name-build.log"  # it would test nothing
  fi
  failed=""
  if [ -z "$state" ]; then
    if (cd "$build" && ctest -R "${tests[i]}" -j2 --timeout 300 >"$logs/$name-tests.log" 2>&1); then
      state=SURVIVED
    else
      state=killed
      failed=$(grep -oE '[0-9]+ - [^ ]+ \((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception)' \
        "$logs/$name-tests.log" | sed -E 's/^[0-9]+ - //; s/ \(.*//' | head -6 | paste -sd, -)
    fi
  fi
  case $state in
    killed) killed=$((killed + 1)) ;;
    SURVIVED) survived=$((survived + 1)) ;;
    STALE) stale=$((stale + 1)) ;;
  esac
  line=$(printf '%-9s %-26s %s' "$state" "$name" "${failed:+by $failed}${why:+($why)}")
  echo "$line"
  results+=("$line")
done
git -C "$src" reset --quiet --hard "$head"
# Leave the scratch build matching HEAD, so the next run starts from a clean tree.
cmake --build "$build" -j2 --target "${all_targets[@]}" >"$logs/restore-build.log" 2>&1

echo "mutants: $killed killed, $survived survived, $stale stale (HEAD ${head:0:10}; logs in $logs)"
((survived == 0 && stale == 0))
