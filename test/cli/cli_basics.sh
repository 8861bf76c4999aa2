#!/usr/bin/env bash
# cli_basics.sh -- every command's --help (stdout, exit 0), usage mistakes (stderr, 64),
# missing input (66), and the determinism and round-trip of plan.
set -u
bin=$1; src=$2
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

for cmd in plan check explain diff admit simulate example; do
  expect 0 "$cmd --help" -- "$bin" "$cmd" --help
  grep -q "^usage: iop-roster $cmd" "$tmp/out" || { echo "FAIL $cmd --help: no usage line on stdout"; fail=1; }
  expect 64 "$cmd bad option" -- "$bin" "$cmd" --no-such-option
  grep -q "iop-roster $cmd: " "$tmp/err" || { echo "FAIL $cmd bad option: no message on stderr"; fail=1; }
done
expect 0 "--help" -- "$bin" --help
expect 0 "--version" -- "$bin" --version
grep -q '^iop-roster [0-9]' "$tmp/out" || { echo "FAIL --version output"; fail=1; }
expect 64 "no command" -- "$bin"
expect 64 "unknown command" -- "$bin" frobnicate
expect 64 "plan without clinic" -- "$bin" plan
expect 64 "plan week not a Monday" -- "$bin" plan "$src/examples/small-clinic" --week 2026-12-01
grep -qF "iop-roster plan: --week '2026-12-01' is not a Monday (YYYY-MM-DD)" "$tmp/err" || { echo "FAIL not-a-Monday message"; fail=1; }
expect 64 "plan bad time limit" -- "$bin" plan "$src/examples/small-clinic" --time-limit -3
expect 66 "plan missing folder" -- "$bin" plan "$tmp/no-such-clinic"
expect 66 "check missing folder" -- "$bin" check "$tmp/no-such-clinic"

# A clinic without groups.csv is missing input.
mkdir -p "$tmp/nogroups"; cp "$src/examples/small-clinic/patients.csv" "$tmp/nogroups/"
expect 66 "missing groups.csv" -- "$bin" check "$tmp/nogroups"
grep -q "groups.csv" "$tmp/err" || { echo "FAIL missing groups.csv not named"; fail=1; }

# Same input, same bytes; a re-run replaces the roster with identical bytes.
cp -r "$src/examples/small-clinic" "$tmp/c1"; rm -f "$tmp/c1/rosters/2026-11-30".*
expect 0 "plan run 1" -- "$bin" plan "$tmp/c1" --week 2026-11-30 --quiet
cp "$tmp/c1/rosters/2026-11-30.csv" "$tmp/first.csv"
expect 0 "plan run 2" -- "$bin" plan "$tmp/c1" --week 2026-11-30 --quiet
cmp -s "$tmp/first.csv" "$tmp/c1/rosters/2026-11-30.csv" || { echo "FAIL re-run gave other bytes"; fail=1; }
[ "$(stat -c %a "$tmp/c1/rosters/2026-11-30.csv")" = 600 ] || { echo "FAIL roster mode is not 0600"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL --quiet printed something"; fail=1; }

# Round trip: this week's roster is next week's previous; kept rows say so.
expect 0 "plan next week" -- "$bin" plan "$tmp/c1" --week 2026-12-07 --quiet
grep -q ',kept$' "$tmp/c1/rosters/2026-12-07.csv" || { echo "FAIL next week keeps nobody"; fail=1; }
expect 0 "check next week" -- "$bin" check "$tmp/c1" "$tmp/c1/rosters/2026-12-07.csv"

# A failed run changes no file: break groups.csv, plan again, roster untouched.
cp "$tmp/c1/rosters/2026-12-07.csv" "$tmp/before.csv"
printf 'id,type,slots\ng-bad,education,mon 25:00-26:00\n' > "$tmp/c1/groups.csv"
expect 65 "plan with a malformed slot" -- "$bin" plan "$tmp/c1" --week 2026-12-07
grep -q 'groups.csv:2:3: slots: ' "$tmp/err" || { echo "FAIL malformed slot not located"; cat "$tmp/err"; fail=1; }
cmp -s "$tmp/before.csv" "$tmp/c1/rosters/2026-12-07.csv" || { echo "FAIL failed run changed the roster"; fail=1; }

# Contract v2 (b203: phases, billing on, facilitators spelled two ways):
# check scores billing exactly as plan did (plan's score under --verbose
# details), and a must pin outside a patient's phase is bad data with its row.
cp -r "$src/bench/clinics/b203" "$tmp/v2"
expect 0 "plan a v2 clinic" -- "$bin" plan "$tmp/v2" --week 2026-11-30 --no-advice --time-limit 10 --verbose
sed -n 's/^  score /score /p; /^billable patient-weeks: [0-9]* of [0-9]*$/p' "$tmp/out" | sort > "$tmp/plan-score"
grep -q ' + billable 15×[0-9]' "$tmp/plan-score" || { echo "FAIL plan shows no billable term"; fail=1; }
grep -q '^billable patient-weeks: ' "$tmp/plan-score" || { echo "FAIL plan shows no billable count"; fail=1; }
expect 0 "check a v2 roster" -- "$bin" check "$tmp/v2" "$tmp/v2/rosters/2026-11-30.csv"
grep '^score \|^billable patient-weeks: ' "$tmp/out" | sort | cmp -s - "$tmp/plan-score" || { echo "FAIL check scores otherwise than plan"; fail=1; }
printf 'patient,group,rule\nP00001,G0010,must\n' > "$tmp/v2/pins.csv"
expect 65 "must pin outside the phase" -- "$bin" check "$tmp/v2" --week 2026-11-30
grep -qF "pins.csv:2: must pin puts 'P00001' in 'G0010', which does not fit the patient's phase (week 1 since admission; the group takes weeks 12 and later)" "$tmp/err" || { echo "FAIL phase pin message"; cat "$tmp/err"; fail=1; }

# Issue 11 (a re-plan keeps an edited roster, --quiet keeps warnings, ...):
# test/cli/issue11.sh.

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
