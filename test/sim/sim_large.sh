#!/usr/bin/env bash
# sim_large.sh -- the larger example over 12 weeks at the default settings:
# every week passes check and metrics.csv agrees with the rosters. The
# elapsed time is printed for the record (the issue asks for under a
# minute; meson's timeout is the only guard, tests are not timed).
set -u
bin=$1; src=$2
here=$(cd "$(dirname "$0")" && pwd)
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$src/examples/large-clinic" "$tmp/large"
start=$(date +%s)
"$bin" simulate "$tmp/large" --from 2026-11-30 --weeks 12 --out "$tmp/run" >"$tmp/out" 2>"$tmp/err" ||
  { echo "FAIL simulate large: exit $?"; head -5 "$tmp/err"; exit 1; }
echo "simulated 12 weeks of large-clinic in $(( $(date +%s) - start )) s"
weeks=0
for dir in "$tmp/run"/20??-??-??; do
  week=$(basename "$dir")
  weeks=$((weeks+1))
  "$bin" check "$dir" "$dir/rosters/$week.csv" -q >"$tmp/check" 2>&1 ||
    { echo "FAIL check $week"; head -5 "$tmp/check"; fail=1; }
done
[ $weeks = 12 ] || { echo "FAIL $weeks week folders"; fail=1; }
python3 "$here/metrics_agree.py" "$tmp/run" || fail=1
[ $fail = 0 ] && echo "12 weeks checked"
exit $fail
