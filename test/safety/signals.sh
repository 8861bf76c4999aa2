#!/usr/bin/env bash
# signals.sh -- SIGTERM and SIGINT stop the search: plan writes the best
# roster found so far (whole, passing check) and exits 0, or, when it had
# none yet, writes nothing and exits 75. Never a partial file.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
large_clinic "$clinic"
roster=$clinic/rosters/$week.csv
unmet=$clinic/rosters/$week.unmet.csv

# A whole run, for the needs every roster of this week partitions.
"$iop" plan "$clinic" --week "$week" --time-limit 2 --quiet || fail "plan failed"
needs_of "$roster" "$unmet" >needs.txt
echo sentinel >sentinel.csv

limit=120
for sig in TERM INT; do
  for delay in 0.05 0.5 1.5 3; do
    cp sentinel.csv "$roster"
    start=$(date +%s.%N)
    "$iop" plan "$clinic" --week "$week" --time-limit $limit >out.txt 2>err.txt &
    pid=$!
    sleep "$delay"
    kill -"$sig" "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" || rc=$?
    took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    # Stopping must not wait for the time limit (generous: half of it).
    awk -v t="$took" -v l=$limit 'BEGIN { exit !(t < l / 2) }' ||
      fail "SIG$sig at ${delay}s: plan ran ${took}s, the signal did not stop it"
    case $rc in
      0)
        ! cmp -s "$roster" sentinel.csv || fail "SIG$sig at ${delay}s: exit 0 but no roster written"
        "$iop" check "$clinic" "$roster" --week "$week" --quiet ||
          fail "SIG$sig at ${delay}s: the roster written breaks the rules"
        unmet_consistent "$roster" "$unmet" needs.txt ||
          fail "SIG$sig at ${delay}s: roster and unmet files disagree"
        outcome="best roster written"
        ;;
      75)
        cmp -s "$roster" sentinel.csv || fail "SIG$sig at ${delay}s: exit 75 but the roster changed"
        grep -q interrupted err.txt || fail "SIG$sig at ${delay}s: exit 75 without saying why"
        outcome="interrupted, nothing written"
        ;;
      130 | 143)
        # Killed by the signal itself before plan took it over (it installs
        # its handlers once the clinic is locked): nothing may be written.
        cmp -s "$roster" sentinel.csv || fail "SIG$sig at ${delay}s: killed, yet the roster changed"
        outcome="killed before planning"
        ;;
      *) fail "SIG$sig at ${delay}s: plan exited $rc: $(cat err.txt)" ;;
    esac
    say "SIG$sig at ${delay}s: exit $rc after ${took}s, $outcome"
  done
done
left=$(find "$clinic/rosters" -name '.*.tmp.*' | wc -l)
[ "$left" -eq 0 ] || fail "$left temporaries left behind by signalled runs"
