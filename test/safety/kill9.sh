#!/usr/bin/env bash
# kill9.sh -- SIGKILL at many points of a large run leaves, every time, the
# previous roster or the whole new one (never a mix, never a torn file), and
# the next run sweeps the temporaries a killed run could not remove.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
large_clinic "$clinic"
roster=$clinic/rosters/$week.csv
unmet=$clinic/rosters/$week.unmet.csv
report=$clinic/rosters/$week.html

# The previous roster for this week, from different weights so a new roster
# is told apart from it.
say "first plan of week $week"
"$iop" plan "$clinic" --week "$week" --time-limit 3 --set group_cost=40 --quiet ||
  fail "the first plan failed"
cp "$roster" old.csv
cp "$unmet" old.unmet.csv
[ -f "$report" ] && cp "$report" old.html
needs_of old.csv old.unmet.csv >needs.txt
unmet_consistent old.csv old.unmet.csv needs.txt || fail "the first run's files disagree"
"$iop" check "$clinic" "$roster" --week "$week" --quiet || fail "the first roster breaks rules"

# inspect WHEN: after a kill, the roster must be the old one, or a whole new
# one with its own run's unmet file and report; then the old files are put
# back so the next kill can tell again. Sets $state; counts in n_old, n_new.
inspect() {
  local when=$1
  [ -f "$roster" ] || fail "$when: the roster is gone"
  if cmp -s "$roster" old.csv; then
    n_old=$((n_old + 1))
    state=old
  else
    n_new=$((n_new + 1))
    state=new
    "$iop" check "$clinic" "$roster" --week "$week" --quiet >/dev/null ||
      fail "$when: the new roster is not whole (check failed)"
    tail -c 1 "$roster" | od -An -c | grep -q '\\n' ||
      fail "$when: the roster does not end with a newline"
    # The roster is the commit point: a new roster always has its own
    # run's unmet file and report beside it.
    unmet_consistent "$roster" "$unmet" needs.txt ||
      fail "$when: the new roster's unmet file is from another run"
    if [ -f old.html ]; then
      ! cmp -s "$report" old.html || fail "$when: the new roster is beside the old report"
      grep -qi '</html>' "$report" || fail "$when: the report is not whole"
    fi
  fi
  # Nothing but whole files under visible names: a temporary is hidden.
  local f
  for f in "$clinic"/rosters/*; do
    case ${f##*/} in
      "$week.csv" | "$week.unmet.csv" | "$week.html" | 20??-??-??.csv | 20??-??-??.unmet.csv) ;;
      # The roster a run replaced, kept whole: always the old one here.
      "$week.previous.csv") cmp -s "$f" old.csv || fail "$when: the kept roster is not the old one" ;;
      # The stamp of the roster as written: one header and one row, whole.
      "$week.written.csv") [ "$(wc -l <"$f")" -eq 2 ] || fail "$when: the stamp is not whole" ;;
      # The attendance sheet is renamed before the roster: whole or absent.
      "$week.attendance.csv")
        head -1 "$f" | grep -q '^date,patient,group,start,end,status,minutes$' &&
          tail -c 1 "$f" | od -An -c | grep -q '\\n' ||
          fail "$when: the attendance sheet is not whole" ;;
      *) fail "$when: unexpected visible file '${f##*/}'" ;;
    esac
  done
  cp old.csv "$roster"
  cp old.unmet.csv "$unmet"
  [ ! -f old.html ] || cp old.html "$report"
}

# How long a whole run takes here (this machine, this build, this load):
# the longer of two, as one fast run put every kill before the end.
limit=2
whole=0
for try in 1 2; do
  start=$(date +%s.%N)
  "$iop" plan "$clinic" --week "$week" --time-limit "$limit" --quiet || fail "a whole run failed"
  whole=$(awk -v a="$start" -v b="$(date +%s.%N)" -v w="$whole" 'BEGIN {
    t = b - a; printf "%.2f", (t > w ? t : w) }')
  cp old.csv "$roster"
  cp old.unmet.csv "$unmet"
  [ ! -f old.html ] || cp old.html "$report"
done
say "a whole run takes ${whole}s"

# Kills at 20 points from the start to well past the end of a whole run:
# 12 over reading and solving, 8 more around the writing and past it, the
# last at 1.75 times the whole run (runs vary by a few tenths of a second
# on a busy machine).
n_old=0 n_new=0
for step in $(seq 0 19); do
  delay=$(awk -v s="$step" -v w="$whole" 'BEGIN {
    printf "%.2f", s < 12 ? s * 0.7 * w / 12 : (0.7 + (s - 12) * 0.15) * w }')
  "$iop" plan "$clinic" --week "$week" --time-limit "$limit" --quiet &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  rc=0
  # (bash reports a killed job on stderr; that is the point here, not news)
  { wait "$pid"; } 2>/dev/null || rc=$?
  # A run that finished before the kill must have succeeded.
  [ $rc -eq 0 ] || [ $rc -eq 137 ] || fail "kill at ${delay}s: plan exited $rc"

  inspect "kill at ${delay}s"
  echo "# kill at ${delay}s (exit $rc): $state roster"
done
say "$n_old kills left the old roster, $n_new the new one"
[ $n_new -gt 0 ] || fail "no run ever finished: the kill points never reached the end"

# The moments that matter most last a few milliseconds: kill exactly there,
# with strace delivering SIGKILL as plan enters its Nth write, fsync or
# rename (the syscall never runs). Needs strace and ptrace permission.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  n_old=0 n_new=0
  # (a run that replaces a differing roster first keeps it: one more
  # write, fsync and rename before the set; the roster's stamp and the
  # attendance sheet are two more in the set)
  for point in write:1 write:2 write:3 write:4 write:5 write:6 \
               fsync:1 fsync:2 fsync:3 fsync:4 fsync:5 fsync:6 fsync:7 fsync:8 \
               rename:1 rename:2 rename:3 rename:4 rename:5 rename:6; do
    call=${point%:*} nth=${point#*:}
    calls=$call
    [ "$call" = rename ] && calls=rename,renameat,renameat2
    rc=0
    { strace -f -o /dev/null -e trace="$calls" -e inject="$calls:signal=KILL:when=$nth" \
        "$iop" plan "$clinic" --week "$week" --time-limit "$limit" --quiet; } 2>/dev/null || rc=$?
    inspect "kill before $call #$nth"
    echo "# kill before $call #$nth (exit $rc): $state roster"
  done
  say "exact kills: $n_old left the old roster, $n_new the new one"
  [ $n_old -gt 0 ] && [ $n_new -gt 0 ] || fail "the exact kills should leave both old and new rosters"
else
  say "exact kills skipped: no strace, or ptrace not allowed here"
fi

# A whole run afterwards leaves no temporary behind, not even a killed one's.
"$iop" plan "$clinic" --week "$week" --time-limit 1 --quiet || fail "the last plan failed"
left=$(find "$clinic/rosters" -name '.*.tmp.*' | wc -l)
[ "$left" -eq 0 ] || fail "$left temporaries remain after a whole run"
say "no temporaries remain"
