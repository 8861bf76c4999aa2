#!/usr/bin/env bash
# reasons_cli.sh -- issue 11, cases 4 and 5, from the outside: explain's
# group-by-group causes on a hand-written week (explain never re-plans).
# Contract v2: a group with no members is `not-running` with its cause,
# never `full`; a patient who left a group is told so, never a circular
# "already has a group of this type"; a move's reason reads the same in the
# report, explain and diff --clinic.
# usage: reasons_cli.sh IOP_ROSTER
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir -p c/rosters
cat > c/groups.csv <<'EOF'
id,type,slots,hours,min_size,max_size,requires,facilitator
skl-a,skills,mon 10:00-12:00,,1,10,,Ann Lee
skl-b,skills,tue 10:00-12:00,,1,10,,Ann Lee
sup-a,support,tue 10:30-11:30,,1,10,,ann  lee
sup-b,support,wed 10:00-12:00,,3,10,,
EOF
cat > c/patients.csv <<'EOF'
id,name,admitted,discharge,hours_min,hours_max,available,tags,need_skills,need_support,away
p1,Zed One,2026-11-01,,,,,,3,3,
p2,Yan Two,2026-11-01,,,,,,3,0,
EOF
printf 'week,patient,group,type,slots,hours,change\n2026-11-23,p1,skl-b,skills,,,\n' \
  > c/rosters/2026-11-23.csv
printf 'week,patient,group,type,slots,hours,change\n%s\n%s\n' \
  2026-11-30,p1,skl-a,skills,,, 2026-11-30,p2,skl-b,skills,,, > c/rosters/2026-11-30.csv

"$bin" explain c --week 2026-11-30 p1 > out.txt 2> err.txt || bad "explain p1 failed"
cat > want.txt <<'EOF'
skills: need 3, given skl-a
  skl-a        given: 1/10 members
  skl-b        type-taken: the patient left it for skl-a: keeping skl-b would score 10 more (continuity +1: +4; advanced members missing -2: +6): a better roster than this one
support: need 3, unmet: not-running
  sup-a        not-running: its facilitator runs skl-b at the same time
  sup-b        not-running: only 1 patient can join, it needs 3
EOF
tail -n +3 out.txt | diff want.txt - || bad "explain p1: causes differ"

# p2 moves to skl-a too: skl-b no longer runs, and p1 is told why.
printf 'week,patient,group,type,slots,hours,change\n%s\n%s\n' \
  2026-11-30,p1,skl-a,skills,,, 2026-11-30,p2,skl-a,skills,,, > c/rosters/2026-11-30.csv
"$bin" explain c --week 2026-11-30 p1 > out.txt 2> err.txt || bad "explain p1 (2) failed"
grep -qxF '  skl-b        type-taken: the patient left it for skl-a: skl-b does not run this week: the optimiser closed it: 2 patients can join, all are in another skills group, it needs 1; reopening it for its 1 member of last week who can return scores 2 less (continuity +1: +4; advanced members missing +2: -6)' out.txt ||
  { bad "explain p1: leaving a closed group"; cat out.txt; }
grep -qxF '  sup-a        not-running: the optimiser closed it: 1 patient can join, it needs 1' out.txt ||
  { bad "explain p1: sup-a closed"; cat out.txt; }
"$bin" explain c --week 2026-11-30 p2 > out.txt 2> err.txt || bad "explain p2 failed"
grep -qxF '  skl-b        type-taken: one group per type, and the patient is in skl-a' out.txt ||
  { bad "explain p2: type-taken without leaving"; cat out.txt; }
"$bin" explain c --week 2026-11-30 p1 --format json > out.txt || bad "explain p1 json failed"
python3 - out.txt <<'EOF' || bad "explain p1 --format json"
import json, sys
e = json.load(open(sys.argv[1]))
groups = {g["group"]: g for t in e["types"] for g in t["groups"]}
assert groups["skl-b"]["cause"] == "type-taken" and groups["skl-b"]["left"] is True, groups["skl-b"]
assert groups["sup-b"]["not_running"] == "few-eligible", groups["sup-b"]
assert groups["sup-b"]["why"] == "only 1 patient can join, it needs 3", groups["sup-b"]
EOF
python3 - out.txt <<'EOF' || bad "explain p1 --format json: the move"
import json, sys
e = json.load(open(sys.argv[1]))
t = e["types"][0]
assert (t["last_week"], t["change"], t["change_cause"]) == ("skl-b", "moved", "not-running"), t
assert t["change_why"].startswith("skl-b does not run this week: the optimiser closed it"), t
EOF

# Planned: the report, explain and diff --clinic give p1's move the same words.
"$bin" plan c --week 2026-11-30 --quiet 2> err.txt || bad "plan failed"
why='skl-b does not run this week: its facilitator runs sup-a at the same time'
"$bin" explain c --week 2026-11-30 p1 > out.txt 2> err.txt || bad "explain p1 (3) failed"
grep -qxF "  skl-b        type-taken: the patient left it for skl-a: $why" out.txt ||
  { bad "explain p1: the move's words"; cat out.txt; }
"$bin" diff --clinic c c/rosters/2026-11-23.csv c/rosters/2026-11-30.csv > out.txt 2> err.txt ||
  bad "diff --clinic failed"
grep -qxF "moved   p1           skills         skl-b -> skl-a: $why" out.txt ||
  { bad "diff --clinic: the move's words"; cat out.txt; }
grep -qxF "joined  p2           skills         skl-a: placed: in no skills group last week" out.txt ||
  { bad "diff --clinic: a join's words"; cat out.txt; }
grep -qF "<td>$why</td>" c/rosters/2026-11-30.html || bad "report: the move's words"
"$bin" diff --clinic c c/rosters/2026-11-23.csv c/rosters/2026-11-30.csv --format json \
  > out.txt 2> err.txt || bad "diff --clinic --format json failed"
WHY="$why" python3 - out.txt <<'EOF' || bad "diff --clinic --format json: cause and why"
import json, os, sys
d = json.load(open(sys.argv[1]))
moved = [c for c in d["changes"] if c["change"] == "moved"]
assert len(moved) == 1 and moved[0]["cause"] == "not-running", moved
assert moved[0]["why"] == os.environ["WHY"], moved
EOF
# Without a week (no date in the file name, no --week) diff gives no reasons.
cp c/rosters/2026-11-30.csv new.csv
"$bin" diff --clinic c c/rosters/2026-11-23.csv new.csv > out.txt 2> err.txt || bad "diff (2) failed"
grep -qxF "moved   p1           skills         skl-b -> skl-a" out.txt ||
  { bad "diff --clinic without a week"; cat out.txt; }
"$bin" diff --clinic c --week 2026-11-30 c/rosters/2026-11-23.csv new.csv > out.txt 2> err.txt ||
  bad "diff (3) failed"
grep -qxF "moved   p1           skills         skl-b -> skl-a: $why" out.txt ||
  { bad "diff --clinic --week"; cat out.txt; }

[ $fail = 0 ] && echo "reasons cli: not-running causes, left groups and move reasons pass"
exit $fail
