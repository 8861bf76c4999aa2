#!/usr/bin/env bash
# names.sh -- a patient's display name is health data: it never appears in
# anything the tool prints (stdout or stderr), in success or in failure.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
small_clinic "$clinic"
# Every patient gets a distinctive name.
awk -F, -v OFS=, 'NR > 1 { $NF = "Zebulon Marmaduke-" NR } { print }' \
  "$clinic/patients.csv" >p.csv && mv p.csv "$clinic/patients.csv"
grep -q Marmaduke "$clinic/patients.csv" || fail "the names were not written"

out=$work/out.txt
: >"$out"
run() {
  local rc=0
  echo "\$ iop-roster $*" >>"$out"
  "$iop" "$@" >>"$out" 2>&1 || rc=$?
  echo "exit $rc" >>"$out"
}
run plan "$clinic" --week "$week"
run plan "$clinic" --week "$week" --verbose --time-limit 2
# what needs attention and each patient's billing, as text and JSON
run plan "$clinic" --week "$week" --set billable_days=2 --no-advice
run plan "$clinic" --week "$week" --set billable_days=2 --no-advice --format json
run check "$clinic" --week "$week"
run check "$clinic" "$clinic/rosters/$week.csv"
for p in p01 p02 p03 p04; do
  run explain "$clinic" "$p" --week "$week"
done
run diff "$clinic/rosters/$previous_week.csv" "$clinic/rosters/$week.csv"
run diff --clinic "$clinic" "$clinic/rosters/$previous_week.csv" "$clinic/rosters/$week.csv"
run explain "$clinic" p05 --week "$week" --format json
echo "p25,2026-11-30,,,2,2,2,Zebulon Marmaduke-new" >>"$clinic/patients.csv"
run admit "$clinic" p25 --week "$week" --dry-run
run admit "$clinic" p25 --week "$week"
run simulate "$clinic" --from "$week" --weeks 2 --out "$work/sim" --time-limit-per-week 1 --verbose

# Failures that point at the named rows: a bad need, a bad date, a
# duplicate id, a stray field, a dangling pin.
bad=$work/bad
cp -r "$clinic" "$bad"
awk -F, -v OFS=, 'NR == 3 { $5 = 9 } NR == 4 { $2 = "2026-02-30" } NR == 5 { $1 = "p01" }
  NR == 6 { $0 = $0 ",extra" } { print }' "$clinic/patients.csv" >"$bad/patients.csv"
printf 'patient,group,rule\nnobody,sk-a,must\n' >"$bad/pins.csv"
run plan "$bad" --week "$week"
run check "$bad" --week "$week"
# A roster naming unknown patients, given to check.
printf 'week,patient,group\n%s,ghost,sk-a\n' "$week" >"$work/r.csv"
run check "$clinic" "$work/r.csv" --week "$week"

grep -q '^exit 0$' "$out" || fail "no command succeeded: $(cat "$out")"
grep -q '^exit 65$' "$out" || fail "the bad clinic was not refused: $(cat "$out")"
if grep -n Marmaduke "$out"; then
  fail "a patient's name appears in the tool's output"
fi
# Usage mistakes would prove nothing: every command must have run.
! grep -q '^exit 64$' "$out" || fail "a command line was wrong: $(grep -B3 '^exit 64$' "$out")"
say "$(grep -c '^\$ ' "$out") commands (exits $(grep '^exit' "$out" | cut -d' ' -f2 | tr '\n' ' ')), no name in their output"
