#!/usr/bin/env bash
# quiet.sh -- with --quiet, success prints nothing at all (cron mails only
# on trouble), warnings included; a failure still says what is wrong.
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
[ ! -s err.txt ] || fail "plan --quiet printed on stderr: $(cat err.txt)"
"$iop" plan "$clinic" --week "$week" -q >out.txt 2>err.txt || fail "plan -q failed"
[ ! -s out.txt ] && [ ! -s err.txt ] || fail "plan -q printed something"
"$iop" check "$clinic" "$clinic/rosters/$week.csv" --quiet >out.txt 2>err.txt ||
  fail "check --quiet failed"
[ ! -s out.txt ] && [ ! -s err.txt ] || fail "check --quiet printed something"
say "--quiet success is silent"

rm "$clinic/groups.csv"
rc=0
"$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || rc=$?
[ $rc -eq 66 ] || fail "a missing groups.csv exited $rc, not 66"
grep -q groups.csv err.txt || fail "the failure does not name groups.csv: $(cat err.txt)"
[ ! -s out.txt ] || fail "a failed run printed on stdout"
say "--quiet failure: $(head -n 1 err.txt)"
