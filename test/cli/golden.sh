#!/usr/bin/env bash
# golden.sh -- plan each example clinic and compare the files with test/data/golden/.
# IOP_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
set -u
bin=$1; src=$2
week=2026-11-30
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for clinic in small-clinic large-clinic billing-clinic; do
  [ -d "$src/examples/$clinic" ] || { echo "missing example $clinic"; exit 1; }
  cp -r "$src/examples/$clinic" "$tmp/$clinic"
  rm -f "$tmp/$clinic/rosters/$week".*
  "$bin" plan "$tmp/$clinic" --week "$week" --quiet --time-limit 60
  rc=$?
  if [ $rc -ne 0 ]; then echo "FAIL $clinic: plan exited $rc"; fail=1; continue; fi
  # Every written roster must pass the rule checker.
  if ! "$bin" check "$tmp/$clinic" "$tmp/$clinic/rosters/$week.csv" --quiet; then
    echo "FAIL $clinic: check rejects the planned roster"; fail=1
  fi
  for f in "$week.csv" "$week.unmet.csv" "$week.attendance.csv"; do
    expected="$src/test/data/golden/$clinic/$f"
    if [ "${IOP_UPDATE_GOLDEN:-0}" = 1 ]; then
      mkdir -p "$(dirname "$expected")"; cp "$tmp/$clinic/rosters/$f" "$expected"; continue
    fi
    if ! cmp -s "$expected" "$tmp/$clinic/rosters/$f"; then
      echo "FAIL $clinic: rosters/$f differs from test/data/golden/$clinic/$f"
      diff "$expected" "$tmp/$clinic/rosters/$f" | head -20
      fail=1
    fi
  done
done
[ $fail = 0 ] && echo "golden: 3 clinics match"
exit $fail
