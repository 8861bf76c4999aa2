#!/usr/bin/env bash
# admit_cli.sh -- `admit` end to end: a patient added to patients.csv is
# seated in this week's roster, every other row stays as it was, the result
# passes check, a re-run changes nothing, and mistakes exit as documented.
set -u
bin=$1; src=$2
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

c=$tmp/clinic
cp -r "$src/examples/small-clinic" "$c"
roster=$c/rosters/2026-11-30.csv
expect 0 "plan the week" -- "$bin" plan "$c" --week 2026-11-30 --mode 0640 -q
cp "$roster" "$tmp/before.csv"

# A new patient, any time, no tags: a row in the header's own column order.
awk -F, 'NR == 1 {
  for (i = 1; i <= NF; i++) {
    v = ""
    if ($i == "id") v = "new-001"
    else if ($i == "admitted") v = "2026-12-02"
    else if ($i ~ /^need_/) v = 2
    printf "%s%s", v, (i < NF ? "," : "\n")
  } }' "$c/patients.csv" >> "$c/patients.csv"

expect 0 "admit new-001" -- "$bin" admit "$c" new-001 --week 2026-11-30
grep -q "^admitted 'new-001' to the week of 2026-11-30: " "$tmp/out" || { echo "FAIL no admitted line"; cat "$tmp/out"; fail=1; }
grep -v ',new-001,' "$roster" > "$tmp/others.csv"
cmp -s "$tmp/before.csv" "$tmp/others.csv" || { echo "FAIL admit changed another row"; diff "$tmp/before.csv" "$tmp/others.csv" | head; fail=1; }
[ "$(grep -c ',new-001,' "$roster")" -ge 1 ] || { echo "FAIL new-001 got no group"; fail=1; }
expect 0 "check after admit" -- "$bin" check "$c" "$roster"
grep -q ": 0 broken rules" "$tmp/out" || { echo "FAIL check output"; cat "$tmp/out"; fail=1; }
[ "$(stat -c %a "$roster")" = 640 ] || { echo "FAIL admit did not keep the roster's mode"; fail=1; }
grep -q 'new-001' "$c/rosters/2026-11-30.html" || { echo "FAIL the report does not show the new patient"; fail=1; }
# admit computes no bound: the report says so instead of a bound or "stopped early"
grep -q 'Changed by admit' "$c/rosters/2026-11-30.html" || { echo "FAIL the report does not say admit changed it"; fail=1; }
! grep -q 'Upper bound\|stopped early' "$c/rosters/2026-11-30.html" || { echo "FAIL the rewritten report shows a bound admit never computed"; fail=1; }

# Again: nothing moves, the bytes are the same; a dry run writes nothing.
cp "$roster" "$tmp/after.csv"
expect 0 "admit again" -- "$bin" admit "$c" new-001 --week 2026-11-30 -q
cmp -s "$tmp/after.csv" "$roster" || { echo "FAIL a second admit changed the roster"; fail=1; }
expect 0 "admit dry run" -- "$bin" admit "$c" new-001 --week 2026-11-30 --dry-run
grep -q "^dry run: nothing written" "$tmp/out" || { echo "FAIL dry run line"; fail=1; }

# Mistakes.
expect 64 "admit without patient" -- "$bin" admit "$c"
expect 64 "admit bad week" -- "$bin" admit "$c" new-001 --week 2026-12-01
expect 65 "admit unknown patient" -- "$bin" admit "$c" ghost --week 2026-11-30
grep -qF "no patient 'ghost' in patients.csv" "$tmp/err" || { echo "FAIL unknown patient message"; fail=1; }
expect 66 "admit without a roster" -- "$bin" admit "$c" new-001 --week 2026-12-07
grep -qF "no roster for the week of 2026-12-07" "$tmp/err" || { echo "FAIL no roster message"; fail=1; }
expect 65 "admit a patient not yet active" -- "$bin" admit "$c" new-001 --week 2026-11-23
grep -qF "'new-001' is not active in the week of 2026-11-23" "$tmp/err" || { echo "FAIL inactive message"; cat "$tmp/err"; fail=1; }
cmp -s "$tmp/after.csv" "$roster" || { echo "FAIL a failed admit changed the roster"; fail=1; }

# Every fitting group full: nobody is moved, the single move is named.
f=$tmp/full
mkdir -p "$f/rosters"
cat > "$f/patients.csv" <<'CSV'
id,admitted,available,need_a
p1,2026-10-05,,2
p2,2026-10-05,,2
p3,2026-10-05,,2
p4,2026-10-05,,2
p5,2026-10-05,,2
new,2026-12-01,mon 08:00-12:00,3
CSV
cat > "$f/groups.csv" <<'CSV'
id,type,slots,min_size,max_size
gA1,a,mon 09:00-12:00,2,3
gA2,a,tue 09:00-12:00,2,3
CSV
printf 'week,patient,group\n2026-11-30,p1,gA1\n2026-11-30,p2,gA1\n2026-11-30,p3,gA1\n2026-11-30,p4,gA2\n2026-11-30,p5,gA2\n' > "$f/rosters/2026-11-30.csv"
expect 0 "admit into full groups" -- "$bin" admit "$f" new --week 2026-11-30
grep -qF "'new' got no group in the week of 2026-11-30 without moving someone" "$tmp/out" || { echo "FAIL no 'got no group' line"; cat "$tmp/out"; fail=1; }
grep -qF "not met: a (need 3): full" "$tmp/out" || { echo "FAIL no full reason"; cat "$tmp/out"; fail=1; }
grep -qF "one move would make room in 'gA1' (a): 'p1' from 'gA1' to 'gA2'" "$tmp/out" || { echo "FAIL no move named"; cat "$tmp/out"; fail=1; }
[ "$(grep -c ',new,' "$f/rosters/2026-11-30.csv")" = 0 ] || { echo "FAIL new was seated in a full group"; fail=1; }
grep -q '^2026-11-30,new,a,3,full,' "$f/rosters/2026-11-30.unmet.csv" || { echo "FAIL unmet.csv lacks new's need"; fail=1; }
expect 0 "check the full roster" -- "$bin" check "$f" "$f/rosters/2026-11-30.csv"
# Made by hand, the move makes room and admit then seats the patient.
sed -i 's/^2026-11-30,p1,gA1,\(.*\)$/2026-11-30,p1,gA2,\1/' "$f/rosters/2026-11-30.csv"
expect 0 "admit after the move" -- "$bin" admit "$f" new --week 2026-11-30
grep -qF "admitted 'new' to the week of 2026-11-30: gA1 (a)" "$tmp/out" || { echo "FAIL not seated after the move"; cat "$tmp/out"; fail=1; }
expect 0 "check after the move" -- "$bin" check "$f" "$f/rosters/2026-11-30.csv"

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
