#!/usr/bin/env bash
# formula.sh -- ids, names, tags, facilitators and slot labels that start
# with =, +, - or @ never start a cell of any CSV the tool writes (a
# spreadsheet would run them as formulas), and read back unchanged.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

clinic=$work/clinic
mkdir -p "$clinic"
# The input is what a spreadsheet export could contain: raw leading signs.
cat >"$clinic/patients.csv" <<'CSV'
id,admitted,available,tags,need_skills,need_support,name
=p1,2026-09-07,@room-1;mon 09:00-12:00,@women,3,2,"=HYPERLINK(""http://example.org/x"",""click"")"
+p2,2026-09-14,@room-1;mon 09:00-12:00,@women,2,3,+SUM(A1:A9)
-p3,2026-10-05,@room-1;mon 09:00-12:00,@women,4,1,-2+3
@p4,2026-10-12,@room-1;mon 09:00-12:00,@women,1,4,@cmd
p5,2026-11-02,@room-1;mon 09:00-12:00,@women,3,3,plain
=p6,2026-11-02,,,4,0,=1+1
<i>p7,2026-11-02,@room-1;mon 09:00-12:00,@women,3,3,"<script>alert(""x"")</script> & Co"
CSV
cat >"$clinic/groups.csv" <<'CSV'
id,type,slots,hours,min_size,max_size,requires,facilitator
=g1,skills,mon 09:00-11:00,,2,10,,=fac
+g2,support,@room-1,2,2,10,@women,-fac
@g3,skills,@room-1,2,2,10,@women,@fac
-g4,support,tue 13:00-14:00,,5,10,,+fac
<b>g5,skills,mon 09:00-11:00,,2,10,,<img src=x onerror=alert(1)>
CSV
printf 'patient_a,patient_b\n=p1,@p4\n' >"$clinic/separations.csv"
printf 'patient,group,rule\n+p2,@g3,must\n' >"$clinic/pins.csv"

# Plan the week before, then this week, so every file in rosters/ was
# written by the tool, the previous roster included (read back with keep).
"$iop" plan "$clinic" --week "$previous_week" --quiet || fail "plan $previous_week failed"
"$iop" plan "$clinic" --week "$week" --quiet || fail "plan $week failed"
roster=$clinic/rosters/$week.csv

n=0
for f in "$clinic"/rosters/*.csv; do
  n=$((n + 1))
  "$csv_scan" formula "$f" || fail "a cell of ${f##*/} would be read as a formula"
done
[ $n -ge 4 ] || fail "expected two rosters and two unmet files, found $n files"
say "no cell of $n written files starts with = + - @"

# The signs are kept, behind one apostrophe, not dropped.
"$csv_scan" column "$roster" patient | grep -qx "'=p1" || fail "patient '=p1' is not in the roster as '=p1"
"$csv_scan" column "$roster" group | grep -qx "'@g3" || fail "group '@g3' is not in the roster as '@g3"

# check reads the roster back with the ids as they were (strict: an unknown
# id would be an error), and finds no broken rule.
"$iop" check "$clinic" "$roster" --week "$week" --quiet || fail "check cannot read the roster back"
say "check reads the roster back"

# The HTML report shows the same hostile text as text: escaped, never markup.
html=$clinic/rosters/$week.html
if [ -f "$html" ]; then
  for raw in '<script>alert' '<img src=x' '<i>p7' '<b>g5' '"x")</script>'; do
    ! grep -qF "$raw" "$html" || fail "the report holds raw markup: $raw"
  done
  grep -qF '&lt;i&gt;p7' "$html" || fail "the report does not show patient <i>p7 escaped"
  grep -qF '&lt;b&gt;g5' "$html" || fail "the report does not show group <b>g5 escaped"
  say "the HTML report escapes every hostile cell"
else
  say "no HTML report written: nothing to escape"
fi

# The kept placements prove the previous roster was read back too: every
# `kept` row names a pair that is in last week's file.
"$csv_scan" column "$roster" patient group change | awk -F'\t' '$3 == "kept"' | cut -f1,2 | sort >kept.txt
"$csv_scan" column "$clinic/rosters/$previous_week.csv" patient group | sort >prev.txt
[ -z "$(comm -23 kept.txt prev.txt)" ] || fail "a kept placement is not in the previous roster"
say "$(wc -l <kept.txt) placements kept from the previous roster"

# admit seats a newcomer whose id starts with '@' and rewrites the roster.
echo "@new,2026-11-30,@room-1;mon 09:00-12:00,@women,2,2,=Newcomer" >>"$clinic/patients.csv"
"$iop" admit "$clinic" @new --week "$week" --quiet || fail "admit @new failed"
"$csv_scan" formula "$clinic"/rosters/*.csv || fail "admit wrote a formula cell"
"$iop" check "$clinic" "$roster" --week "$week" --quiet || fail "check cannot read admit's roster"
say "admit keeps every cell neutral"

# simulate writes whole clinic folders (patients.csv, groups.csv, ...) from
# the hostile clinic: every cell neutral, and each folder loads back.
"$iop" simulate "$clinic" --from "$week" --weeks 2 --no-admissions --out "$work/sim" \
  --time-limit-per-week 1 --quiet || fail "simulate failed"
n=0
while IFS= read -r f; do
  n=$((n + 1))
  "$csv_scan" formula "$f" || fail "simulate wrote a formula cell in ${f#"$work"/}"
done < <(find "$work/sim" -name '*.csv')
[ $n -gt 0 ] || fail "simulate wrote no CSV file"
for d in "$work"/sim/20??-??-??; do
  "$iop" check "$d" --week "${d##*/}" --quiet || fail "the clinic simulate wrote in ${d##*/} does not load back"
done
say "simulate: $n CSV files, no formula cell, every folder loads back"
