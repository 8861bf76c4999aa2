#!/usr/bin/env bash
# mode.sh -- outputs are health data: 0600 unless --mode says otherwise,
# whatever the umask; the rosters folder the tool creates is 0700.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
small_clinic "$clinic"
rm -rf "$clinic/rosters"

umask 000
"$iop" plan "$clinic" --week "$week" --quiet || fail "plan failed"
for f in "$week.csv" "$week.unmet.csv"; do
  m=$(mode_of "$clinic/rosters/$f")
  [ "$m" = 600 ] || fail "$f is mode $m under umask 000, not 600"
done
m=$(mode_of "$clinic/rosters")
[ "$m" = 700 ] || fail "the rosters folder is mode $m, not 700"
m=$(mode_of "$clinic/.iop-roster.lock")
[ "$m" = 644 ] || fail "the lock file is mode $m, not 644 (it holds no health data)"
say "default: files 0600, folder 0700 under umask 000"

umask 022
"$iop" plan "$clinic" --week "$week" --quiet --mode 0640 || fail "plan --mode 0640 failed"
for f in "$week.csv" "$week.unmet.csv"; do
  m=$(mode_of "$clinic/rosters/$f")
  [ "$m" = 640 ] || fail "$f is mode $m with --mode 0640"
done
say "--mode 0640 honoured"

# Replacing a file that someone made world-readable gives 0600 again.
chmod 644 "$clinic/rosters/$week.csv"
umask 077
"$iop" plan "$clinic" --week "$week" --quiet --out "$work/elsewhere/r.csv" || fail "plan --out failed"
m=$(mode_of "$work/elsewhere/r.csv")
[ "$m" = 600 ] || fail "--out file is mode $m"
"$iop" plan "$clinic" --week "$week" --quiet || fail "plan failed"
m=$(mode_of "$clinic/rosters/$week.csv")
[ "$m" = 600 ] || fail "a replaced roster is mode $m, not 600"
say "--out and replaced files are 0600"

rc=0
"$iop" plan "$clinic" --week "$week" --mode 0999 2>err.txt || rc=$?
[ $rc -eq 64 ] || fail "--mode 0999 exited $rc, not 64"
