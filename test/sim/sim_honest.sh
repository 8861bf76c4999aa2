#!/usr/bin/env bash
# sim_honest.sh -- simulate with no-shows, dropouts, a waiting list and
# several seeds (issue 14): every figure recounted from the week folders by
# sim_recount.py, the same seed gives the same bytes, rates of 0 give the
# plain run's bytes, the waiting list's order, and waitlist.csv's bad rows.
set -u
bin=$1; src=$2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../expect.sh
source "$(dirname "$0")/../expect.sh"

same() { # same DESCRIPTION GOT WANT
  n=$((n+1))
  [ "$2" = "$3" ] || { echo "FAIL $1: got '$2', want '$3'"; fail=1; }
}
column() { # column NAME FILE: a metrics.csv column on one line
  awk -F, -v name="$1" 'NR==1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
    { printf "%s%s", sep, (c ? $c : "none"); sep = " " } END { print "" }' "$2"
}
recount() { # recount CLINIC OUT [--seeds]
  n=$((n+1))
  if [ "${3:-}" = --seeds ]; then set -- --seeds "$1" "$2"; fi
  python3 "$here/sim_recount.py" "$@" >"$tmp/recount" ||
    { echo "FAIL recount $*:"; head -5 "$tmp/recount"; fail=1; }
}
checked() { # every week folder (its waitlist.csv too) and roster pass check
  for d in "$1"/20??-??-??; do
    expect 0 "check $d" -- "$bin" check "$d" --week "$(basename "$d")"
    expect 0 "check $d's roster" -- "$bin" check "$d" "$d/rosters/$(basename "$d").csv"
  done
}

# --- the small example with a waiting list, 10% no-shows, 3% dropouts, billing on
cp -r "$src/examples/small-clinic" "$tmp/small"
{ echo "id,requested,available,need_education,need_skills,need_support,need_communication"
  for i in $(seq 1 15); do printf 'w%02d,2026-11-%02d,,2,1,%d,1\n' "$i" $((10 + i)) $((i % 3)); done
} > "$tmp/small/waitlist.csv"
honest=(--from 2026-11-30 --weeks 8 -t 1 --set no_show_rate=0.1 --set dropout_rate=0.03
        --set billable_days=3)
expect 0 "honest run" -- "$bin" simulate "$tmp/small" "${honest[@]}" --out "$tmp/h1" -q
recount "$tmp/small" "$tmp/h1"
checked "$tmp/h1"
for c in billable no_shows dropped started waiting_days waiting; do
  [ "$(column "$c" "$tmp/h1/metrics.csv")" != none ] || { echo "FAIL no $c column"; fail=1; }
done
[ "$(column no_shows "$tmp/h1/metrics.csv" | tr ' ' '+' | bc)" -gt 0 ] || { echo "FAIL nobody missed a week"; fail=1; }
[ "$(column started "$tmp/h1/metrics.csv" | tr ' ' '+' | bc)" -gt 0 ] || { echo "FAIL nobody started from the list"; fail=1; }
[ -f "$tmp/h1/2026-12-07/waitlist.csv" ] && [ -f "$tmp/h1/2026-12-07/no-shows.csv" ] ||
  { echo "FAIL a week folder lacks waitlist.csv or no-shows.csv"; fail=1; }
[ "$(stat -c %a "$tmp/h1/2026-12-07/no-shows.csv")" = 600 ] || { echo "FAIL no-shows.csv is not 0600"; fail=1; }
# The page draws the run's billing, no-shows, dropouts and waiting list.
for s in billable no-shows "dropped out" waiting "started from the list"; do
  grep -q "<title>$s: " "$tmp/h1/report.html" || grep -q ">$s<" "$tmp/h1/report.html" ||
    { echo "FAIL the page has no '$s' line"; fail=1; }
done
grep -q 'id="chart-attendance"' "$tmp/h1/report.html" || { echo "FAIL no attendance chart"; fail=1; }
for h in billable no-shows "dropped out" started waiting; do
  grep -q "<th class=\"n\">$h</th>" "$tmp/h1/report.html" || { echo "FAIL the week table has no '$h'"; fail=1; }
done
# The same seed, the same bytes; another seed, other draws.
expect 0 "honest run again" -- "$bin" simulate "$tmp/small" "${honest[@]}" --out "$tmp/h2" -q
n=$((n+1)); diff -r "$tmp/h1" "$tmp/h2" >/dev/null || { echo "FAIL the same seed gave other bytes"; fail=1; }
expect 0 "honest run, seed 2" -- "$bin" simulate "$tmp/small" "${honest[@]}" --seed 2 --out "$tmp/h3" -q
n=$((n+1)); cmp -s "$tmp/h1/metrics.csv" "$tmp/h3/metrics.csv" && { echo "FAIL seed 2 drew what seed 1 drew"; fail=1; }
recount "$tmp/small" "$tmp/h3"

# --- rates of 0 are the plain run, byte for byte (no new columns, no new files)
cp -r "$src/examples/small-clinic" "$tmp/plain"
expect 0 "plain run" -- "$bin" simulate "$tmp/plain" --from 2026-11-30 --weeks 4 -t 1 --out "$tmp/p1" -q
expect 0 "rates 0" -- "$bin" simulate "$tmp/plain" --from 2026-11-30 --weeks 4 -t 1 --out "$tmp/p2" -q \
  --set no_show_rate=0 --set dropout_rate=0
n=$((n+1)); diff -r "$tmp/p1" "$tmp/p2" >/dev/null || { echo "FAIL rates of 0 changed the run"; fail=1; }
same "plain header" "$(head -1 "$tmp/p1/metrics.csv" | tr ',' '\n' | tail -1)" score
n=$((n+1)); grep -q 'chart-attendance' "$tmp/p1/report.html" && { echo "FAIL a plain run drew attendance"; fail=1; }
n=$((n+1)); grep -q '<th class="n">no-shows</th>' "$tmp/p1/report.html" && { echo "FAIL a plain run's table has no-shows"; fail=1; }
recount "$tmp/plain" "$tmp/p1"

# --- everyone drops out after the first week; everyone misses every week
mkdir -p "$tmp/all"
cat > "$tmp/all/patients.csv" <<'EOF'
id,admitted,discharge,need_skills
e1,2026-09-07,,2
e2,2026-09-07,,3
e3,2026-11-16,,1
EOF
cat > "$tmp/all/groups.csv" <<'EOF'
id,type,slots,min_size,max_size
s1,skills,mon 09:00-12:00;tue 09:00-12:00;wed 09:00-12:00,1,4
EOF
expect 0 "dropout 1" -- "$bin" simulate "$tmp/all" --from 2026-11-30 --weeks 3 --no-admissions \
  --set dropout_rate=1 --out "$tmp/d1" -q
same "active with dropout 1" "$(column active "$tmp/d1/metrics.csv")" "3 0 0"
same "dropped with dropout 1" "$(column dropped "$tmp/d1/metrics.csv")" "0 3 0"
recount "$tmp/all" "$tmp/d1"
expect 0 "no-show 1" -- "$bin" simulate "$tmp/all" --from 2026-11-30 --weeks 3 --no-admissions \
  --set no_show_rate=1 --set billable_days=3 --out "$tmp/n1" -q
same "no_shows with rate 1" "$(column no_shows "$tmp/n1/metrics.csv")" "3 3 3"
same "billable with everyone absent" "$(column billable "$tmp/n1/metrics.csv")" "0 0 0"
n=$((n+1)); grep -q ',2026-12-07,' "$tmp/n1/2026-12-07/progress.csv" 2>/dev/null &&
  { echo "FAIL a no-show earned progress"; fail=1; }
recount "$tmp/all" "$tmp/n1"
expect 0 "billing, everyone comes" -- "$bin" simulate "$tmp/all" --from 2026-11-30 --weeks 2 --no-admissions \
  --set billable_days=3 --out "$tmp/b1" -q
same "billable when everyone comes" "$(column billable "$tmp/b1/metrics.csv")" "3 3"

# --- program phases (issue 12): newcomers go to the orientation group
# (weeks_to 0) in their first week, then to the regular one (weeks_from 1)
mkdir -p "$tmp/ph"
printf '%s\n' 'id,admitted,discharge,need_orient,need_skills' 'e1,2026-09-07,,2,2' \
  'e2,2026-09-07,,2,3' 'e3,2026-09-07,,1,2' > "$tmp/ph/patients.csv"
printf '%s\n' 'id,type,slots,min_size,max_size,weeks_from,weeks_to' 'o1,orient,mon 09:00-10:00,1,10,,0' \
  's1,skills,tue 09:00-12:00,1,10,1,' > "$tmp/ph/groups.csv"
printf '%s\n' 'id,admitted,need_orient,need_skills' 'n1,2026-12-01,2,2' 'n2,2026-12-08,2,2' > "$tmp/ph/adm.csv"
expect 0 "phases" -- "$bin" simulate "$tmp/ph" --from 2026-11-30 --weeks 4 --admissions "$tmp/ph/adm.csv" --out "$tmp/pho" -q
got=""
for w in 2026-11-30 2026-12-07 2026-12-14 2026-12-21; do
  got="$got$w: $(awk -F, 'NR > 1 { print $3 ":" $2 }' "$tmp/pho/$w/rosters/$w.csv" | sort | paste -sd' ');"
done
same "phases week by week" "$got" "2026-11-30: o1:n1 s1:e1 s1:e2 s1:e3;2026-12-07: o1:n1 o1:n2 s1:e1 s1:e2 s1:e3;2026-12-14: o1:n2 s1:e1 s1:e2 s1:e3 s1:n1;2026-12-21: s1:e1 s1:e2 s1:e3 s1:n1 s1:n2;"
recount "$tmp/ph" "$tmp/pho"

# --- the waiting list: one seat frees in the second week
mkdir -p "$tmp/wl"
cat > "$tmp/wl/patients.csv" <<'EOF'
id,admitted,discharge,need_skills
a1,2026-09-07,2026-12-06,2
a2,2026-09-07,,2
EOF
cat > "$tmp/wl/groups.csv" <<'EOF'
id,type,slots,min_size,max_size
s1,skills,mon 09:00-12:00,1,2
EOF
cat > "$tmp/wl/waitlist.csv" <<'EOF'
id,requested,need_skills
w1,2026-11-20,1
w2,2026-11-25,4
EOF
expect 0 "first come" -- "$bin" simulate "$tmp/wl" --from 2026-11-30 --weeks 3 --no-admissions --out "$tmp/f" -q
same "first come: started" "$(column started "$tmp/f/metrics.csv")" "0 1 0"
same "first come: waiting" "$(column waiting "$tmp/f/metrics.csv")" "2 1 1"
same "first come: days" "$(column waiting_days "$tmp/f/metrics.csv")" "0 17 0"
same "first come: who waits" "$(cut -d, -f1 "$tmp/f/2026-12-07/waitlist.csv" | tail -n +2)" w2
recount "$tmp/wl" "$tmp/f"
expect 0 "by need" -- "$bin" simulate "$tmp/wl" --from 2026-11-30 --weeks 3 --no-admissions \
  --set waitlist_by_need=1 --out "$tmp/bn" -q
same "by need: days" "$(column waiting_days "$tmp/bn/metrics.csv")" "0 12 0"
same "by need: who waits" "$(cut -d, -f1 "$tmp/bn/2026-12-07/waitlist.csv" | tail -n +2)" w1
recount "$tmp/wl" "$tmp/bn"
checked "$tmp/bn"

# Someone away the whole first week starts the week after; the next in
# line starts first.
cp -r "$tmp/wl" "$tmp/aw"
printf '%s\n' 'id,requested,need_skills,away' 'w1,2026-11-20,1,2026-11-30..2026-12-04' \
  'w2,2026-11-21,1,' > "$tmp/aw/waitlist.csv"
printf '%s\n' 'id,admitted,discharge,need_skills' 'a1,2026-09-07,,2' > "$tmp/aw/patients.csv"
printf '%s\n' 'id,type,slots,min_size,max_size' 's1,skills,mon 09:00-12:00,1,3' > "$tmp/aw/groups.csv"
expect 0 "away on the list" -- "$bin" simulate "$tmp/aw" --from 2026-11-30 --weeks 2 --no-admissions --out "$tmp/awo" -q
same "away: started" "$(column started "$tmp/awo/metrics.csv")" "1 1"
same "away: days" "$(column waiting_days "$tmp/awo/metrics.csv")" "9 17"
recount "$tmp/aw" "$tmp/awo"

# An admission may not take a waiting person's id.
printf '%s\n' 'id,admitted,need_skills' 'w1,2026-12-02,1' > "$tmp/wl-adm.csv"
expect 65 "admission of a waiting id" -- "$bin" simulate "$tmp/wl" --from 2026-11-30 --weeks 1 --admissions "$tmp/wl-adm.csv" --out "$tmp/x"
same "waiting id message" "$(head -1 "$tmp/err")" "iop-roster: admission 'w1': the id is already on the waiting list"

# --- several seeds: each run as its own, the spread recounted
expect 0 "seeds 1-3" -- "$bin" simulate "$tmp/small" "${honest[@]}" --weeks 4 --seeds 1-3 --out "$tmp/s"
recount "$tmp/small" "$tmp/s" --seeds
grep -q '^median ' "$tmp/out" && grep -q '^min ' "$tmp/out" && grep -q '^max ' "$tmp/out" ||
  { echo "FAIL no spread table on stdout"; cat "$tmp/out"; fail=1; }
# The page shows stdout's median row, figure for figure.
med=$(awk '$1 == "median" { $1 = ""; print substr($0, 2) }' "$tmp/out" | tr -s ' ')
page=$(grep -o '<tr><td><b>median</b></td>.*</tr>' "$tmp/s/report.html" | sed 's/<[^>]*>/ /g' | tr -s ' ' | sed 's/^ median //; s/ $//')
same "the page's median row" "$page" "$med"
expect 0 "seed 2 alone" -- "$bin" simulate "$tmp/small" "${honest[@]}" --weeks 4 --seed 2 --out "$tmp/s2" -q
n=$((n+1)); diff -r "$tmp/s2" "$tmp/s/seed-2" >/dev/null || { echo "FAIL seed-2 differs from --seed 2"; fail=1; }
expect 64 "seeds backwards" -- "$bin" simulate "$tmp/small" --seeds 5-3
same "seeds message" "$(head -1 "$tmp/err")" "iop-roster simulate: --seeds '5-3' is not a range of seeds like 1-10 (at most 100)"
expect 64 "seed and seeds" -- "$bin" simulate "$tmp/small" --seed 1 --seeds 1-3
same "seed and seeds message" "$(head -1 "$tmp/err")" "iop-roster simulate: --seed and --seeds exclude each other"

# --- waitlist.csv's bad rows, each with its place and patients.csv's words
cp -r "$tmp/wl" "$tmp/bad"
cat > "$tmp/bad/waitlist.csv" <<'EOF'
id,admitted,requested,need_skills,need_yoga
w1,2026-11-02,2026-11-20,1,0
w2,,11/25/2026,5,0
a1,,2026-11-20,1,0
w1,,2026-11-21,1,0
w5,,,1,0
EOF
expect 65 "bad waitlist" -- "$bin" simulate "$tmp/bad" --from 2026-11-30 --weeks 1 --out "$tmp/x"
w="iop-roster: $tmp/bad/waitlist.csv"
same "bad waitlist messages" "$(cat "$tmp/err")" "$w:1:5: need_yoga: type 'yoga' is not in patients.csv (a new type is added to patients.csv and groups.csv, not by an admission)
$w:2:2: admitted: a waiting patient is not admitted yet: leave it empty
$w:3:3: requested: '11/25/2026' is not a date (YYYY-MM-DD): write it as '2026-11-25'
$w:3:4: need_skills: '5' is not in 0..4
$w:4:1: id: 'a1' is already a patient in patients.csv
$w:5:1: id: duplicate id 'w1' (first on line 2)
$w:6:3: requested: missing value"
printf 'id,need_skills\nw1,1\n' > "$tmp/bad/waitlist.csv"
expect 65 "waitlist without requested" -- "$bin" simulate "$tmp/bad" --from 2026-11-30 --weeks 1 --out "$tmp/x"
same "no requested message" "$(cat "$tmp/err")" "$w:1: missing required column 'requested'"
n=$((n+1)); [ -e "$tmp/x" ] && { echo "FAIL a refused waiting list wrote output"; fail=1; }

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
