#!/usr/bin/env bash
# attention_cli.sh -- issues 11 and 12 from the outside: plan's summary,
# JSON and report open with what needs attention (a patient in no group
# wanting 12 h, a group at its minimum, a group not running and why, a
# patient whose week does not bill, starts, leaves, data warnings); the
# score sits under --verbose's details; explain and check show billing.
# Exact texts on a hand-made clinic.
# usage: attention_cli.sh IOP_ROSTER
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir c
cat > c/groups.csv <<'EOF'
id,type,slots,hours,min_size,max_size
skl-a,skills,mon 10:00-13:00,3,2,10
sup-a,support,wed 10:00-13:00,3,3,10
edu-a,education,tue 10:00-11:30,1.5,1,10
EOF
# p1 can only come on Friday and wants 12 h; p4 starts and leaves this
# week with no need; `notes` is an unknown column (a warning)
cat > c/patients.csv <<'EOF'
id,name,admitted,discharge,hours_min,hours_max,available,need_skills,need_support,need_education,notes
p1,Ann Fry,2026-11-01,,12,,fri 09:00-12:00,3,0,0,
p2,Bo Gray,2026-11-01,,3,,,3,3,2,
p3,Cy Hale,2026-11-01,,3,,,3,3,0,
p4,Di Ives,2026-12-01,2026-12-04,0,,,0,0,0,
EOF
printf 'setting,value\nbillable_days,2\nbillable_day_hours,3\n' > c/settings.csv

"$bin" plan c --week 2026-11-30 --no-advice >out.txt 2>err.txt || bad "plan exited $?"
cat > want.txt <<'EOF'
week 2026-11-30: 4 active patients (1 new), 3 groups offered
needs attention:
  p1: in no group: 0 h, wants at least 12 h; unmet skills (no-fit)
    fix: add a group at a time they can come, or review their availability and tags
  p4: in no group; no need left (each is 0 or mastered)
    fix: review their needs, or their discharge date
  p2: not billable: 1 of 2 days reaches 3 h; Tue 1.5 h
  p3: not billable: 1 of 2 days reaches 3 h
    fix for these 2: pin them to groups that together make 3 h a day on 2 days (pins.csv)
  p4: new this week (admitted 2026-12-01)
  p4: leaves this week (discharge 2026-12-04)
  skl-a: 2 members, its minimum is 2: one absence and it cannot run
  edu-a: 1 member, its minimum is 1: one absence and it cannot run
  sup-a: not running: only 2 patients can join, it needs 3
    fix: lower its min_size, or move it to a time more patients can come
  1 data warning, on stderr above and in the report
changes: no previous roster, every placement is new
needs met: skills 2/3, support 0/2, education 1/1
groups: 2 running, 1 not running
billable patient-weeks: 0 of 4
unmet needs: 3
wrote c/rosters/2026-11-30.csv
report c/rosters/2026-11-30.html
EOF
diff want.txt out.txt || bad "plan's summary differs"
warning='c/patients.csv:1:11: notes: unknown column, ignored'
grep -qxF "iop-roster: warning: $warning" err.txt || { bad "no warning on stderr"; cat err.txt; }
if grep -q 'score\|bound\|gap' out.txt; then bad "the score shows without --verbose"; fi

# --verbose: the same first screen, then the details block last.
"$bin" plan c --week 2026-11-30 --no-advice --verbose >verbose.txt 2>/dev/null || bad "plan --verbose exited $?"
head -n "$(wc -l <want.txt)" verbose.txt | diff -q want.txt - >/dev/null || bad "--verbose changes the first screen"
sed -n '/^details:$/,$p' verbose.txt >details.txt
cat > want-details.txt <<'EOF'
details:
  score 44.00 = need 10×8 + keep 4×0 - short 2×12 h - mix 3×4 - groups 0×2 + billable 15×0
EOF
head -n 2 details.txt | diff want-details.txt - || bad "--verbose details differ"
grep -qE '^  bound 44\.00, gap 0\.00% \(optimal\), [0-9.]+ s$' details.txt || { bad "no bound line"; cat details.txt; }
tail -n 1 details.txt | grep -qx '  stopped: proven best' || { bad "no stopped: line in details"; cat details.txt; }
[ "$(wc -l <details.txt)" = 4 ] || { bad "details are not last"; cat verbose.txt; }

# JSON: the same items, ids only, first after the week; billing per patient.
"$bin" plan c --week 2026-11-30 --no-advice --format json >out.json 2>/dev/null || bad "plan --format json exited $?"
python3 - out.json "$warning" <<'EOF' || bad "plan --format json: attention or billing"
import json, sys
j = json.load(open(sys.argv[1]))
assert list(j)[:2] == ["week", "attention"], list(j)[:3]
got = [(a["kind"], a["patient"] or a["group"]) for a in j["attention"]]
want = [("no-group", "p1"), ("no-group", "p4"), ("not-billable", "p2"), ("not-billable", "p3"),
        ("starts", "p4"), ("leaves", "p4"), ("at-minimum", "skl-a"), ("at-minimum", "edu-a"),
        ("not-running", "sup-a"), ("warning", None)]
assert got == want, got
for a in j["attention"]:
    assert list(a) == ["kind", "patient", "group", "text", "fix"], a
p1 = j["attention"][0]
assert p1["text"] == "in no group: 0 h, wants at least 12 h; unmet skills (no-fit)", p1
assert j["attention"][8]["text"] == "not running: only 2 patients can join, it needs 3"
assert j["attention"][9]["text"] == sys.argv[2] and j["attention"][9]["fix"] is None
assert j["score"]["billable"] == 0 and j["score"]["weights"]["w_billable"] == 15, j["score"]
b = j["billing"]
assert (b["billable"], b["of"]) == (0, 4), b
p2 = [p for p in b["patients"] if p["patient"] == "p2"][0]
assert p2 == {"patient": "p2", "billable": False, "days": 1,
              "why": "not billable: 1 of 2 days reaches 3 h; Tue 1.5 h"}, p2
EOF

# The report: the attention section first, names there, the warning in it,
# and every patient's billing.
report=c/rosters/2026-11-30.html
python3 - "$report" "$warning" <<'EOF' || bad "report: attention section"
import sys
h = open(sys.argv[1], encoding="utf-8").read()
a, o = h.find('<section id="attention">'), h.find('<section id="overview">')
assert 0 < a < o, (a, o)
att = h[a:o]
for want in ['<h3>In no group (2)</h3>',
             '<td>Ann Fry <span class="muted">(p1)</span></td><td>in no group: 0 h, wants at least 12 h; unmet skills (no-fit)</td>',
             '<h3>Groups at their minimum (2)</h3>',
             '<td>sup-a</td><td>not running: only 2 patients can join, it needs 3</td>',
             '<h3>Not billable (2)</h3>', '<h3>Data warnings (1)</h3>',
             '<td>' + sys.argv[2] + '</td>']:
    assert want in att, want
assert '<a href="#billing">Billing</a>' in h
bill = h[h.find('<section id="billing">'):]
assert '<td>Bo Gray <span class="muted">(p2)</span></td><td>not billable: 1 of 2 days reaches 3 h; Tue 1.5 h</td>' in bill
assert 'billable patient-weeks' in h and '0 of 4 patient-weeks billable' in bill
EOF

# explain and check say the same about billing.
"$bin" explain c --week 2026-11-30 p2 >explain.txt 2>/dev/null || bad "explain exited $?"
sed -n 3p explain.txt | grep -qxF 'billing: not billable: 1 of 2 days reaches 3 h; Tue 1.5 h' ||
  { bad "explain: billing line"; cat explain.txt; }
"$bin" explain c --week 2026-11-30 p2 --format json >explain.json 2>/dev/null || bad "explain json exited $?"
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["billing"]; assert b == {"billable": False, "days": 1, "why": "not billable: 1 of 2 days reaches 3 h; Tue 1.5 h"}, b' explain.json ||
  bad "explain --format json: billing"
"$bin" check c c/rosters/2026-11-30.csv >check.txt 2>/dev/null || bad "check exited $?"
cat > want-check.txt <<'EOF'
c/rosters/2026-11-30.csv: 3 placements, week 2026-11-30: 0 broken rules
score 44.00 = need 10×8 + keep 4×0 - short 2×12 h - mix 3×4 - groups 0×2 + billable 15×0
billable patient-weeks: 0 of 4
EOF
diff want-check.txt check.txt || bad "check's billing figures"

# admit rewrites the report: the warning still stands at its top, and the
# new patient (starting this week) is in the list.
echo 'p5,Ed Judd,2026-11-30,,0,,,3,0,0,' >> c/patients.csv
"$bin" admit c p5 --week 2026-11-30 >/dev/null 2>&1 || bad "admit exited $?"
python3 - "$report" "$warning" <<'EOF' || bad "report after admit: the warning"
import sys
h = open(sys.argv[1], encoding="utf-8").read()
att = h[h.find('<section id="attention">'):h.find('<section id="overview">')]
assert '<td>' + sys.argv[2] + '</td>' in att, att
assert '<td>Ed Judd <span class="muted">(p5)</span></td><td>new this week (admitted 2026-11-30)</td>' in att, att
EOF

# Nothing to act on, and singular counts: "1 group", not "1 groups".
mkdir d
printf 'id,type,slots,hours,min_size,max_size\nskl-a,skills,mon 10:00-12:00,2,1,10\n' > d/groups.csv
printf 'id,admitted,hours_min,need_skills\nq1,2026-11-01,0,2\nq2,2026-11-01,0,2\n' > d/patients.csv
"$bin" plan d --week 2026-11-30 --no-advice >out.txt 2>err.txt || bad "plan d exited $?"
cat > want.txt <<'EOF'
week 2026-11-30: 2 active patients (0 new), 1 group offered
nothing needs attention
changes: no previous roster, every placement is new
needs met: skills 2/2
groups: 1 running, 0 not running
unmet needs: 0
wrote d/rosters/2026-11-30.csv
report d/rosters/2026-11-30.html
EOF
diff want.txt out.txt || bad "plan d: summary"
grep -qF '<p>Nothing needs attention this week.</p>' d/rosters/2026-11-30.html || bad "plan d: report"
if grep -qF '#billing' d/rosters/2026-11-30.html; then bad "plan d: a billing link with the rule off"; fi
"$bin" check d d/rosters/2026-11-30.csv | head -1 | grep -qxF 'd/rosters/2026-11-30.csv: 2 placements, week 2026-11-30: 0 broken rules' ||
  bad "check d: plural"
"$bin" check d --week 2026-11-30 | grep -qxF 'd: valid; 2 patients, 1 group; week 2026-11-30: 2 active' ||
  bad "check d: '1 group'"

[ $fail = 0 ] && echo "attention cli: summary, JSON, report, explain and check agree"
exit $fail
