#!/usr/bin/env bash
# quiet.sh -- with --quiet, success prints no summary; warnings still reach
# stderr (issue 11: cron runs with --quiet and must hear about misread
# data), a clean run prints nothing at all, and a failure says what is wrong.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
small_clinic "$clinic"
# An unknown column is a warning, not an error.
sed -i '1s/$/,notes/; 2,$s/$/,x/' "$clinic/groups.csv"

"$iop" plan "$clinic" --week "$week" >out.txt 2>err.txt || fail "plan failed: $(cat err.txt)"
[ -s out.txt ] || fail "without --quiet, plan printed no summary"
grep -qi warning err.txt || fail "the unknown column gave no warning"

"$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || fail "plan --quiet failed"
[ ! -s out.txt ] || fail "plan --quiet printed on stdout: $(cat out.txt)"
grep -qF "warning: $clinic/groups.csv:1:9: notes: unknown column, ignored" err.txt ||
  fail "plan --quiet hid the warning: $(cat err.txt)"
"$iop" plan "$clinic" --week "$week" -q >out.txt 2>err.txt || fail "plan -q failed"
[ ! -s out.txt ] && grep -q warning err.txt || fail "plan -q: a summary, or no warning"
"$iop" check "$clinic" "$clinic/rosters/$week.csv" --quiet >out.txt 2>err.txt ||
  fail "check --quiet failed"
[ ! -s out.txt ] && grep -q warning err.txt || fail "check --quiet: a summary, or no warning"
# Without the unknown column, nothing to say: silence.
sed -i '1s/,notes$//; 2,$s/,x$//' "$clinic/groups.csv"
"$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || fail "clean plan --quiet failed"
[ ! -s out.txt ] && [ ! -s err.txt ] || fail "clean plan --quiet printed something: $(cat out.txt err.txt)"
say "--quiet keeps warnings, a clean success is silent"

rm "$clinic/groups.csv"
rc=0
"$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || rc=$?
[ $rc -eq 66 ] || fail "a missing groups.csv exited $rc, not 66"
grep -q groups.csv err.txt || fail "the failure does not name groups.csv: $(cat err.txt)"
[ ! -s out.txt ] || fail "a failed run printed on stdout"
say "--quiet failure: $(head -n 1 err.txt)"
