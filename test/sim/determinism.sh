#!/usr/bin/env bash
# determinism.sh -- issue 13: a plan cut short by its work budget writes the
# same bytes (roster, unmet needs, report) run plainly, under nice -n 19, and
# beside two CPU-bound plans of another clinic; its summary says the work
# budget ended it. A plan the time limit cuts says it was the safety stop.
# Budgets are small enough that column generation (M1) or the restricted
# master (m101) does not finish.
set -u
bin=$1; src=$2
week=2026-11-30
fail=0
tmp=$(mktemp -d)
loaders=()
cleanup() {
  rm -f "$tmp/loading"
  [ ${#loaders[@]} -eq 0 ] || wait "${loaders[@]}" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
out=$tmp/out
mkdir "$out"

"$bin" example "$tmp/M1" --size M --seed 1 --week "$week" >/dev/null || { echo "FAIL example M1"; exit 1; }
"$bin" example "$tmp/load" --size M --seed 2 --week "$week" >/dev/null || { echo "FAIL example load"; exit 1; }
cp -r "$src/bench/clinics/m101" "$tmp/m101"

# run CLINIC KTICKS TAG [PREFIX...]: plan into $out/TAG/CLINIC.{csv,unmet.csv,html,txt}
# (one name in every folder: the report names its roster file); --verbose
# for the summary's details, where the stopped: line stands
run() {
  local clinic=$1 work=$2 tag=$3
  shift 3
  mkdir -p "$out/$tag"
  "$@" "$bin" plan "$tmp/$clinic" --week "$week" --no-advice --work "$work" --time-limit 300 \
    --out "$out/$tag/$clinic.csv" --verbose >"$out/$tag/$clinic.txt" 2>"$out/$tag/$clinic.log" ||
    { echo "FAIL $clinic $tag: plan exited $?"; fail=1; }
}

# Two CPU-bound plans of another clinic, over and over, until the flag goes.
start_load() {
  touch "$tmp/loading"
  for i in 1 2; do
    ( while [ -e "$tmp/loading" ]; do
        "$bin" plan "$tmp/load" --week "$week" --no-advice --quiet --work 1e9 --time-limit 60 \
          --out "$out/load$i.csv" >/dev/null 2>&1
      done ) &
    loaders+=($!)
  done
}

same() { # clinic tag
  local clinic=$1 tag=$2
  for ext in csv unmet.csv html; do
    cmp -s "$out/plain/$clinic.$ext" "$out/$tag/$clinic.$ext" ||
      { echo "FAIL $clinic: the $ext under $tag differs from the plain run"; fail=1; }
  done
}

for spec in M1:80 m101:600; do
  clinic=${spec%%:*}; work=${spec#*:}
  run "$clinic" "$work" plain
  grep -q "^  stopped: work budget used (.* of $work kticks)$" "$out/plain/$clinic.txt" ||
    { echo "FAIL $clinic: the summary does not say the work budget ended it:"; cat "$out/plain/$clinic.txt"; fail=1; }
  grep -q "work budget used (.* of $work kticks); a better roster may exist\." "$out/plain/$clinic.html" ||
    { echo "FAIL $clinic: the report does not say the work budget ended it"; fail=1; }
  run "$clinic" "$work" nice nice -n 19
  same "$clinic" nice
done
start_load
for spec in M1:80 m101:600; do
  clinic=${spec%%:*}; work=${spec#*:}
  run "$clinic" "$work" loaded
  same "$clinic" loaded
done
rm -f "$tmp/loading"
wait "${loaders[@]}" 2>/dev/null
loaders=()

# JSON says the same: "ended_by": "work".
"$bin" plan "$tmp/M1" --week "$week" --no-advice --work 80 --time-limit 300 \
  --out "$out/json.csv" --format json >"$out/json.txt"
grep -q '"ended_by": *"work"' "$out/json.txt" ||
  { echo "FAIL json: no \"ended_by\": \"work\""; cat "$out/json.txt"; fail=1; }

# A tiny time limit and a huge budget: the clock ends it, and says so.
"$bin" plan "$tmp/m101" --week "$week" --no-advice --work 1e9 --time-limit 0.3 \
  --out "$out/clock.csv" --verbose >"$out/clock.txt" 2>/dev/null || { echo "FAIL clock: plan exited $?"; fail=1; }
grep -qx "  stopped: time limit, the safety stop; a re-run may differ" "$out/clock.txt" ||
  { echo "FAIL clock: the summary does not name the safety stop:"; cat "$out/clock.txt"; fail=1; }

[ $fail = 0 ] && echo "determinism: cut-short runs match plain, niced and loaded"
exit $fail
