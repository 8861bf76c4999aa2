#!/usr/bin/env bash
# view_golden.sh -- the director's view of the example clinic as golden files:
# the weekly report (WEEK.html), explain for two patients (text and JSON) and
# diff of last week's roster against this week's, compared byte for byte with
# test/data/golden-view/. IOP_UPDATE_GOLDEN=1 rewrites the expected files.
# Also: the report is written with the roster's mode (0600), holds no script
# and no outside reference, and planning twice gives the same bytes.
# usage: view_golden.sh IOP_ROSTER SOURCE_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2
week=2026-11-30
golden=$src/test/data/golden-view
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cp -r "$src/examples/small-clinic" "$tmp/small-clinic"
rm -f "$tmp/small-clinic/rosters/$week".*
cd "$tmp" || exit 1
plan() { "$bin" plan small-clinic --week $week --quiet --time-limit 60 --advice-time 30 "$@"; }
plan || { echo "FAIL: plan exited $?"; exit 1; }
report=small-clinic/rosters/$week.html
cp "$report" first.html
# The printed sign-in sheets and the attendance sheet: same sessions, same order.
python3 "$src/test/cli/sheets_agree.py" "$report" "small-clinic/rosters/$week.attendance.csv" >/dev/null ||
  bad "the sign-in sheets and $week.attendance.csv list different sessions"

# What is compared: name -> command producing it.
"$bin" explain small-clinic --week $week p002 >explain-p002.txt || bad "explain p002 exited $?"
"$bin" explain small-clinic --week $week p016 --format json >explain-p016.json || bad "explain p016 exited $?"
"$bin" diff small-clinic/rosters/2026-11-23.csv small-clinic/rosters/$week.csv >diff.txt || bad "diff exited $?"
cp "$report" small-clinic.html

for f in small-clinic.html explain-p002.txt explain-p016.json diff.txt; do
  if [ "${IOP_UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$golden"; cp "$f" "$golden/$f"; echo "updated $golden/$f"; continue
  fi
  if ! cmp -s "$golden/$f" "$f"; then
    bad "$f differs from test/data/golden-view/$f (IOP_UPDATE_GOLDEN=1 to accept)"
    diff "$golden/$f" "$f" | head -20
  fi
done

mode=$(stat -c %a "$report")
[ "$mode" = 600 ] || bad "report mode is $mode, not 600 like the roster"
# Self-contained: no scripts, no outside assets or links.
if grep -qiE '<script|<link|<img|<iframe|src=|@import|url\(|https?:' "$report"; then
  bad "the report refers to something outside itself:"
  grep -oiE '.{0,20}(<script|<link|<img|<iframe|src=|@import|url\(|https?:).{0,20}' "$report" | head -5
fi
grep -q '<svg class="chart" id="chart-fill"' "$report" || bad "no group fill chart"
grep -q '<svg class="chart" id="chart-needs"' "$report" || bad "no needs chart"

# Same input, same bytes.
plan || bad "second plan exited $?"
cmp -s first.html "$report" || bad "planning twice gave different reports"

# --report puts it elsewhere; --no-advice says so.
plan --report elsewhere/r.html --no-advice || bad "plan --report exited $?"
[ -f elsewhere/r.html ] || bad "--report FILE was not written"
grep -q 'Advice was not computed' elsewhere/r.html || bad "--no-advice not stated in the report"

[ $fail = 0 ] && echo "view golden: report, explain and diff match"
exit $fail
