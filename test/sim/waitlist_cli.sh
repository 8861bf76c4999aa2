#!/usr/bin/env bash
# waitlist_cli.sh -- plan's waiting-list line and report section, and
# `admit CLINIC ID` taking someone from waitlist.csv (issue 14).
set -u
bin=$1
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

same() { # same DESCRIPTION GOT WANT
  n=$((n+1))
  [ "$2" = "$3" ] || { echo "FAIL $1: got '$2', want '$3'"; fail=1; }
}
clinic() { # a group of three with two members: one seat; two people waiting
  rm -rf "$tmp/c"; mkdir -p "$tmp/c"
  printf '%s\n' 'id,admitted,discharge,need_skills' 'a1,2026-09-07,,2' 'a2,2026-09-07,,2' > "$tmp/c/patients.csv"
  printf '%s\n' 'id,type,slots,min_size,max_size' 's1,skills,mon 09:00-12:00,1,3' > "$tmp/c/groups.csv"
  printf '%s\n' 'id,requested,need_skills,name' 'w1,2026-11-20,1,Ann W.' 'w2,2026-11-25,4,Bo X.' 'w3,2026-12-01,2,' \
    > "$tmp/c/waitlist.csv"
}
week=2026-11-30

clinic
expect 0 "plan with a waiting list" -- "$bin" plan "$tmp/c" --week $week
same "summary line" "$(grep waiting "$tmp/out")" \
  "1 of 2 on the waiting list could start this week without moving anyone: in s1 (1)"
n=$((n+1)); grep -q 'Ann W.\|Bo X.' "$tmp/out" && { echo "FAIL a name on stdout"; fail=1; }
expect 0 "plan --format json" -- "$bin" plan "$tmp/c" --week $week --format json
same "json waitlist" "$(jq -c .waitlist "$tmp/out")" \
  '{"asked":2,"could_start":[{"patient":"w1","groups":["s1"]}],"by_group":{"s1":1}}'
html=$tmp/c/rosters/$week.html
same "report row, first come" "$(sed -n '/id="waitlist"/,/<\/table>/p' "$html" | grep '^<tr><td>')" \
  '<tr><td>Ann W.</td><td>2026-11-20</td><td class="n">10</td><td>s1</td></tr>'
expect 0 "plan by need" -- "$bin" plan "$tmp/c" --week $week --set waitlist_by_need=1 -q
same "report row, by need" "$(sed -n '/id="waitlist"/,/<\/table>/p' "$html" | grep '^<tr><td>')" \
  '<tr><td>Bo X.</td><td>2026-11-25</td><td class="n">5</td><td>s1</td></tr>'

# admit takes w1 from the list: the row moves, the roster seats them.
expect 0 "plan" -- "$bin" plan "$tmp/c" --week $week -q
expect 0 "admit from the list" -- "$bin" admit "$tmp/c" w1 --week $week
same "admit says" "$(grep moved "$tmp/out")" "moved 'w1' from waitlist.csv to patients.csv, admitted $week"
same "patients.csv" "$(cat "$tmp/c/patients.csv")" "id,admitted,discharge,need_skills
a1,2026-09-07,,2
a2,2026-09-07,,2
w1,$week,,1"
same "waitlist.csv" "$(cat "$tmp/c/waitlist.csv")" "id,requested,need_skills,name
w2,2026-11-25,4,Bo X.
w3,2026-12-01,2,"
same "w1's row" "$(grep ',w1,' "$tmp/c/rosters/$week.csv" | cut -d, -f2-4)" "w1,s1,skills"
expect 0 "check after admit" -- "$bin" check "$tmp/c" --week $week "$tmp/c/rosters/$week.csv"
expect 0 "plan after admit" -- "$bin" plan "$tmp/c" --week $week
same "nobody else fits" "$(grep waiting "$tmp/out")" \
  "0 of 1 on the waiting list could start this week without moving anyone"
# A dry run writes nothing, from the list either.
clinic
expect 0 "plan" -- "$bin" plan "$tmp/c" --week $week -q
cp "$tmp/c/waitlist.csv" "$tmp/before.csv"
expect 0 "admit --dry-run from the list" -- "$bin" admit "$tmp/c" w2 --week $week --dry-run
n=$((n+1)); cmp -s "$tmp/before.csv" "$tmp/c/waitlist.csv" && ! grep -q '^w2,' "$tmp/c/patients.csv" ||
  { echo "FAIL a dry run moved the row"; fail=1; }
expect 65 "admit someone on neither list" -- "$bin" admit "$tmp/c" nobody --week $week
same "unknown id message" "$(cat "$tmp/err")" \
  "iop-roster: no patient 'nobody' in patients.csv or waitlist.csv (add their row first)"

# Without the file, no line; a bad file stops plan before it writes.
rm "$tmp/c/waitlist.csv"
expect 0 "plan without a list" -- "$bin" plan "$tmp/c" --week $week
n=$((n+1)); grep -q waiting "$tmp/out" && { echo "FAIL a waiting line without waitlist.csv"; fail=1; }
clinic
printf '%s\n' 'id,requested,need_skills' 'w1,soon,1' > "$tmp/c/waitlist.csv"
expect 65 "plan with a bad list" -- "$bin" plan "$tmp/c" --week $week
same "bad list message" "$(head -1 "$tmp/err")" \
  "iop-roster: $tmp/c/waitlist.csv:2:2: requested: 'soon' is not a date (YYYY-MM-DD)"
n=$((n+1)); [ -e "$tmp/c/rosters/$week.csv" ] && { echo "FAIL plan wrote a roster with a bad list"; fail=1; }
expect 65 "check a bad list" -- "$bin" check "$tmp/c" --week $week
same "check's message" "$(cat "$tmp/err")" \
  "iop-roster: $tmp/c/waitlist.csv:2:2: requested: 'soon' is not a date (YYYY-MM-DD)"

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
