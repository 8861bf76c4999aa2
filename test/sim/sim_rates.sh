#!/usr/bin/env bash
# sim_rates.sh -- simulate's no-show and dropout rates measured from the
# clinic's attendance history (issue 14), on the small example with three
# recorded weeks (test/data/sim-history): its golden roster of 2026-11-30
# and the same groups one and two weeks earlier for the 31 patients
# admitted by 2026-11-16 who stay past 2026-12-06.
#
# By hand, from attendance.csv (everyone present but):
#   2026-11-16: p005, p010 absent at every session          31 patients
#   2026-11-23: p010, p011 absent at every session; p012     31 patients
#               absent once (not a no-show); p013 absent and
#               excused (not a no-show: `excused` is no absence)
#   2026-11-30: p011 absent at every session; p010 no rows    33 of 35
#               (records stop); p020 no rows (not recorded)
# Recorded patient-weeks 31 + 31 + 33 = 95; no-shows 2 + 2 + 1 = 5, so the
# rate is 5/95. Dropouts: p010 (two missed weeks, then no records while
# the history goes on; discharge 2026-12-26, after it); p011's
# two missed weeks are the history's last, so not (yet) a dropout: 1/95.
set -u
bin=$1; src=$2
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

same() { # same DESCRIPTION GOT WANT
  n=$((n+1))
  [ "$2" = "$3" ] || { printf 'FAIL %s:\n  got  %s\n  want %s\n' "$1" "$2" "$3"; fail=1; }
}
setting() { # setting NAME FILE: a settings.csv value, or "none"
  awk -F, -v name="$1" '$1 == name { v = $2 } END { print (v == "" ? "none" : v) }' "$2"
}
run() { # run CLINIC OUT [OPTIONS...]: stdout's rate lines into $tmp/said
  local c=$1 out=$2; shift 2
  n=$((n+1))
  "$bin" simulate "$c" --from 2026-12-07 --weeks 2 -t 1 --seed 7 --out "$out" "$@" \
    >"$tmp/stdout" 2>"$tmp/err" || { echo "FAIL simulate $c $*: exit $?"; head -3 "$tmp/err"; fail=1; }
  grep ' rate ' "$tmp/stdout" >"$tmp/said" || true
}

cp -r "$src/examples/small-clinic" "$tmp/plain"
cp "$src/test/data/golden/small-clinic/2026-11-30.csv" "$tmp/plain/rosters/"
cp -r "$tmp/plain" "$tmp/hist"
cp "$src/test/data/sim-history/attendance.csv" "$tmp/hist/"
cp "$src/test/data/sim-history/rosters/"*.csv "$tmp/hist/rosters/"

# --- measured: the hand-computed figures, used by the run and written
run "$tmp/hist" "$tmp/m1"
same "measured lines" "$(cat "$tmp/said")" \
"no-show rate 0.05, measured from 95 recorded patient-weeks (5 missed the whole week)
dropout rate 0.01, measured from 95 recorded patient-weeks (1 patient's records stop)"
same "week folder no_show_rate" "$(setting no_show_rate "$tmp/m1/2026-12-07/settings.csv")" \
  "$(python3 -c 'print("%.17g" % (5/95))')"
same "week folder dropout_rate" "$(setting dropout_rate "$tmp/m1/2026-12-07/settings.csv")" \
  "$(python3 -c 'print("%.17g" % (1/95))')"
n=$((n+1))
grep -qF '<p class="rates">no-show rate 0.05, measured from 95 recorded patient-weeks (5 missed the whole week)</p>' \
  "$tmp/m1/report.html" || { echo "FAIL the page does not say where the no-show rate came from"; fail=1; }
n=$((n+1))
head -1 "$tmp/m1/metrics.csv" | grep -q no_shows || { echo "FAIL no no_shows column"; fail=1; }

# --- same seed, same bytes
run "$tmp/hist" "$tmp/m2"
n=$((n+1))
diff -r "$tmp/m1" "$tmp/m2" >/dev/null || { echo "FAIL same seed, different bytes"; fail=1; }

# --- settings.csv beats the history; --set beats it too
cp -r "$tmp/hist" "$tmp/set"
echo "no_show_rate,0.2" >>"$tmp/set/settings.csv"
run "$tmp/set" "$tmp/s1"
same "settings.csv wins" "$(cat "$tmp/said")" \
"no-show rate 0.20 from the settings (the attendance history shows 0.05 over 95 recorded patient-weeks)
dropout rate 0.01, measured from 95 recorded patient-weeks (1 patient's records stop)"
same "settings.csv's rate kept" "$(setting no_show_rate "$tmp/s1/2026-12-07/settings.csv")" 0.2
run "$tmp/hist" "$tmp/s2" --set dropout_rate=0 --set NO_SHOW_RATE=0.1
same "--set wins" "$(cat "$tmp/said")" \
"no-show rate 0.10 from the settings (the attendance history shows 0.05 over 95 recorded patient-weeks)
dropout rate 0.00 from the settings (the attendance history shows 0.01 over 95 recorded patient-weeks)"
same "--set dropout_rate=0 kept" "$(setting dropout_rate "$tmp/s2/2026-12-07/settings.csv")" none

# --- no history: rates 0, nothing said, the run it always was
run "$tmp/plain" "$tmp/p1"
same "no history says nothing" "$(cat "$tmp/said")" ""
n=$((n+1))
! grep -q 'class="rates"' "$tmp/p1/report.html" || { echo "FAIL no history, yet the page names rates"; fail=1; }
same "no history: no no_show_rate" "$(setting no_show_rate "$tmp/p1/2026-12-07/settings.csv")" none
# a recorded history of the weeks from the first on does not count
run "$tmp/hist" "$tmp/late" --from 2026-11-16
n=$((n+1))
[ ! -s "$tmp/said" ] || { echo "FAIL records of simulated weeks were measured"; cat "$tmp/said"; fail=1; }

[ $fail -eq 0 ] && echo "ok: $n checks"
exit $fail
