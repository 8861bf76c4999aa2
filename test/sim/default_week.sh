#!/usr/bin/env bash
# default_week.sh -- without --week every command takes the same week: the
# Monday on or after today. Run "on a Saturday" (time() fixed by the
# fixed_time preload), plan writes the coming Monday's roster and admit
# must seat a new patient in that roster, not in the week before's (where
# the patient is not yet active); check and explain look at it too.
set -u
bin=$1; src=$2; fixed_time=$(realpath "$3")
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

if grep -aq __asan_init "$bin"; then
  echo "SKIP: AddressSanitizer must come first: no LD_PRELOAD here"; exit 77
fi

# on DAY (YYYY-MM-DD, noon UTC) run COMMAND...
on() {
  local day=$1; shift
  TZ=UTC FIXED_TIME=$(date -u -d "$day 12:00" +%s) LD_PRELOAD=$fixed_time "$@"
}

c=$tmp/clinic
cp -r "$src/examples/small-clinic" "$c"
rm -f "$c/rosters/2026-11-30".*
# A patient admitted on the Wednesday of the coming week.
awk -F, 'NR == 1 {
  for (i = 1; i <= NF; i++) {
    v = ""
    if ($i == "id") v = "new-001"
    else if ($i == "admitted") v = "2026-12-02"
    else if ($i ~ /^need_/) v = 2
    printf "%s%s", v, (i < NF ? "," : "\n")
  } }' "$c/patients.csv" > "$tmp/row.csv"

# The preload works: the week plan picks is the fixed day's, not today's.
expect 0 "plan on Saturday 2026-11-28" -- on 2026-11-28 "$bin" plan "$c" --quiet --time-limit 5
[ -f "$c/rosters/2026-11-30.csv" ] || { echo "FAIL plan on a Saturday did not plan the coming Monday"; ls "$c/rosters"; fail=1; }

cat "$tmp/row.csv" >> "$c/patients.csv"
expect 0 "admit on Saturday 2026-11-28" -- on 2026-11-28 "$bin" admit "$c" new-001
grep -q "^admitted 'new-001' to the week of 2026-11-30: " "$tmp/out" || { echo "FAIL admit on a Saturday took another week: $(cat "$tmp/out" "$tmp/err")"; fail=1; }
grep -q ',new-001,' "$c/rosters/2026-11-30.csv" || { echo "FAIL new-001 is not in the coming week's roster"; fail=1; }
grep -q ',new-001,' "$c/rosters/2026-11-23.csv" && { echo "FAIL admit changed the week before's roster"; fail=1; }

expect 0 "check on Saturday 2026-11-28" -- on 2026-11-28 "$bin" check "$c"
grep -q "week 2026-11-30:" "$tmp/out" || { echo "FAIL check on a Saturday took another week: $(cat "$tmp/out")"; fail=1; }
expect 0 "explain on Saturday 2026-11-28" -- on 2026-11-28 "$bin" explain "$c" new-001
grep -q "^new-001, week 2026-11-30: active" "$tmp/out" || { echo "FAIL explain on a Saturday took another week: $(head -2 "$tmp/out")"; fail=1; }

# On the Monday itself, that Monday.
expect 0 "check on Monday 2026-11-30" -- on 2026-11-30 "$bin" check "$c"
grep -q "week 2026-11-30:" "$tmp/out" || { echo "FAIL check on a Monday took another week: $(cat "$tmp/out")"; fail=1; }

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
