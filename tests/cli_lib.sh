# What the CLI tests share (cli_test.sh, many_clients_cli_test.sh): sourced with the CLI as $1.
# Debian's interpreter: a python3 shim earlier on PATH (pyenv) can take seconds to start.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
cli=$1
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

expect_exit() {  # expect_exit NAME CODE ARGS...
  local name=$1 want=$2; shift 2
  timeout 60 "$cli" "$@" >"$work/out" 2>"$work/err"  # a hang fails (124), never blocks the run
  local got=$?
  if [ "$got" = "$want" ]; then ok "$name"; else bad "$name (exit $got, wanted $want: $(head -c 300 "$work/err"))"; fi
}

# Waits (bounded) until FILE has a line matching PATTERN: a server said it is listening.
# Connecting to find out would itself be the one client `serve` accepts.
wait_for_line() {
  for _ in $(seq 500); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.02
  done
  echo "timed out waiting for '$2' in $1"; return 1
}
