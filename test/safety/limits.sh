#!/usr/bin/env bash
# limits.sh -- the time limit holds for the whole run, reading and writing
# included; running out of memory ends with a message and exit 71, never a
# crash, and never a torn roster.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
large_clinic "$clinic"
roster=$clinic/rosters/$week.csv

if built_with_asan; then
  # Sanitizers make reading and building the model several times slower:
  # a limit that is generous for the real program is not for them.
  say "time limits and memory limits skipped under AddressSanitizer"
  exit 77
fi

# Limits a large clinic can meet (reading it and a first roster take about
# a second), with one second of slack for process start-up and fsync.
for limit in 2 5; do
  start=$(date +%s.%N)
  "$iop" plan "$clinic" --week "$week" --time-limit $limit --quiet || fail "plan failed"
  took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  awk -v t="$took" -v l=$limit 'BEGIN { exit !(t <= l + 1) }' ||
    fail "--time-limit $limit: the whole run took ${took}s"
  say "--time-limit $limit: the whole run took ${took}s"
done
cp "$roster" old.csv

# Address-space limits from too small to start up to plenty: every run must
# end in a roster (0), or a clear out-of-memory message (71); a failing
# start of the program itself (the loader, 127) is not ours to judge.
n_oom=0 n_ok=0
for kib in 8000 16000 24000 32000 48000 64000 96000 128000 192000 256000 384000 512000; do
  rc=0
  (ulimit -v $kib && exec "$iop" plan "$clinic" --week "$week" --time-limit 2 --quiet) \
    >out.txt 2>err.txt || rc=$?
  case $rc in
    0) n_ok=$((n_ok + 1)) ;;
    71)
      n_oom=$((n_oom + 1))
      grep -q "out of memory" err.txt || fail "${kib} KiB: exit 71 without saying 'out of memory'"
      [ "$(wc -l <err.txt)" -le 3 ] || fail "${kib} KiB: more than a short message: $(cat err.txt)"
      ;;
    127) ;;
    *) fail "${kib} KiB: plan exited $rc (not 0 or 71): $(head -c 2000 err.txt)" ;;
  esac
  if ! cmp -s "$roster" old.csv; then
    "$iop" check "$clinic" "$roster" --week "$week" --quiet || fail "${kib} KiB: a torn roster"
    cp "$roster" old.csv
  fi
  say "${kib} KiB address space: exit $rc $(head -n 1 err.txt)"
done
[ $n_oom -gt 0 ] || say "no limit was small enough to run out of memory"
[ $n_ok -gt 0 ] || fail "no limit was large enough to plan"
