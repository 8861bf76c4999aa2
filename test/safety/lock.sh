#!/usr/bin/env bash
# lock.sh -- two runs on one clinic: exactly one plans, the other exits 75 at
# once naming the holder; a killed holder never leaves the clinic locked.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# A clinic plan searches until its time limit: a holder that solved a small
# clinic in a few milliseconds could finish before this script freezes it.
clinic=$work/clinic
large_clinic "$clinic"
roster=$clinic/rosters/$week.csv

# Run A takes the lock and is frozen while it holds it, so run B surely
# arrives during A's run, however fast the machine.
"$iop" plan "$clinic" --week "$week" --time-limit 3 --quiet >a.out 2>a.err &
a=$!
for _ in $(seq 1 500); do
  grep -q "^pid $a " "$clinic/.iop-roster.lock" 2>/dev/null && break
  sleep 0.01
done
grep -q "^pid $a " "$clinic/.iop-roster.lock" || fail "run A never took the lock"
kill -STOP "$a"
say "run A (pid $a) holds the lock, frozen"

rc=0
"$iop" plan "$clinic" --week "$week" --time-limit 3 >b.out 2>b.err || rc=$?
[ $rc -eq 75 ] || fail "run B exited $rc, not 75"
grep -q "pid $a" b.err || fail "run B's message does not name the holder: $(cat b.err)"
grep -q "try again later" b.err || fail "run B's message does not say what to do: $(cat b.err)"
[ ! -s b.out ] || fail "run B printed on stdout: $(cat b.out)"
[ ! -e "$roster" ] || fail "run B wrote a roster"
say "run B exited 75: $(cat b.err)"

kill -CONT "$a"
rc=0
wait "$a" || rc=$?
[ $rc -eq 0 ] || fail "run A exited $rc: $(cat a.err)"
[ -f "$roster" ] || fail "run A wrote no roster"
say "run A planned"

# The lock is free again, and the holder line went with it.
[ ! -s "$clinic/.iop-roster.lock" ] || fail "the lock file still names a holder"
"$iop" plan "$clinic" --week "$week" --time-limit 1 --quiet || fail "a third run could not take the lock"
m=$(mode_of "$clinic/.iop-roster.lock")
[ $((0$m & 022)) -eq 0 ] || fail "others may write the lock file (mode $m)"

# A run under another account (staff by hand while the service's user holds
# the clinic) is told the same, not refused the lock file. Needs root to
# switch accounts; the lock file is the holder's, read-only to the other.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$work"
  chmod -R a+rX "$clinic"
  "$iop" plan "$clinic" --week "$week" --time-limit 3 --quiet &
  a=$!
  for _ in $(seq 1 500); do
    grep -q "^pid $a " "$clinic/.iop-roster.lock" 2>/dev/null && break
    sleep 0.01
  done
  grep -q "^pid $a " "$clinic/.iop-roster.lock" || fail "run A never took the lock"
  kill -STOP "$a"
  rc=0
  setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$iop" plan "$clinic" --week "$week" --time-limit 1 >b.out 2>b.err || rc=$?
  kill -CONT "$a"
  wait "$a" || fail "run A failed"
  [ $rc -eq 75 ] || fail "another account's run exited $rc, not 75: $(cat b.err)"
  grep -q "pid $a" b.err || fail "another account's run does not name the holder: $(cat b.err)"
  say "another account's run exits 75 too, naming the holder"
fi

# A holder killed with SIGKILL: the kernel drops its lock.
"$iop" plan "$clinic" --week "$week" --time-limit 3 --quiet &
a=$!
for _ in $(seq 1 500); do
  grep -q "^pid $a " "$clinic/.iop-roster.lock" 2>/dev/null && break
  sleep 0.01
done
kill -KILL "$a"
wait "$a" 2>/dev/null || true
"$iop" plan "$clinic" --week "$week" --time-limit 1 --quiet || fail "a killed holder left the clinic locked"
say "a killed holder does not leave the clinic locked"

# A symbolic link planted as the lock file is not followed.
echo precious >victim
rm -f "$clinic/.iop-roster.lock"
ln -s "$work/victim" "$clinic/.iop-roster.lock"
rc=0
"$iop" plan "$clinic" --week "$week" --time-limit 1 --quiet 2>c.err || rc=$?
[ $rc -ne 0 ] || fail "plan followed a symbolic link as its lock file"
[ "$(cat victim)" = precious ] || fail "the lock's symbolic link target was changed"
say "a planted symbolic link is refused (exit $rc)"
