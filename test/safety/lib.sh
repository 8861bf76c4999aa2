# lib.sh -- shared by the safety tests: sourced, never run.
# shellcheck shell=bash
#
# Every test is run by meson as `bash TEST.sh IOP_ROSTER CSV_SCAN`; it works
# in a fresh temporary folder that is removed at exit, prints what it checks,
# and exits 0 (pass), 77 (skipped) or 1 (fail, with the reason on stderr).
set -euo pipefail
export LC_ALL=C

# meson passes paths relative to the build folder; the tests cd elsewhere.
iop=$(realpath "${1:?usage: TEST.sh IOP_ROSTER CSV_SCAN}")
csv_scan=$(realpath "${2:?usage: TEST.sh IOP_ROSTER CSV_SCAN}")
work=$(mktemp -d "${TMPDIR:-/tmp}/iop-safety.XXXXXX")
cleanup() {
  # Children we started must not outlive the test.
  local pids
  pids=$(jobs -p)
  [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

week=2026-11-30
previous_week=2026-11-23

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

skip() {
  echo "SKIP: $*"
  exit 77
}

say() {
  echo "# $*"
}

# mode_of FILE: the permission bits in octal, e.g. 600.
mode_of() {
  stat -c %a "$1"
}

# True when the tool was built with AddressSanitizer (it reserves terabytes
# of address space, so `ulimit -v` tests cannot run under it).
built_with_asan() {
  grep -aq __asan_init "$iop"
}

# small_clinic DIR: a hand-made clinic that plans in well under a second:
# 24 patients, 8 groups of three types, label and timed slots, tags and
# `requires`, a separation, a pin, a previous roster.
small_clinic() {
  local dir=$1
  mkdir -p "$dir/rosters"
  {
    echo "id,admitted,available,tags,need_education,need_skills,need_support,name"
    local i
    for i in $(seq 1 24); do
      local avail="" tags=""
      [ $((i % 3)) -eq 0 ] && avail="mon-eve;wed-eve;thu 17:00-21:00"
      [ $((i % 2)) -eq 0 ] && tags="women"
      printf 'p%02d,2026-%02d-%02d,%s,%s,%d,%d,%d,Patient Name %02d\n' "$i" \
        $((9 + i % 3)) $((1 + i % 27)) "$avail" "$tags" \
        $((i % 5)) $(((i + 2) % 5)) $(((i * 7) % 5)) "$i"
    done
  } >"$dir/patients.csv"
  cat >"$dir/groups.csv" <<'CSV'
id,type,slots,hours,min_size,max_size,requires,facilitator
edu-a,education,mon 09:00-11:00;wed 09:00-11:00,,3,10,,fac-1
edu-b,education,mon-eve;wed-eve,6,3,10,,fac-2
sk-a,skills,tue 09:00-12:00,,3,8,,fac-1
sk-b,skills,thu 18:00-20:00,,3,8,,fac-2
sk-w,skills,mon 13:00-15:00,,3,8,women,fac-3
sup-a,support,fri 09:00-11:00,,3,10,,fac-3
sup-b,support,wed-eve,3,3,10,,fac-1
sup-w,support,thu 17:00-19:00,,3,10,women,fac-3
CSV
  printf 'patient_a,patient_b\np01,p02\n' >"$dir/separations.csv"
  printf 'patient,group,rule\np04,sk-w,never\n' >"$dir/pins.csv"
  printf 'setting,value\ntime_limit,20\n' >"$dir/settings.csv"
  printf 'week,patient,group\n%s,p01,edu-a\n%s,p05,sk-a\n' \
    "$previous_week" "$previous_week" >"$dir/rosters/$previous_week.csv"
}

# large_clinic DIR: ~1000 patients and ~250 groups, big enough that plan
# searches until its time limit. Uses `iop-roster example --size L` when
# the tool has it, else an awk generator with the same flavour.
large_clinic() {
  local dir=$1
  if "$iop" example "$dir" --size L --week "$week" >/dev/null 2>&1 &&
     [ -f "$dir/patients.csv" ]; then
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir/rosters"
  awk -v dir="$dir" -v seed=42 'BEGIN {
    srand(seed)
    types[0] = "education"; types[1] = "skills"; types[2] = "support"; types[3] = "communication"
    split("mon tue wed thu fri", days, " ")
    f = dir "/groups.csv"
    print "id,type,slots,hours,min_size,max_size,requires,facilitator" > f
    for (g = 0; g < 250; g++) {
      t = types[g % 4]
      d = days[1 + int(rand() * 5)]
      if (rand() < 0.3) {
        slots = d "-eve"
      } else {
        h = 8 + int(rand() * 9)
        slots = sprintf("%s %02d:00-%02d:30", d, h, h + 1)
      }
      req = rand() < 0.1 ? "women" : ""
      printf "g%03d,%s,%s,%d,4,12,%s,fac-%02d\n", g, t, slots, 1 + int(rand() * 3), req, int(rand() * 60) > f
    }
    f = dir "/patients.csv"
    print "id,admitted,available,tags,need_education,need_skills,need_support,need_communication,name" > f
    for (p = 0; p < 1000; p++) {
      avail = ""
      if (rand() < 0.25) avail = "mon-eve;tue-eve;wed-eve;thu-eve;fri-eve"
      tags = rand() < 0.5 ? "women" : ""
      printf "P%04d,2026-%02d-%02d,%s,%s,%d,%d,%d,%d,Name %04d\n", p, 6 + int(rand() * 6), \
        1 + int(rand() * 28), avail, tags, int(rand() * 5), int(rand() * 5), \
        int(rand() * 5), int(rand() * 5), p > f
    }
    f = dir "/separations.csv"
    print "patient_a,patient_b" > f
    for (s = 0; s < 40; s++) printf "P%04d,P%04d\n", 2 * s, 2 * s + 1 > f
  }'
}

# unmet_consistent ROSTER UNMET NEEDS: the (patient, type) pairs met by
# ROSTER and those listed in UNMET do not overlap and together are exactly
# NEEDS (a sorted "patient<TAB>type" list from a run known to be whole).
# A roster paired with another run's unmet file fails this.
unmet_consistent() {
  local roster=$1 unmet=$2 needs=$3
  "$csv_scan" column "$roster" patient type | sort >"$work/.met"
  "$csv_scan" column "$unmet" patient type | sort >"$work/.unmet"
  [ -z "$(comm -12 "$work/.met" "$work/.unmet")" ] || return 1
  sort -m "$work/.met" "$work/.unmet" | cmp -s - "$needs"
}

# needs_of ROSTER UNMET > FILE: the sorted pairs of a whole run.
needs_of() {
  { "$csv_scan" column "$1" patient type; "$csv_scan" column "$2" patient type; } | sort
}
