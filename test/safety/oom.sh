#!/usr/bin/env bash
# oom.sh -- whichever allocation fails, plan ends with "out of memory" and
# exit 71 (or, when it could do without that allocation, writes its roster):
# never a crash, never a silent failure, never a torn roster.
failmalloc=$(realpath "${3:?usage: oom.sh IOP_ROSTER CSV_SCAN FAILMALLOC_SO}")
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

if built_with_asan; then
  skip "AddressSanitizer keeps its own allocator: no LD_PRELOAD here"
fi

clinic=$work/clinic
small_clinic "$clinic"
roster=$clinic/rosters/$week.csv
unmet=$clinic/rosters/$week.unmet.csv
"$iop" plan "$clinic" --week "$week" --quiet --set group_cost=50 || fail "plan failed"
cp "$roster" old.csv
cp "$unmet" old.unmet.csv
needs_of old.csv old.unmet.csv >needs.txt

# How many allocations loading the clinic and a whole run make.
count_allocations() {
  FAILMALLOC_COUNT=1 LD_PRELOAD=$failmalloc "$iop" "$@" --week "$week" --quiet 2>count.txt ||
    fail "$1 failed under failmalloc without any failure: $(cat count.txt)"
  sed -n 's/^failmalloc: \([0-9]*\) allocations$/\1/p' count.txt
}
loading=$(count_allocations check "$clinic")
total=$(count_allocations plan "$clinic")
[ -n "$total" ] && [ "$total" -gt "$loading" ] || fail "failmalloc counted no allocations"
cp old.csv "$roster"
cp old.unmet.csv "$unmet"
say "loading makes $loading allocations, a whole run $total"

# Fail every single allocation of loading (where a NULL is easiest to miss),
# then 40 spread over the rest (the model, the search, the report, the
# writing), once each -- the run may recover -- and with every allocation
# after it failing too (memory stays short).
dense=$((loading + 50))
n_ok=0 n_oom=0
try() {
  local nth=$1 how=$2 rc=0
  if [ "$how" = all ]; then
    FAILMALLOC_ALL=1 FAILMALLOC_NTH=$nth LD_PRELOAD=$failmalloc \
      "$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || rc=$?
  else
    FAILMALLOC_NTH=$nth LD_PRELOAD=$failmalloc \
      "$iop" plan "$clinic" --week "$week" --quiet >out.txt 2>err.txt || rc=$?
  fi
  local when="allocation $nth failing $how"
  case $rc in
    0) n_ok=$((n_ok + 1)) ;;
    71)
      n_oom=$((n_oom + 1))
      grep -q "out of memory" err.txt || fail "$when: exit 71 without saying 'out of memory'"
      ;;
    *) fail "$when: plan exited $rc (a crash is 128+signal): $(head -c 500 err.txt)" ;;
  esac
  [ ! -s out.txt ] || [ $rc -eq 0 ] || fail "$when: a failed --quiet run printed on stdout"
  if ! cmp -s "$roster" old.csv; then
    [ $rc -eq 0 ] || fail "$when: exit $rc, yet the roster changed"
    "$iop" check "$clinic" "$roster" --week "$week" --quiet ||
      fail "$when: the roster written breaks the rules"
    unmet_consistent "$roster" "$unmet" needs.txt || fail "$when: roster and unmet disagree"
    cp old.csv "$roster"
    cp old.unmet.csv "$unmet"
  fi
}
for nth in $(seq 1 $dense) $(awk -v d=$dense -v t="$total" \
    'BEGIN { for (i = 1; i <= 40; i++) print d + int(i * (t - d) / 41) }'); do
  try "$nth" once
  try "$nth" all
done
say "$n_oom runs ended 'out of memory' (71), $n_ok did without the allocation (0)"
[ $n_oom -gt 0 ] || fail "no run ran out of memory: failmalloc did not work"
left=$(find "$clinic/rosters" -name '.*.tmp.*' | wc -l)
[ "$left" -eq 0 ] || fail "$left temporaries left by runs out of memory"
