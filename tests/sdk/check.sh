# check.sh — assertions for the SDK's shell tests (sourced). Each prints a line on failure;
# `summary` prints "N passed, M failed" and sets the exit status.
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }

# expect_exit CODE DESCRIPTION COMMAND... — runs COMMAND (stdout → $out, stderr → $err).
expect_exit() {
  local want=$1 what=$2 got
  shift 2
  out=$("$@" 2>"$tmp_err") && got=0 || got=$?
  err=$(cat "$tmp_err")
  if [[ $got == "$want" ]]; then pass; else
    fail "$what: exit $got, expected $want"
    echo "  stdout: ${out:0:2000}" >&2
    echo "  stderr: ${err:0:2000}" >&2
  fi
}

# contains TEXT NEEDLE DESCRIPTION
contains() {
  if [[ $1 == *"$2"* ]]; then pass; else fail "$3: '${2}' not in: ${1:0:1500}"; fi
}
lacks() {
  if [[ $1 != *"$2"* ]]; then pass; else fail "$3: '${2}' unexpectedly in: ${1:0:1500}"; fi
}

summary() {
  echo "$passed passed, $failed failed"
  [[ $failed == 0 ]]
}

tmp_err=$(mktemp)
trap 'rm -f "$tmp_err"' EXIT
