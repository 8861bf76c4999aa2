#!/usr/bin/env bash
# sim_cli.sh -- `simulate` end to end: every simulated week passes `check`
# against its own folder with the score metrics.csv gives, metrics.csv
# agrees with the rosters, the same run gives the same bytes, and the edges
# (no patients, a type no group offers, a wave beyond capacity, bad
# admissions) do what the docs say.
set -u
bin=$1; src=$2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

# column NAME FILE: the values of a metrics.csv column, one per line.
column() {
  awk -F, -v name="$1" 'NR==1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$2"
}

# check_weeks DIR WEEKS: each week folder's roster passes check, with the
# score of metrics.csv, and metrics.csv has WEEKS weeks.
check_weeks() {
  local dir=$1 want=$2 weeks=0
  while IFS=, read -r week score; do
    weeks=$((weeks+1))
    expect 0 "check $week" -- "$bin" check "$dir/$week" "$dir/$week/rosters/$week.csv"
    local got; got=$(sed -n 's/^score \([-0-9.]*\) .*/\1/p' "$tmp/out")
    [ "$got" = "$score" ] || { echo "FAIL $week: check scores $got, metrics.csv $score"; fail=1; }
  done < <(awk -F, 'NR==1 { for (i = 1; i <= NF; i++) if ($i == "score") c = i; next } { print $1 "," $c }' "$dir/metrics.csv")
  [ "$weeks" = "$want" ] || { echo "FAIL $dir/metrics.csv has $weeks weeks, not $want"; fail=1; }
}

# --- 12 weeks of the small example, admissions drawn from its history
cp -r "$src/examples/small-clinic" "$tmp/small"
expect 0 "simulate small" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 12 --out "$tmp/run1"
grep -q '^continuity: ' "$tmp/out" || { echo "FAIL no continuity line"; fail=1; }
[ "$(ls -d "$tmp/run1"/20??-??-?? | wc -l)" = 12 ] || { echo "FAIL not 12 week folders"; fail=1; }
check_weeks "$tmp/run1" 12
n=$((n+1)); python3 "$here/metrics_agree.py" "$tmp/run1" >"$tmp/agree" || { echo "FAIL metrics disagree"; cat "$tmp/agree"; fail=1; }
# The first week's folder carries the clinic's own previous roster, verbatim.
cmp -s "$src/examples/small-clinic/rosters/2026-11-23.csv" "$tmp/run1/2026-11-30/rosters/2026-11-23.csv" ||
  { echo "FAIL first week lacks the clinic's previous roster"; fail=1; }
# --previous FILE: any file name; the first week plans from it as from the
# clinic's own (same roster bytes) and its folder holds it as the Monday before.
cp "$src/examples/small-clinic/rosters/2026-11-23.csv" "$tmp/last-week.csv"
mkdir -p "$tmp/small-noprev" && cp "$tmp/small"/*.csv "$tmp/small-noprev/"
expect 0 "simulate --previous FILE" -- "$bin" simulate "$tmp/small-noprev" --from 2026-11-30 --weeks 1 --previous "$tmp/last-week.csv" --out "$tmp/given" -q
cmp -s "$tmp/last-week.csv" "$tmp/given/2026-11-30/rosters/2026-11-23.csv" ||
  { echo "FAIL --previous FILE not in the first week's folder as 2026-11-23.csv"; fail=1; }
cmp -s "$tmp/run1/2026-11-30/rosters/2026-11-30.csv" "$tmp/given/2026-11-30/rosters/2026-11-30.csv" ||
  { echo "FAIL --previous FILE planned another first week than the clinic's own previous roster"; fail=1; }
expect 64 "previous and no-previous" -- "$bin" simulate "$tmp/small" --previous "$tmp/last-week.csv" --no-previous
grep -q -- "--previous and --no-previous exclude each other" "$tmp/err" || { echo "FAIL message: $(cat "$tmp/err")"; fail=1; }
expect 66 "missing previous file" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --previous "$tmp/nope.csv" --out "$tmp/x"
[ "$(head -1 "$tmp/err")" = "iop-roster: $tmp/nope.csv: file not found" ] || { echo "FAIL message: $(cat "$tmp/err")"; fail=1; }
[ ! -e "$tmp/x" ] || { echo "FAIL a failed simulate wrote its output folder"; fail=1; }
# Progress earned in a week is dated the next Monday, never later than the folder's week.
awk -F, 'NR > 1 && $3 > "2026-12-07" { bad = 1 } END { exit bad }' "$tmp/run1/2026-12-07/progress.csv" ||
  { echo "FAIL a week folder holds progress from its future"; fail=1; }
grep -q ',2026-12-07,' "$tmp/run1/2026-12-07/progress.csv" || { echo "FAIL no progress dated the next Monday"; fail=1; }
[ "$(stat -c %a "$tmp/run1/metrics.csv")" = 600 ] || { echo "FAIL metrics.csv mode is not 0600"; fail=1; }
grep -q '<svg class="chart" id="chart-groups"' "$tmp/run1/report.html" || { echo "FAIL no groups chart"; fail=1; }
grep -qi '<script' "$tmp/run1/report.html" && { echo "FAIL the page has a script"; fail=1; }
# The keep term holds churn down: most placements that stay in a type keep their group.
kept=$(column kept "$tmp/run1/metrics.csv" | awk '{ s += $1 } END { print s + 0 }')
moves=$(column moves "$tmp/run1/metrics.csv" | awk '{ s += $1 } END { print s + 0 }')
[ $((kept)) -gt $((4 * moves)) ] || { echo "FAIL churn: $kept kept, $moves moved"; fail=1; }
# Without the keep term, no less churn.
expect 0 "simulate without keep" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 12 --out "$tmp/nokeep" --set w_keep=0 -q
moves0=$(column moves "$tmp/nokeep/metrics.csv" | awk '{ s += $1 } END { print s + 0 }')
[ $((moves0)) -ge $((moves)) ] || { echo "FAIL w_keep=0 moved $moves0, w_keep=4 moved $moves"; fail=1; }

# Same input, same bytes (and a re-run into the same folder leaves it so).
expect 0 "simulate again" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 12 --out "$tmp/run2" -q
diff -r "$tmp/run1" "$tmp/run2" >/dev/null || { echo "FAIL the same run gave other bytes"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL --quiet printed something"; fail=1; }
expect 0 "simulate over itself" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 12 --out "$tmp/run2" -q
diff -r "$tmp/run1" "$tmp/run2" >/dev/null || { echo "FAIL a re-run changed the output"; fail=1; }
# A re-run with other inputs leaves no file of the earlier run behind.
cp -r "$tmp/run1" "$tmp/run3"
expect 0 "simulate over another run" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 2 --no-previous --set w_keep=3 --out "$tmp/run3" -q
[ -e "$tmp/run3/2026-11-30/rosters/2026-11-23.csv" ] && { echo "FAIL a stale previous roster is left"; fail=1; }
grep -q '^w_keep,3$' "$tmp/run3/2026-12-07/settings.csv" || { echo "FAIL --set is not in the week's settings.csv"; fail=1; }
check_weeks "$tmp/run3" 2
# Another seed draws other admissions.
expect 0 "simulate seed 2" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 4 --seed 2 --out "$tmp/seed2" -q
# The default output folder is CLINIC/simulation.
expect 0 "simulate default out" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --weeks 1 --no-admissions -q
[ -f "$tmp/small/simulation/metrics.csv" ] || { echo "FAIL no CLINIC/simulation/metrics.csv"; fail=1; }

# --- usage and input mistakes
expect 64 "weeks 0" -- "$bin" simulate "$tmp/small" --weeks 0
expect 64 "from not a Monday" -- "$bin" simulate "$tmp/small" --from 2026-12-01
grep -qF "iop-roster simulate: --from '2026-12-01' is not a Monday (YYYY-MM-DD)" "$tmp/err" || { echo "FAIL not-a-Monday message"; fail=1; }
expect 64 "admissions and no-admissions" -- "$bin" simulate "$tmp/small" --admissions x.csv --no-admissions
expect 64 "no clinic" -- "$bin" simulate
expect 66 "missing clinic" -- "$bin" simulate "$tmp/nope" --from 2026-11-30
expect 66 "missing admissions file" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --admissions "$tmp/nope.csv" --out "$tmp/x"
printf 'id,admitted,need_yoga\nn1,2026-12-01,2\n' > "$tmp/yoga.csv"
expect 65 "admission of an unknown type" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --admissions "$tmp/yoga.csv" --out "$tmp/x"
grep -qF "yoga.csv:1:3: need_yoga: type 'yoga' is not in patients.csv" "$tmp/err" || { echo "FAIL unknown type message"; cat "$tmp/err"; fail=1; }
printf 'id,admitted,need_skills\np001,2026-12-01,2\n' > "$tmp/dup.csv"
expect 65 "admission of a known id" -- "$bin" simulate "$tmp/small" --from 2026-11-30 --admissions "$tmp/dup.csv" --out "$tmp/x"
grep -qF "dup.csv:2:1: id: 'p001' is already a patient in patients.csv" "$tmp/err" || { echo "FAIL known id message"; cat "$tmp/err"; fail=1; }
[ -e "$tmp/x" ] && { echo "FAIL a failed run wrote output"; fail=1; }

# --- edges: everybody leaves (a week with no patients), a type no group
# offers, then an admission wave beyond every group's capacity
mkdir -p "$tmp/edge"
cat > "$tmp/edge/patients.csv" <<'EOF'
id,admitted,discharge,need_skills,need_yoga
e1,2026-09-07,2026-12-04,2,1
e2,2026-09-07,2026-12-04,3,0
e3,2026-09-07,2026-12-04,1,2
EOF
cat > "$tmp/edge/groups.csv" <<'EOF'
id,type,slots,min_size,max_size
s1,skills,mon 09:00-12:00,1,4
s2,skills,wed 09:00-12:00,2,4
EOF
{ echo "id,admitted,need_skills,need_yoga"
  for i in $(seq -w 1 12); do echo "w$i,2026-12-16,2,1"; done; } > "$tmp/edge/wave.csv"
expect 0 "simulate the edges" -- "$bin" simulate "$tmp/edge" --from 2026-11-30 --weeks 4 --admissions "$tmp/edge/wave.csv" --out "$tmp/edge-out"
[ "$(column active "$tmp/edge-out/metrics.csv" | paste -sd' ')" = "3 0 12 12" ] ||
  { echo "FAIL active per week: $(column active "$tmp/edge-out/metrics.csv" | paste -sd' ')"; fail=1; }
[ "$(column placements "$tmp/edge-out/metrics.csv" | sed -n 2p)" = 0 ] || { echo "FAIL the empty week has rows"; fail=1; }
[ "$(wc -l < "$tmp/edge-out/2026-12-07/rosters/2026-12-07.csv")" = 1 ] || { echo "FAIL the empty week's roster is not a header"; fail=1; }
[ "$(column placements "$tmp/edge-out/metrics.csv" | sed -n 3p)" = 8 ] || { echo "FAIL the wave did not fill both groups"; fail=1; }
[ "$(column unmet_full "$tmp/edge-out/metrics.csv" | sed -n 3p)" = 4 ] || { echo "FAIL the wave's overflow is not 'full'"; fail=1; }
[ "$(column unmet_no-group "$tmp/edge-out/metrics.csv" | sed -n 3p)" = 12 ] || { echo "FAIL yoga needs are not 'no-group'"; fail=1; }
[ "$(column needed_skills "$tmp/edge-out/metrics.csv" | sed -n 3p)" = 3 ] || { echo "FAIL needed_skills"; fail=1; }
[ "$(column running_yoga "$tmp/edge-out/metrics.csv" | sed -n 3p)" = 0 ] || { echo "FAIL running_yoga"; fail=1; }
check_weeks "$tmp/edge-out" 4
n=$((n+1)); python3 "$here/metrics_agree.py" "$tmp/edge-out" >"$tmp/agree" || { echo "FAIL edge metrics disagree"; cat "$tmp/agree"; fail=1; }

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
