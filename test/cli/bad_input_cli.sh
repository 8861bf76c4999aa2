#!/usr/bin/env bash
# bad_input_cli.sh -- everyday spreadsheet mistakes through the real binary
# (issue 11): each exits 65 with the cause and its fix as the first line,
# and no flood of follow-on lines.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2 # check runs from $tmp
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

fresh() { rm -rf "$tmp/c"; cp -r "$src/examples/small-clinic" "$tmp/c"; }

# expect NAME CODE MAX_LINES FIRST_LINE: `check` on $tmp/c (also --quiet:
# errors must reach cron).
expect() {
  local what=$1 code=$2 max=$3 first=$4
  n=$((n+1))
  (cd "$tmp" && "$bin" check c --quiet >/dev/null 2>err); local rc=$?
  if [ $rc -ne "$code" ]; then
    echo "FAIL $what: exit $rc, expected $code"; head -3 "$tmp/err"; fail=1; return
  fi
  local got; got=$(head -1 "$tmp/err")
  if [ "$got" != "$first" ]; then
    printf 'FAIL %s:\n  got      %s\n  expected %s\n' "$what" "$got" "$first"; fail=1
  fi
  local lines; lines=$(wc -l <"$tmp/err")
  if [ "$lines" -gt "$max" ]; then
    echo "FAIL $what: $lines lines of errors, at most $max expected"; head -5 "$tmp/err"; fail=1
  fi
}

fresh; sed -i '1s/,available,/,availble,/' "$tmp/c/patients.csv"
expect "misspelt column" 65 1 \
  "iop-roster: c/patients.csv:1:7: availble: unknown column: did you mean 'available'?"

fresh; sed -i '1s/,need_support,/,Need Support,/' "$tmp/c/patients.csv"
expect "need column with a space" 65 1 \
  "iop-roster: c/patients.csv:1:11: Need Support: unknown column: did you mean 'need_support'?"

fresh; sed -i '2s/mon 10:45-12:15/Mon 5:30pm-7:00pm/' "$tmp/c/groups.csv"
expect "12-hour slot" 65 1 \
  "iop-roster: c/groups.csv:2:3: slots: 'Mon 5:30pm-7:00pm': not a 24-hour time range: write it as 'mon 17:30-19:00'"

fresh; sed -i 's/,/;/g' "$tmp/c/pins.csv"
expect "semicolon separator" 65 1 \
  "iop-roster: c/pins.csv:1: columns are separated by ';', not ',': save the file with ',' as the separator (in Excel use Save As, \"CSV UTF-8 (Comma delimited)\" with ',' as the list separator)"

fresh; sed -i '2s/Zoe T\./Zo\xEB T./; 3s/Brandon/Br\xE4ndon/' "$tmp/c/patients.csv"
expect "Latin-1 names" 65 1 \
  "iop-roster: c/patients.csv:2:2: name: invalid UTF-8, here and in 1 more cell (the file is not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\""

fresh; printf 'PK\003\004\024\000\006\000' >"$tmp/c/groups.csv"
expect "xlsx renamed" 65 1 \
  "iop-roster: c/groups.csv: an Excel workbook (.xlsx), not a CSV file: in Excel use Save As, \"CSV UTF-8 (Comma delimited)\""

fresh; sed -i '5i patient,type,date,score' "$tmp/c/progress.csv"
expect "repeated header" 65 1 \
  "iop-roster: c/progress.csv:5: the header row is repeated here: delete this line"

fresh; sed -i -E '2,$s#,2026-([0-9]{2})-([0-9]{2}),#,\1/\2/2026,#' "$tmp/c/patients.csv"
expect "US dates" 65 1 \
  "iop-roster: c/patients.csv:2:3: admitted: '11/30/2026' is not a date (YYYY-MM-DD): write it as '2026-11-30', and 39 more dates written MM/DD/YYYY in this column the same way"

fresh; sed -i '3s/Brandon Z\./Brandon "Bran" Z./' "$tmp/c/patients.csv"
expect "stray quote in a name" 65 1 \
  "iop-roster: c/patients.csv:3:2: name: misplaced quote (quote the whole field)"

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
expect "lost need column" 65 3 \
  "iop-roster: c/groups.csv:8:2: type: type 'support' has no need_support column in patients.csv"
grep -q "progress.csv:10:2: type: unknown type 'support', here and in 110 more rows" "$tmp/err" ||
  { echo "FAIL lost need column: progress not one line"; fail=1; }

fresh; : >"$tmp/c/pins.csv"
expect "empty pins" 65 1 \
  "iop-roster: c/pins.csv: file is empty: write the header line 'patient,group,rule' for no pins"

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
