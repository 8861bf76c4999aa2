#!/usr/bin/env bash
# rerun.sh -- a re-run for the same week replaces the roster with the same
# bytes; a failed run changes no file; stale temporaries of killed runs are
# swept by the next run, and nothing else is.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
small_clinic "$clinic"
roster=$clinic/rosters/$week.csv
unmet=$clinic/rosters/$week.unmet.csv

"$iop" plan "$clinic" --week "$week" --quiet || fail "plan failed"
report=$clinic/rosters/$week.html
cp "$roster" first.csv
cp "$unmet" first.unmet.csv
[ ! -f "$report" ] || cp "$report" first.html
ino=$(stat -c %i "$roster")
"$iop" plan "$clinic" --week "$week" --quiet || fail "the re-run failed"
cmp "$roster" first.csv || fail "the re-run gave other roster bytes"
cmp "$unmet" first.unmet.csv || fail "the re-run gave other unmet bytes"
[ ! -f first.html ] || cmp "$report" first.html || fail "the re-run gave other report bytes"
[ "$(stat -c %i "$roster")" != "$ino" ] || fail "the roster was rewritten in place, not replaced"
say "same week, same bytes, replaced by rename"

# A run that fails on bad data changes nothing and leaves nothing behind.
cp -r "$clinic" before
echo "p99,not-a-date,,,1,1,1,x" >>"$clinic/patients.csv"
rc=0
"$iop" plan "$clinic" --week "$week" --quiet 2>err.txt || rc=$?
[ $rc -eq 65 ] || fail "bad data exited $rc, not 65"
cmp "$roster" first.csv && cmp "$unmet" first.unmet.csv || fail "a failed run changed the roster"
diff <(cd before/rosters && ls -A) <(cd "$clinic/rosters" && ls -A) ||
  fail "a failed run changed the rosters folder"
cp before/patients.csv "$clinic/patients.csv"
say "a failed run changes no file"

# Output that cannot be written: nothing half-written, a clear exit code.
mkdir "$work/ro"
chmod 500 "$work/ro"
if [ ! -w "$work/ro" ]; then
  rc=0
  "$iop" plan "$clinic" --week "$week" --out "$work/ro/r.csv" --quiet 2>err.txt || rc=$?
  [ $rc -eq 73 ] || [ $rc -eq 74 ] || fail "an unwritable folder exited $rc: $(cat err.txt)"
  [ -z "$(ls -A "$work/ro")" ] || fail "something was left in the unwritable folder"
  say "unwritable output: exit $rc, $(cat err.txt)"
fi

# Temporaries a SIGKILL left behind (the names atomic_file gives them) are
# removed by the next run; other files, even look-alikes, are kept.
touch "$clinic/rosters/.$week.csv.tmp.Ab12Cd" "$clinic/rosters/.$week.unmet.csv.tmp.zzzzzz"
touch "$clinic/rosters/.notes.tmp" "$clinic/rosters/keep.tmp.Ab12Cd" \
  "$clinic/rosters/.x.tmp.Ab12C" "$clinic/.patients.csv.tmp.Ab12Cd"
"$iop" plan "$clinic" --week "$week" --quiet || fail "plan failed"
[ ! -e "$clinic/rosters/.$week.csv.tmp.Ab12Cd" ] || fail "a stale roster temporary remains"
[ ! -e "$clinic/rosters/.$week.unmet.csv.tmp.zzzzzz" ] || fail "a stale unmet temporary remains"
for f in rosters/.notes.tmp rosters/keep.tmp.Ab12Cd rosters/.x.tmp.Ab12C .patients.csv.tmp.Ab12Cd; do
  [ -e "$clinic/$f" ] || fail "plan removed $f, which is not its temporary"
done
say "stale temporaries swept, look-alikes kept"
