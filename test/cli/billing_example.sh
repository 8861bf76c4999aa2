#!/usr/bin/env bash
# billing_example.sh -- examples/billing-clinic (issue 12): it plans (exit 0),
# check accepts the roster, the billable weeks the summary counts are the
# ones an independent recount finds, the roster is the proven optimum, and
# it bills more weeks than the best roster that ignores the rule; and
# example --billing writes the same folder twice, one check accepts.
set -u
bin=$1; src=$2
week=2026-11-30
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
cp -r "$src/examples/billing-clinic" "$tmp/c"
rm -f "$tmp/c/rosters/$week".*

# billable CLINIC ROSTER: patient-weeks with >= billable_days days of at
# least billable_day_hours, recounted from the CSV files by the contract
# (a group's hours spread over its timed slots by length), and the
# orientation rule: every member of an orientation group (weeks_to 0) is
# in week 0 of the program. Prints the count.
billable() {
  python3 - "$1" "$2" "$week" <<'EOF'
import csv, datetime, sys
clinic, roster, week = sys.argv[1:4]
monday = datetime.date.fromisoformat(week)
settings = {r["setting"]: float(r["value"]) for r in csv.DictReader(open(clinic + "/settings.csv"))}
days_needed = settings.get("billable_days", 0)
day_hours_needed = settings.get("billable_day_hours", 3)
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
share = {}   # group -> {day: hours}
week0_only = set()
for g in csv.DictReader(open(clinic + "/groups.csv")):
    slots = []
    for s in g["slots"].split(";"):
        day, span = s.split()
        a, b = span.split("-")
        minutes = lambda t: int(t[:2]) * 60 + int(t[3:])
        slots.append((days.index(day[:3].lower()), minutes(b) - minutes(a)))
    total = sum(m for _, m in slots)
    hours = float(g["hours"]) if g["hours"] else total / 60
    share[g["id"]] = {}
    for d, m in slots:
        share[g["id"]][d] = share[g["id"]].get(d, 0) + hours * m / total
    if g.get("weeks_to") == "0":
        week0_only.add(g["id"])
admitted = {p["id"]: datetime.date.fromisoformat(p["admitted"]) for p in csv.DictReader(open(clinic + "/patients.csv"))}
per_patient = {}
for r in csv.DictReader(open(roster)):
    per_patient.setdefault(r["patient"], []).append(r["group"])
    if r["group"] in week0_only and (monday - admitted[r["patient"]]).days // 7 > 0:
        sys.exit("%s is in orientation %s after week 0" % (r["patient"], r["group"]))
count = 0
for p, groups in per_patient.items():
    day = [sum(share[g].get(d, 0) for g in groups) for d in range(7)]
    count += days_needed > 0 and sum(h >= day_hours_needed - 1e-6 for h in day) >= days_needed
print(count)
EOF
}
# the score line: check's own, or under plan --verbose's details
term() { sed -n 's/^ *score .* + billable [0-9.]*×\([0-9]*\).*/\1/p' "$1"; }

"$bin" plan "$tmp/c" --week "$week" --no-advice --time-limit 60 --verbose >"$tmp/plan.txt" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL plan exited $rc"; cat "$tmp/err"; exit 1; }
roster=$tmp/c/rosters/$week.csv
"$bin" check "$tmp/c" "$roster" --week "$week" >"$tmp/check.txt" 2>&1 ||
  { echo "FAIL check rejects the planned roster"; cat "$tmp/check.txt"; fail=1; }
grep -q '(optimal)' "$tmp/plan.txt" || { echo "FAIL not proven optimal"; cat "$tmp/plan.txt"; fail=1; }
aware=$(term "$tmp/plan.txt")
recount=$(billable "$tmp/c" "$roster") || { echo "FAIL recount: $recount"; fail=1; }
[ -n "$aware" ] && [ "$aware" = "$recount" ] ||
  { echo "FAIL plan says $aware billable weeks, the recount $recount"; fail=1; }
# The proven optimum of this clinic: a change here changes the README.
[ "$aware" = 34 ] || { echo "FAIL billable weeks $aware, expected 34"; fail=1; }
grep -qx "billable patient-weeks: $aware of 52" "$tmp/plan.txt" ||
  { echo "FAIL the summary's billable count differs from the score's"; fail=1; }

# The same groups planned as if the rule were off, then scored with it on.
"$bin" plan "$tmp/c" --week "$week" --no-advice --time-limit 60 --set billable_days=0 \
  --out "$tmp/unaware.csv" >/dev/null 2>"$tmp/err" || { echo "FAIL plan without the rule"; cat "$tmp/err"; fail=1; }
"$bin" check "$tmp/c" "$tmp/unaware.csv" --week "$week" >"$tmp/check-unaware.txt" 2>&1 ||
  { echo "FAIL check rejects the rule-blind roster"; fail=1; }
unaware=$(term "$tmp/check-unaware.txt")
recount=$(billable "$tmp/c" "$tmp/unaware.csv") || { echo "FAIL recount: $recount"; fail=1; }
[ -n "$unaware" ] && [ "$unaware" = "$recount" ] ||
  { echo "FAIL check says $unaware billable weeks of the rule-blind roster, the recount $recount"; fail=1; }
[ -n "$unaware" ] && [ "$unaware" -lt "$aware" ] ||
  { echo "FAIL the rule-blind roster bills $unaware weeks, the planned one $aware"; fail=1; }
score() { sed -n 's/^ *score \([-0-9.]*\) .*/\1/p' "$1"; }
[ "$(echo "$(score "$tmp/check-unaware.txt") < $(score "$tmp/plan.txt")" | bc)" = 1 ] ||
  { echo "FAIL the rule-blind roster scores no less under the rule"; fail=1; }

# example --billing from the command line: the same bytes twice, the
# rule on in settings.csv, a folder check accepts.
for k in 1 2; do
  "$bin" example "$tmp/gen$k" --size S --seed 5 --week "$week" --billing >/dev/null 2>"$tmp/err" ||
    { echo "FAIL example --billing"; cat "$tmp/err"; fail=1; }
done
diff -r "$tmp/gen1" "$tmp/gen2" >/dev/null || { echo "FAIL example --billing is not deterministic"; fail=1; }
printf 'setting,value\nbillable_days,3\n' | cmp -s - "$tmp/gen1/settings.csv" ||
  { echo "FAIL example --billing settings.csv"; cat "$tmp/gen1/settings.csv"; fail=1; }
"$bin" check "$tmp/gen1" --week "$week" >/dev/null 2>"$tmp/err" || { echo "FAIL check rejects example --billing"; cat "$tmp/err"; fail=1; }

[ $fail = 0 ] && echo "billing-clinic: $aware billable weeks (optimal), $unaware without the rule"
exit $fail
