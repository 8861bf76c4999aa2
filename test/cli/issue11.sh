#!/usr/bin/env bash
# issue11.sh -- issue 11, case by case, through the real binary: each case
# with its exact message or output and its exit code.
#
#   case 1  a misspelt column is an error with did-you-mean, also --quiet
#   case 2  a 12-hour slot is a malformed timed slot, with the 24-hour form
#   case 6  everyday spreadsheet mistakes: one cause, one first line, no flood
#   case 8  protect the week: a re-plan keeps an edited roster and says so;
#           check reads the roster's week and refuses another; a repeated
#           row, rules 2 and 8 with their lines; --week not a date; an empty
#           optional file shows the header that means "none"
# Elsewhere: cases 4 and 5 (explain's left-a-group, not-running apart from
# full) in reasons_cli.sh; the simulate page on A4 in report_browser.sh.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2 # commands run from $tmp
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
week=2026-11-30

fresh() { rm -rf "$tmp/c"; cp -r "$src/examples/small-clinic" "$tmp/c"; }
bad() { echo "FAIL $*"; fail=1; }

# expect NAME CODE MAX_LINES FIRST_LINE: `check` on $tmp/c, plain and
# --quiet (errors must reach cron either way).
expect() {
  local what=$1 code=$2 max=$3 first=$4 quiet
  for quiet in "" --quiet; do
    n=$((n+1))
    (cd "$tmp" && "$bin" check c $quiet >/dev/null 2>err); local rc=$?
    if [ $rc -ne "$code" ]; then
      bad "$what $quiet: exit $rc, expected $code"; head -3 "$tmp/err"; continue
    fi
    local got; got=$(head -1 "$tmp/err")
    [ "$got" = "$first" ] ||
      printf 'FAIL %s %s:\n  got      %s\n  expected %s\n' "$what" "$quiet" "$got" "$first"
    [ "$got" = "$first" ] || fail=1
    local lines; lines=$(wc -l <"$tmp/err")
    if [ "$lines" -gt "$max" ]; then
      bad "$what $quiet: $lines lines of errors, at most $max expected"; head -5 "$tmp/err"
    fi
  done
}

# run NAME CODE -- COMMAND...: from $tmp, stdout in $tmp/out, stderr in $tmp/err.
run() {
  local what=$1 code=$2; shift 3
  n=$((n+1))
  (cd "$tmp" && "$@" >out 2>err); local rc=$?
  [ $rc -eq "$code" ] || { bad "$what: exit $rc, expected $code"; head -3 "$tmp/err"; }
}

# same NAME FILE EXPECTED: FILE holds exactly EXPECTED.
same() {
  local what=$1 got; got=$(cat "$2"); local want=$3 # $2 may be a pipe: read it once
  [ "$got" = "$want" ] ||
    { printf 'FAIL %s:\n--- got\n%s\n--- expected\n%s\n' "$what" "$got" "$want"; fail=1; }
}

### Case 1: a misspelt column is an error with did-you-mean, also under
### --quiet; a plan under --quiet (the cron setup) writes nothing and says why.
fresh; sed -i '1s/,available,/,availble,/' "$tmp/c/patients.csv"
expect "case 1: misspelt column" 65 1 \
  "iop-roster: c/patients.csv:1:7: availble: unknown column: did you mean 'available'?"
rm -f "$tmp/c/rosters/$week".*
run "case 1: quiet plan with a misspelt column" 65 -- "$bin" plan c --week $week --quiet
same "case 1: quiet plan's message" "$tmp/err" \
  "iop-roster: c/patients.csv:1:7: availble: unknown column: did you mean 'available'?"
[ -s "$tmp/out" ] && bad "case 1: quiet plan printed on stdout"
[ -e "$tmp/c/rosters/$week.csv" ] && bad "case 1: a roster was written"

fresh; sed -i '1s/,need_support,/,Need Support,/' "$tmp/c/patients.csv"
expect "case 1: need column with a space" 65 1 \
  "iop-roster: c/patients.csv:1:11: Need Support: unknown column: did you mean 'need_support'?"

# Warnings reach cron too: --quiet silences the summary, not the warnings.
fresh; echo "p999,skills,2026-11-06,41" >>"$tmp/c/progress.csv"
run "case 1: quiet plan with a warning" 0 -- "$bin" plan c --week $week --no-advice --quiet
[ -s "$tmp/out" ] && bad "case 1: --quiet printed a summary"
same "case 1: the warning under --quiet" "$tmp/err" \
  "iop-roster: warning: c/progress.csv:414:1: patient: unknown patient 'p999', row skipped"

### Case 2: a 12-hour slot is a malformed timed slot, with its 24-hour form.
fresh; sed -i '2s/mon 10:45-12:15/Mon 5:30pm-7:00pm/' "$tmp/c/groups.csv"
expect "case 2: 12-hour slot" 65 1 \
  "iop-roster: c/groups.csv:2:3: slots: 'Mon 5:30pm-7:00pm': not a 24-hour time range: write it as 'mon 17:30-19:00'"

### Case 6: everyday spreadsheet mistakes, each one cause and one line.
fresh; sed -i 's/,/;/g' "$tmp/c/pins.csv"
expect "case 6: semicolon separator" 65 1 \
  "iop-roster: c/pins.csv:1: columns are separated by ';', not ',': save the file with ',' as the separator (in Excel use Save As, \"CSV UTF-8 (Comma delimited)\" with ',' as the list separator)"

fresh; sed -i '2s/Zoe T\./Zo\xEB T./; 3s/Brandon/Br\xE4ndon/' "$tmp/c/patients.csv"
expect "case 6: Latin-1 names" 65 1 \
  "iop-roster: c/patients.csv:2:2: name: invalid UTF-8, here and in 1 more cell (the file is not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\""

fresh; printf 'PK\003\004\024\000\006\000' >"$tmp/c/groups.csv"
expect "case 6: xlsx renamed" 65 1 \
  "iop-roster: c/groups.csv: an Excel workbook (.xlsx), not a CSV file: in Excel use Save As, \"CSV UTF-8 (Comma delimited)\""

fresh; sed -i '5i patient,type,date,score' "$tmp/c/progress.csv"
expect "case 6: repeated header" 65 1 \
  "iop-roster: c/progress.csv:5: the header row is repeated here: delete this line"

fresh; sed -i -E '2,$s#,2026-([0-9]{2})-([0-9]{2}),#,\1/\2/2026,#' "$tmp/c/patients.csv"
expect "case 6: US dates, once per column" 65 1 \
  "iop-roster: c/patients.csv:2:3: admitted: '11/30/2026' is not a date (YYYY-MM-DD): write it as '2026-11-30', and 39 more dates written MM/DD/YYYY in this column the same way"

# A stray quote names the line and field where it is, and loses only its
# own record: the next line still reads (p003 is not reported unknown).
fresh; sed -i '3s/Brandon Z\./Brandon "Bran" Z./' "$tmp/c/patients.csv"
expect "case 6: stray quote in a name" 65 1 \
  "iop-roster: c/patients.csv:3:2: name: misplaced quote (quote the whole field)"

# A lost need column: one error for the cause, no flood of follow-on
# errors (progress rows of that type are one line, not 111).
fresh; python3 - "$tmp/c/patients.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
i = rows[0].index('need_support')
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    for r in rows:
        del r[i]
        w.writerow(r)
PY
expect "case 6: lost need column" 65 3 \
  "iop-roster: c/groups.csv:8:2: type: type 'support' has no need_support column in patients.csv"
grep -qxF "iop-roster: c/progress.csv:10:2: type: unknown type 'support', here and in 110 more rows: add a need_support column to patients.csv or correct the type" "$tmp/err" ||
  bad "case 6: lost need column: progress not one line"

# moved OLD NEW: how many patients NEW places otherwise than OLD (a group
# more, fewer or another), counted here apart from the tool.
moved() {
  python3 - "$tmp/$1" "$tmp/$2" <<'PY'
import csv, sys
def groups(path):
    out = {}
    for row in csv.DictReader(open(path, newline='')):
        out.setdefault(row['patient'], set()).add(row['group'])
    return out
a, b = groups(sys.argv[1]), groups(sys.argv[2])
print(sum(a.get(p, set()) != b.get(p, set()) for p in set(a) | set(b)))
PY
}
# otherwise N: the line's ending for N patients placed otherwise.
otherwise() {
  case $1 in 0) ;; 1) printf ' (the new roster places 1 patient otherwise)';;
    *) printf ' (the new roster places %d patients otherwise)' "$1";; esac
}

### Case 8: protect the week.
# A re-plan never loses an edited roster. The same plan again keeps
# nothing; the roster's stamp (WEEK.written.csv) is owner-only.
fresh; rm -f "$tmp/c/rosters/$week"*
r=c/rosters/$week
run "case 8: plan" 0 -- "$bin" plan c --week $week --no-advice
run "case 8: same plan again" 0 -- "$bin" plan c --week $week --no-advice
[ -e "$tmp/$r.previous.csv" ] && bad "case 8: the same roster again kept a copy"
[ "$(head -1 "$tmp/out")" = "week $week: 38 active patients (3 new), 10 groups offered" ] ||
  bad "case 8: the same plan again has a kept line: $(head -1 "$tmp/out")"
[ "$(stat -c %a "$tmp/$r.written.csv")" = 600 ] || bad "case 8: the stamp is not owner-only"
same "case 8: the stamp" "$tmp/$r.written.csv" "roster,written_by,rows,fingerprint
$week.csv,plan,$(($(wc -l <"$tmp/$r.csv") - 1)),$(sed -n 2p "$tmp/$r.written.csv" | cut -d, -f4)"
cp "$tmp/$r.csv" "$tmp/planned.csv"

# Saved again by a spreadsheet with nothing changed (CRLF, every cell
# quoted, the week written 11/30/2026): the run keeps it, but it is no edit.
python3 - "$tmp/$r.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator='\r\n')
    w.writerow(rows[0])
    for r in rows[1:]:
        r[0] = '11/30/2026'
        w.writerow(r)
PY
cp "$tmp/$r.csv" "$tmp/saved.csv"
run "case 8: plan over a spreadsheet's save" 0 -- "$bin" plan c --week $week --no-advice
same "case 8: a save is no edit" <(head -1 "$tmp/out") "kept the roster it replaced as $r.previous.csv"
cmp -s "$tmp/saved.csv" "$tmp/$r.previous.csv" || bad "case 8: the saved roster was not kept"

# A hand edit (a row deleted): kept, owner-only, and the summary says so,
# with how many patients the new roster places otherwise.
sed -i 2d "$tmp/$r.csv"; cp "$tmp/$r.csv" "$tmp/edited.csv"
run "case 8: plan over an edit" 0 -- "$bin" plan c --week $week --no-advice
[ "$(moved edited.csv "$r.csv")" = 1 ] || bad "case 8: the edit should move 1 patient back"
same "case 8: edited line" <(head -1 "$tmp/out") \
  "the roster of $week had been edited since it was planned; kept as $r.previous.csv (the new roster places 1 patient otherwise)"
cmp -s "$tmp/edited.csv" "$tmp/$r.previous.csv" || bad "case 8: the edited roster was not kept"
[ "$(stat -c %a "$tmp/$r.previous.csv")" = 600 ] || bad "case 8: kept roster not owner-only"
cmp -s "$tmp/planned.csv" "$tmp/$r.csv" || bad "case 8: the re-plan is not the plan"

# The same under --quiet (cron): nothing on stdout, the news as a warning.
sed -i 2d "$tmp/$r.csv"
run "case 8: quiet plan over an edit" 0 -- "$bin" plan c --week $week --no-advice --quiet
[ -s "$tmp/out" ] && bad "case 8: --quiet printed on stdout"
same "case 8: quiet edited warning" "$tmp/err" \
  "iop-roster: warning: the roster of $week had been edited since it was planned; kept as $r.previous.csv (the new roster places 1 patient otherwise)"

# The same in JSON: the summary's "replaced" member, and the warning.
sed -i 2d "$tmp/$r.csv"
run "case 8: JSON plan over an edit" 0 -- "$bin" plan c --week $week --no-advice --format json
same "case 8: JSON replaced" <(jq -c .replaced "$tmp/out") \
  "{\"kept_as\":\"$r.previous.csv\",\"history\":\"edited\",\"written_by\":\"plan\",\"placed_otherwise\":1}"
same "case 8: JSON edited warning" "$tmp/err" \
  "iop-roster: warning: the roster of $week had been edited since it was planned; kept as $r.previous.csv (the new roster places 1 patient otherwise)"
run "case 8: JSON plan, nothing replaced" 0 -- "$bin" plan c --week $week --no-advice --format json
same "case 8: JSON nothing replaced" <(jq -c .replaced "$tmp/out") "null"

# After admit: the roster admit wrote is kept, and the summary names admit.
echo "p099,New P.,$week,,,,,,2,2,2,2," >>"$tmp/c/patients.csv"
run "case 8: admit" 0 -- "$bin" admit c p099 --week $week
same "case 8: admit's stamp" <(sed -n 2p "$tmp/$r.written.csv" | cut -d, -f1-2) "$week.csv,admit"
cp "$tmp/$r.csv" "$tmp/admitted.csv"
run "case 8: plan after admit" 0 -- "$bin" plan c --week $week --no-advice
same "case 8: admit line" <(head -1 "$tmp/out") \
  "the roster of $week had been changed by admit since it was planned; kept as $r.previous.csv$(otherwise "$(moved admitted.csv "$r.csv")")"
cmp -s "$tmp/admitted.csv" "$tmp/$r.previous.csv" || bad "case 8: admit's roster was not kept"

# admit, then a hand edit: edited since admit changed it.
echo "p100,New Q.,$week,,,,,,1,1,1,1," >>"$tmp/c/patients.csv"
run "case 8: admit again" 0 -- "$bin" admit c p100 --week $week
sed -i '3d' "$tmp/$r.csv"; cp "$tmp/$r.csv" "$tmp/edited.csv"
run "case 8: plan after admit and an edit" 0 -- "$bin" plan c --week $week --no-advice
same "case 8: edited after admit" <(head -1 "$tmp/out") \
  "the roster of $week had been edited since admit changed it; kept as $r.previous.csv$(otherwise "$(moved edited.csv "$r.csv")")"

# check ROSTER reads the roster's week: from the week column when the
# name does not say, and a roster of another week is refused, with the
# row and column. Rules 2 and 8 name a line like every broken rule.
fresh; sed -i 's/^skl-03,\(.*\),N. Chowdhury$/skl-03,\1,E. Hollis/' "$tmp/c/groups.csv"
echo "patient,group,rule" >"$tmp/c/pins.csv"
printf '%s\n' "week,patient,group" "$week,p001,com-01" "$week,p002,com-01" \
  "$week,p001,skl-03" "$week,p002,edu-01" >"$tmp/hand.csv"
run "case 8: check a hand-made roster" 1 -- "$bin" check c hand.csv
same "case 8: rules 2 and 8 with lines" "$tmp/err" \
"iop-roster: hand.csv:5: rule 2: group 'edu-01' has 1 member, below its minimum 6
iop-roster: hand.csv:4: rule 2: group 'skl-03' has 1 member, below its minimum 5
iop-roster: hand.csv:2: rule 2: group 'com-01' has 2 members, below its minimum 6
iop-roster: hand.csv:5: rule 8: facilitator 'E. Hollis' runs 'edu-01' and 'skl-03', whose slots clash"
same "case 8: the week from the week column" <(head -1 "$tmp/out") \
  "hand.csv: 4 placements, week $week: 4 broken rules"

run "case 8: check against another week" 65 -- "$bin" check c hand.csv --week 2026-12-07
same "case 8: week mismatch" "$tmp/err" \
  "iop-roster: hand.csv:2:1: week: '$week' is not the week checked, 2026-12-07, here and in 3 more rows"
cp "$tmp/hand.csv" "$tmp/c/rosters/2026-12-07.csv"
run "case 8: a roster named for another week" 65 -- "$bin" check c c/rosters/2026-12-07.csv
same "case 8: name and week column disagree" "$tmp/err" \
  "iop-roster: c/rosters/2026-12-07.csv:2:1: week: '$week' is not the week checked, 2026-12-07, here and in 3 more rows"

# A row copied from last week, and a row listed twice: each at its line.
printf '%s\n' "2026-11-23,p003,edu-01" "$week,p001,com-01" >>"$tmp/hand.csv"
run "case 8: check a repeated row" 65 -- "$bin" check c hand.csv
same "case 8: repeated row" "$tmp/err" \
"iop-roster: hand.csv:6:1: week: '2026-11-23' is not the week checked, $week
iop-roster: hand.csv:7:2: patient: 'p001' in 'com-01' repeats line 2: delete this row"

# A --week that is no date says so, not "is not a Monday".
for cmd in plan check; do
  run "case 8: $cmd --week 11/30/2026" 64 -- "$bin" $cmd c --week 11/30/2026
  same "case 8: $cmd --week not a date" <(head -1 "$tmp/err") \
    "iop-roster $cmd: --week '11/30/2026' is not a date (YYYY-MM-DD)"
done

# An empty optional file stays an error; its message shows the header
# line that means "none".
while IFS='|' read -r file message; do
  fresh; : >"$tmp/c/$file"
  expect "case 8: empty $file" 65 1 "iop-roster: c/$file: file is empty: $message"
done <<'EOF'
pins.csv|write the header line 'patient,group,rule' for no pins
progress.csv|write the header line 'patient,type,date,score' for no progress records
separations.csv|write the header line 'patient_a,patient_b' for no separations
settings.csv|write the header line 'setting,value' for the default settings
EOF

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
