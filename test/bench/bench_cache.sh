#!/usr/bin/env bash
# bench_cache.sh -- bench/compare's baseline cache and its "behind" line,
# with CBC and HiGHS faked by tiny scripts (neither needs to be installed):
# a cached row is reused while the model, solver version and limit match;
# the key changes with the model bytes and with the version;
# --fresh-baselines runs again; a baseline scoring more makes iop-roster's
# family line say "behind"; bench/all appends one dated section.
# usage: bench_cache.sh IOP_ROSTER SOURCE_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
compare=$2/bench/compare
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/fake"
# Each fake run appends a line to runs.log, so a reused row adds none.
cat > "$tmp/fake/cbc" <<'EOF'
#!/usr/bin/env bash
if [ $# -eq 0 ]; then cat >/dev/null; echo "Version: ${FAKE_CBC_VERSION:-9.9.1}"; exit 0; fi
echo "cbc $1" >>"$FAKE_LOG"
[ -f "$1" ] || { echo "cannot open $1"; exit 1; }
echo "Result - Optimal solution found"
echo "Objective value:                ${FAKE_SCORE:-1}.00000000"
EOF
cat > "$tmp/fake/highs" <<'EOF'
#!/usr/bin/env bash
if [ "$1" = --version ]; then echo fake-highs-2; exit 0; fi
echo "highs $1" >>"$FAKE_LOG"
[ -f "$1" ] || { echo "failed nan -"; exit 1; }
echo "Optimal ${FAKE_SCORE:-1}.00 0.01"
EOF
chmod +x "$tmp/fake/cbc" "$tmp/fake/highs"
export PATH=$tmp/fake:$PATH IOP_ROSTER=$bin IOP_BENCH_WORK=$tmp/work
export IOP_BENCH_HIGHS=$tmp/fake/highs FAKE_LOG=$tmp/runs.log
: >"$FAKE_LOG"
clinic() { # seed: (re)generate the clinic S1 from that seed
  rm -rf "$tmp/S1"
  "$bin" example "$tmp/S1" --size tiny --seed "$1" --week 2026-11-30 >/dev/null ||
    bad "example --seed $1 exited $?"
}
runs() { wc -l <"$FAKE_LOG" | tr -d ' '; }
compare() { "$compare" --limits 1 --family S --out "$tmp/results.md" "$@" "$tmp/S1" >"$tmp/out.txt" 2>&1 ||
  bad "compare $* exited $?"; }

clinic 1
compare
[ "$(runs)" = 2 ] || bad "first run: $(runs) solver runs, want 2 (CBC and HiGHS)"
grep -q 'cached' "$tmp/out.txt" && bad "first run says cached"
grep -q '^S iop-roster: optimum at 1 s on 1 of 1, slowest proof [0-9.]* s, 0 not proven within 1 s; never behind CBC or HiGHS$' "$tmp/out.txt" ||
  bad "no 'never behind' line: $(grep iop-roster: "$tmp/out.txt")"
ls "$tmp/work/baselines"/*/cbc-9.9.1-1s >/dev/null 2>&1 || bad "no cbc-9.9.1-1s entry in the cache"

compare
[ "$(runs)" = 2 ] || bad "same model again: $(runs) solver runs, want still 2"
grep -q '^| S | S1 | CBC 2.10 (cached, measured [0-9-]* [0-9:]* UTC, load [0-9.]*) | 1 | [0-9.]* | ' "$tmp/out.txt" ||
  bad "CBC row not reused: $(grep CBC "$tmp/out.txt" | head -1)"
grep -q '^| S | S1 | HiGHS 1.15 wasm (cached, measured ' "$tmp/out.txt" || bad "HiGHS row not reused"

FAKE_CBC_VERSION=9.9.2 compare
[ "$(runs)" = 3 ] || bad "another CBC version: $(runs) solver runs, want 3 (CBC again only)"

clinic 2
keys0=$(ls "$tmp/work/baselines" | wc -l)
compare
[ "$(runs)" = 5 ] || bad "another model: $(runs) solver runs, want 5"
keys1=$(ls "$tmp/work/baselines" | wc -l)
[ "$keys1" -gt "$keys0" ] || bad "another model kept the same cache key ($keys0 model folders, then $keys1)"
grep -q cached "$tmp/out.txt" && bad "another model reused a cached row"

FAKE_SCORE=1000000 compare --fresh-baselines
[ "$(runs)" = 7 ] || bad "--fresh-baselines: $(runs) solver runs, want 7"
grep -q '^| S | S1 | CBC 2.10 | 1000000 | [0-9.]* | ' "$tmp/out.txt" || bad "fresh CBC row: $(grep CBC "$tmp/out.txt")"
grep -q '^S iop-roster: .*; behind CBC/HiGHS at some limit: clinics S1 (CBC at 1 s; HiGHS at 1 s)$' "$tmp/out.txt" ||
  bad "no 'behind' line: $(grep iop-roster: "$tmp/out.txt")"
# and the fresh result replaced the cached one
compare
[ "$(runs)" = 7 ] || bad "after --fresh-baselines: $(runs) solver runs, want still 7"
grep -q '^| S | S1 | CBC 2.10 (cached, .*) | 1000000 |' "$tmp/out.txt" || bad "fresh result not cached"

# a clinic that does not plan exports no model: no roster from anyone,
# nothing cached, and the table still comes out
clinic 1
printf 'id,name\n' >"$tmp/S1/groups.csv"
keys0=$(ls "$tmp/work/baselines" | wc -l)
compare
grep -q '^| S | S1 | iop-roster | none | - | ' "$tmp/out.txt" || bad "broken clinic: $(grep iop-roster "$tmp/out.txt" | head -1)"
grep -q '^| S | S1 | CBC 2.10 | none | - | ' "$tmp/out.txt" || bad "broken clinic, CBC: $(grep 'CBC' "$tmp/out.txt" | head -1)"
[ "$(ls "$tmp/work/baselines" | wc -l)" = "$keys0" ] || bad "broken clinic: something was cached"
[ "$(grep -c '^## ' "$tmp/results.md")" = 7 ] || bad "results.md: want 7 dated sections"

# bench/all: one dated section with the commit, the load and a summary
# line per family (b201-b203 here; a fake baseline scoring more than any
# roster makes every clinic "behind")
FAKE_SCORE=1000000 "$2/bench/all" --families b --out "$tmp/all.md" >"$tmp/all.txt" 2>"$tmp/all.err" ||
  bad "bench/all exited $?: $(cat "$tmp/all.err")"
[ "$(grep -c '^## ' "$tmp/all.md")" = 1 ] || bad "bench/all: want one dated section"
grep -q '^## .* UTC — bench/all (b, --jobs 1) — .*, commit .*, load average [0-9. ]* at the start, [0-9. ]* at the end$' \
  "$tmp/all.md" || bad "bench/all heading: $(grep '^## ' "$tmp/all.md")"
grep -q '^- b iop-roster: optimum at 2 s on [0-3] of 3, .*; behind CBC/HiGHS at some limit: clinics b201 (CBC at 2, 10, 30 s; HiGHS at 2, 10, 30 s), b202 (.*), b203 (.*)$' \
  "$tmp/all.md" || bad "bench/all summary: $(grep 'iop-roster:' "$tmp/all.md" | head -1)"
cmp -s "$tmp/all.md" "$tmp/all.txt" && true || bad "bench/all printed something else than it appended"
[ "$fail" = 0 ] && echo "ok: baseline cache, behind line, bench/all"
exit "$fail"
