#!/usr/bin/env bash
# attendance_cli.sh -- `iop-roster attendance` on the small example clinic
# with its golden roster for 2026-11-30 (issue 14): every bad attendance
# row is an exact message naming file, line, column, and exit 65; a good
# week is reported; a week with no roster is exit 66.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2 # runs from $tmp
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
week=2026-11-30
sheet=c/rosters/$week.attendance.csv

fresh() {
  rm -rf "$tmp/c"; cp -r "$src/examples/small-clinic" "$tmp/c"
  cp "$src/test/data/golden/small-clinic/$week.csv" "$tmp/c/rosters/$week.csv"
  cp "$src/test/data/golden/small-clinic/$week.attendance.csv" "$tmp/$sheet"
}

# row TEXT: the sheet's header and one row
row() { printf 'date,patient,group,start,end,status,minutes\n%s\n' "$1" >"$tmp/$sheet"; }

# first_line NAME CODE FIRST_LINE -- COMMAND...: COMMAND's exit code and
# its first line on stderr, run from $tmp.
first_line() {
  local what=$1 code=$2 first=$3; shift 4
  n=$((n+1))
  (cd "$tmp" && "$@" >out 2>err); local rc=$?
  if [ $rc -ne "$code" ]; then
    echo "FAIL $what: exit $rc, expected $code"; head -3 "$tmp/err"; fail=1; return
  fi
  local got; got=$(head -1 "$tmp/err")
  if [ "$got" != "$first" ]; then
    printf 'FAIL %s:\n  got      %s\n  expected %s\n' "$what" "$got" "$first"; fail=1
  fi
}
# expect NAME CODE FIRST_LINE: the same for the attendance command
expect() { first_line "$1" "$2" "$3" -- "$bin" attendance c --week "$week"; }

fresh; row "2026-11-30,p001,edu-01,10:45,12:15,here,"
expect "unknown status" 65 \
  "iop-roster: $sheet:2:6: status: 'here' is not a status: write present, absent or excused (or leave it empty)"

fresh; row "30/11/2026,p001,edu-01,10:45,12:15,present,"
expect "date written another way" 65 \
  "iop-roster: $sheet:2:1: date: '30/11/2026' is not a date (YYYY-MM-DD): write it as '2026-11-30'"

fresh; row "2026-12-07,p001,edu-01,10:45,12:15,present,"
expect "date outside the week" 65 \
  "iop-roster: $sheet:2:1: date: 2026-12-07 is outside the week of 2026-11-30 (2026-11-30 to 2026-12-06)"

fresh; row "2026-11-30,p999,edu-01,10:45,12:15,present,"
expect "unknown patient" 65 \
  "iop-roster: $sheet:2:2: patient: no patient 'p999' in patients.csv"

fresh; row "2026-11-30,p001,edu-99,10:45,12:15,present,"
expect "unknown group" 65 \
  "iop-roster: $sheet:2:3: group: no group 'edu-99' in groups.csv"

fresh; row "2026-11-30,p004,edu-01,10:45,12:15,present,"
expect "patient not in the group" 65 \
  "iop-roster: $sheet:2:2: patient: patient 'p004' is not in group 'edu-01' in rosters/$week.csv"

fresh; row "2026-11-30,p001,skl-01,10:45,12:15,present,"
expect "group not running" 65 \
  "iop-roster: $sheet:2:3: group: group 'skl-01' does not run in rosters/$week.csv"

fresh; row "2026-12-01,p001,edu-01,10:45,12:15,present,"
expect "no session that day" 65 \
  "iop-roster: $sheet:2:1: date: group 'edu-01' has no session on 2026-12-01 (it meets mon 10:45-12:15; wed 10:45-12:15; fri 10:45-12:15)"

fresh; row "2026-11-30,p001,edu-01,09:00,12:15,present,"
expect "no session at that start" 65 \
  "iop-roster: $sheet:2:4: start: group 'edu-01' has no session at 09:00 on 2026-11-30"

fresh; row "2026-11-30,p001,edu-01,10.45,12:15,present,"
expect "start not a time" 65 \
  "iop-roster: $sheet:2:4: start: '10.45' is not a time (HH:MM)"

fresh; row "2026-11-30,p001,edu-01,10:45,12:15,present,95.5"
expect "minutes not a number" 65 \
  "iop-roster: $sheet:2:7: minutes: '95.5' is not a number of minutes in 0..1440"

fresh; row "2026-11-30,p001,edu-01,10:45,12:15,absent,60"
expect "minutes for an absence" 65 \
  "iop-roster: $sheet:2:7: minutes: 60 minutes attended, but the status is 'absent', not present"

fresh; row "2026-11-30,,edu-01,10:45,12:15,present,"
expect "empty patient" 65 \
  "iop-roster: $sheet:2:2: patient: missing value"

fresh; printf 'date,patient,group,start,end,status,minutes\n%s\n%s\n' \
  "2026-11-30,p001,edu-01,10:45,12:15,present," "2026-11-30,p001,edu-01,,,absent," >"$tmp/$sheet"
expect "a second row for one session" 65 \
  "iop-roster: $sheet:3: a second row for patient 'p001' at this session of 'edu-01' (the first is line 2)"

fresh; printf 'date,patient,group\n2026-11-30,p001,edu-01\n' >"$tmp/$sheet"
expect "no status column" 65 \
  "iop-roster: $sheet:1: missing required column 'status'"

# A group meeting twice on one day: the start column says which session.
fresh; sed -i '2s/mon 10:45-12:15;wed/mon 10:45-12:15;mon 13:00-14:30;wed/' "$tmp/c/groups.csv"
row "2026-11-30,p001,edu-01,,,present,"
expect "two sessions that day, no start" 65 \
  "iop-roster: $sheet:2:3: group: group 'edu-01' meets 2 times on 2026-11-30: give the session's start time in a start column"
row "2026-11-30,p001,edu-01,13:00,,present,"
expect "two sessions that day, the start given" 0 ""

# attendance.csv holds every week: rows of other weeks are not this week's
# business, but its rows of the week are checked like the sheet's.
fresh; printf 'date,patient,group,status\n2026-11-23,p999,x,present\n2026-11-30,p001,edu-01,presnt\n' \
  >"$tmp/c/attendance.csv"
expect "attendance.csv row of the week" 65 \
  "iop-roster: c/attendance.csv:3:4: status: 'presnt' is not a status: write present, absent or excused (or leave it empty)"

# --in FILE: one week's rows from anywhere; a missing file is exit 66.
fresh; printf 'date,patient,group,status\n2026-11-23,p001,edu-01,present\n' >"$tmp/week.csv"
n=$((n+1))
(cd "$tmp" && "$bin" attendance c --week "$week" --in week.csv >out 2>err); rc=$?
[ $rc -eq 65 ] && [ "$(head -1 "$tmp/err")" = "iop-roster: week.csv:2:1: date: 2026-11-23 is outside the week of 2026-11-30 (2026-11-30 to 2026-12-06)" ] ||
  { echo "FAIL: --in with a date outside the week: exit $rc"; head -2 "$tmp/err"; fail=1; }
n=$((n+1))
(cd "$tmp" && "$bin" attendance c --week "$week" --in nothing.csv >out 2>err); rc=$?
[ $rc -eq 66 ] && [ "$(head -1 "$tmp/err")" = "iop-roster: nothing.csv: no such file" ] ||
  { echo "FAIL: --in a missing file: exit $rc"; head -2 "$tmp/err"; fail=1; }

fresh; rm "$tmp/c/rosters/$week.csv"
expect "no roster for the week" 66 \
  "iop-roster: no roster 'c/rosters/$week.csv' for week $week; run 'iop-roster plan' first or give --week"

# A good week: one absence, reported with its make-ups; the sheet is the
# source; p012's hours are 4.5 planned, 3 attended (edu-01: 4.5 over 3 sessions).
fresh; sed -i 's/,,$/,present,/' "$tmp/$sheet"
sed -i '0,/^2026-11-30,p012,edu-01,10:45,12:15,present,$/s//2026-11-30,p012,edu-01,10:45,12:15,absent,/' "$tmp/$sheet"
expect "a filled sheet" 0 ""
grep -q "^attendance: c/rosters/$week.attendance.csv$" "$tmp/out" || { echo "FAIL: source line"; fail=1; }
grep -q "^  p012  *3  *2  *1  *0   67%   3.00 of  4.50      0 of 0$" "$tmp/out" || { echo "FAIL: p012's hours"; grep p012 "$tmp/out"; fail=1; }
grep -A1 "^  p012 missed edu-01 mon 2026-11-30 10:45 (absent):$" "$tmp/out" |
  grep -q "^    1. edu-02 mon 2026-11-30 17:30, 5 free seats$" ||
  { echo "FAIL: p012's make-ups"; fail=1; }
(cd "$tmp" && "$bin" attendance c --week "$week" --set review_absences=1 >out) || fail=1
n=$((n+1))
sed -n '/^review/,/^$/p' "$tmp/out" | grep -qx "  p012: 1 unexcused absence" ||
  { echo "FAIL: review with review_absences=1"; sed -n '/^review/,/^$/p' "$tmp/out"; fail=1; }
(cd "$tmp" && "$bin" attendance c --week "$week" --format json >out.json) || fail=1
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=[x for x in d["patients"] if x["id"]=="p012"][0]; assert p["absent"]==1 and abs(p["hours_attended"]-3)<1e-9; m=[m for m in d["makeups"] if m["patient"]=="p012"][0]; assert m["rank"]==1 and m["session"]=={"group":"edu-02","date":"2026-11-30","start":"17:30","end":"19:00","hours":1.5}' \
  "$tmp/out.json" || { echo "FAIL: json"; fail=1; }

# The next week's report: last week's hours, and who missed every session
# of the last two weeks (p003 absent throughout, p01x excused throughout).
rm -rf "$tmp/c"; cp -r "$src/examples/small-clinic" "$tmp/c"; rm "$tmp/c/rosters/"*
for w in 2026-11-16 2026-11-23; do
  "$bin" plan "$tmp/c" --week $w --quiet --time-limit 60 || { echo "FAIL: plan $w"; fail=1; }
  sed -i -E 's/^(.*,p003,.*),,$/\1,absent,/; s/^(.*,p01[0-9],.*),,$/\1,excused,/; s/,,$/,present,/' \
    "$tmp/c/rosters/$w.attendance.csv"
done
"$bin" plan "$tmp/c" --week $week --time-limit 60 >"$tmp/summary.txt" || { echo "FAIL: plan $week"; fail=1; }
n=$((n+1))
section=$(sed -n '/<section id="attendance">/,/<\/section>/p' "$tmp/c/rosters/$week.html")
grep -q "What the week of 2026-11-23 delivered" <<<"$section" || { echo "FAIL: no last week section"; fail=1; }
# ... under what needs attention, in the summary and the report
grep -Eqx "  p003: absent or excused at all [0-9]+ sessions since 2026-11-16" "$tmp/summary.txt" ||
  { echo "FAIL: p003 not under needs attention in the summary"; fail=1; }
grep -q "^  p00[45]: absent or excused" "$tmp/summary.txt" &&
  { echo "FAIL: a present patient under needs attention"; fail=1; }
attention=$(sed -n '/Missed every session of the last two weeks/,/<\/table>/p' "$tmp/c/rosters/$week.html")
grep -Eq "\(p003\)</span></td><td>absent or excused at all [0-9]+ sessions since 2026-11-16</td>" <<<"$attention" ||
  { echo "FAIL: p003 not under needs attention in the report"; fail=1; }
# Last week's absences with make-ups early this week (Monday to Wednesday).
n=$((n+1))
grep -Eq '<td>[a-z]+-[0-9]+ (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [0-9]+ Nov( [0-9:]+)? \((absent|excused)\)</td><td>[a-z]+-[0-9]+ (Mon 30 Nov|Tue 1 Dec|Wed 2 Dec)' \
  <<<"$section" || { echo "FAIL: no make-ups early this week in the report"; fail=1; }
sed -n '/Make-ups early this week/,/<\/table>/p' <<<"$section" |
  grep -Eq '</td><td>[^<]*</td><td>[^<]*(Thu 3 Dec|Fri 4 Dec|Sat 5 Dec|Sun 6 Dec)' &&
  { echo "FAIL: a make-up late in the week"; fail=1; }

# Last week's records with an error: the report says so, the plan goes on.
n=$((n+1))
cp "$tmp/c/rosters/2026-11-23.attendance.csv" "$tmp/good.csv"
sed -i '2s/,present,$/,presnt,/; 2s/,excused,$/,presnt,/; 2s/,absent,$/,presnt,/' "$tmp/c/rosters/2026-11-23.attendance.csv"
"$bin" plan "$tmp/c" --week $week --quiet --time-limit 60 || { echo "FAIL: plan with bad records"; fail=1; }
grep -q "Last week&#8217;s attendance records have errors" "$tmp/c/rosters/$week.html" ||
  { echo "FAIL: the report does not say last week's records have errors"; fail=1; }
cp "$tmp/good.csv" "$tmp/c/rosters/2026-11-23.attendance.csv"

# A re-plan keeps a sheet that holds attendance, and says so; an empty one
# it rewrites (owner-only, like the roster).
n=$((n+1))
cp "$tmp/c/rosters/2026-11-23.attendance.csv" "$tmp/filled.csv"
"$bin" plan "$tmp/c" --week 2026-11-23 --quiet --time-limit 60 2>"$tmp/err" || { echo "FAIL: re-plan"; fail=1; }
cmp -s "$tmp/filled.csv" "$tmp/c/rosters/2026-11-23.attendance.csv" ||
  { echo "FAIL: a re-plan rewrote a filled attendance sheet"; fail=1; }
grep -qx "iop-roster: warning: kept '$tmp/c/rosters/2026-11-23.attendance.csv': it holds recorded attendance" "$tmp/err" ||
  { echo "FAIL: no warning for the kept sheet"; cat "$tmp/err"; fail=1; }
[ "$(stat -c %a "$tmp/c/rosters/$week.attendance.csv")" = 600 ] || { echo "FAIL: sheet mode"; fail=1; }

# admit: the sheet gains the new member's rows while nobody recorded in
# it; once someone did, it is kept and the warning names the patient.
rm -rf "$tmp/c"; cp -r "$src/examples/small-clinic" "$tmp/c"
"$bin" plan "$tmp/c" --week $week --quiet --time-limit 60 || { echo "FAIL: plan for admit"; fail=1; }
add_patient() {
  awk -F, -v id="$1" 'NR == 1 { for (i = 1; i <= NF; i++) {
    v = ""; if ($i == "id") v = id; else if ($i == "admitted") v = "2026-11-30"; else if ($i ~ /^need_/) v = 2
    printf "%s%s", v, (i < NF ? "," : "\n") } }' "$tmp/c/patients.csv" >>"$tmp/c/patients.csv"
}
n=$((n+1))
add_patient new-001
"$bin" admit "$tmp/c" new-001 --week $week -q || { echo "FAIL: admit new-001"; fail=1; }
grep -q ",new-001,[a-z]*-[0-9]*,.*,,$" "$tmp/c/rosters/$week.attendance.csv" ||
  { echo "FAIL: the sheet has no rows for new-001"; fail=1; }
n=$((n+1))
sed -i '2s/,,$/,present,/' "$tmp/c/rosters/$week.attendance.csv"
cp "$tmp/c/rosters/$week.attendance.csv" "$tmp/filled.csv"
add_patient new-002
"$bin" admit "$tmp/c" new-002 --week $week -q 2>"$tmp/err" || { echo "FAIL: admit new-002"; fail=1; }
cmp -s "$tmp/filled.csv" "$tmp/c/rosters/$week.attendance.csv" ||
  { echo "FAIL: admit rewrote a filled attendance sheet"; fail=1; }
grep -qx "iop-roster: warning: kept '$tmp/c/rosters/$week.attendance.csv': it holds recorded attendance; add the rows of 'new-002' by hand" "$tmp/err" ||
  { echo "FAIL: admit's warning"; cat "$tmp/err"; fail=1; }

# check CLINIC reads the attendance of every planned week: a bad row in a
# sheet, a bad cell of attendance.csv in any week, each with the message
# `attendance` gives; a week whose roster no longer loads is history.
check_expect() { first_line "check, $1" "$2" "$3" -- "$bin" check c --week "$week"; }
fresh
check_expect "a clean folder with its sheet" 0 ""
row "2026-11-30,p004,edu-01,10:45,12:15,present,"
check_expect "a sheet's patient not in the group" 65 \
  "iop-roster: $sheet:2:2: patient: patient 'p004' is not in group 'edu-01' in rosters/$week.csv"
fresh; printf 'date,patient,group,status\n2026-10-05,p001,edu-01,presnt\n' >"$tmp/c/attendance.csv"
check_expect "attendance.csv, a week with no roster" 65 \
  "iop-roster: c/attendance.csv:2:4: status: 'presnt' is not a status: write present, absent or excused (or leave it empty)"
fresh; sed 's/^2026-11-30,/2026-11-23,/' "$tmp/c/rosters/$week.csv" >"$tmp/c/rosters/2026-11-23.csv"
printf 'date,patient,group,status\n2026-11-23,p999,edu-01,present\n' \
  >"$tmp/c/rosters/2026-11-23.attendance.csv"
check_expect "an earlier week's sheet" 65 \
  "iop-roster: c/rosters/2026-11-23.attendance.csv:2:2: patient: no patient 'p999' in patients.csv"
sed -i 's/,p001,/,p999,/' "$tmp/c/rosters/2026-11-23.csv"
check_expect "a week whose roster no longer loads" 0 ""

[ $fail = 0 ] && echo "attendance: $n cases as expected"
exit $fail
