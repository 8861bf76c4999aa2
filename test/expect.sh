# expect.sh -- sourced by the shell suites: a scratch folder $tmp (removed
# on exit), the counters n (checks) and fail, and `expect CODE DESCRIPTION
# -- COMMAND...`, which runs COMMAND with its output in $tmp/out and
# $tmp/err and fails the suite unless it exits CODE.
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

expect() { # expect CODE DESCRIPTION -- COMMAND...
  local code=$1 what=$2; shift 3
  n=$((n+1))
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ $rc -ne "$code" ]; then
    echo "FAIL $what: exit $rc, expected $code"; sed 's/^/  stderr: /' "$tmp/err" | head -5; fail=1
  fi
}
