#!/usr/bin/env bash
# view_cli.sh -- explain, diff and plan's report from the outside: help and
# usage errors, exit codes, JSON that parses, and hostile text. The fixture
# test/data/hostile-clinic has ids, display names, a type, labels, tags and
# facilitators made of HTML ("<script>", "<img onerror>", quotes, "&"): the
# report must show them all as text, and no display name may reach stdout or
# stderr of any command (ids only).
# usage: view_cli.sh IOP_ROSTER SOURCE_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2
week=2026-11-30
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# expect CODE CMD...: runs CMD, output to out.txt / err.txt, checks the code.
expect() {
  local want=$1; shift
  "$@" >out.txt 2>err.txt
  local rc=$?
  [ $rc = "$want" ] || { bad "'$*' exited $rc, expected $want"; cat err.txt | head -5; }
}

for cmd in explain diff; do
  expect 0 "$bin" $cmd --help
  grep -q "^usage: iop-roster $cmd" out.txt || bad "$cmd --help does not print usage on stdout"
  [ -s err.txt ] && bad "$cmd --help wrote to stderr"
  expect 64 "$bin" $cmd --no-such-option
  grep -q "Try 'iop-roster $cmd --help'" err.txt || bad "$cmd: bad option gives no hint"
  expect 64 "$bin" $cmd --format xml a b
done
expect 64 "$bin" explain only-a-folder
expect 64 "$bin" diff one.csv
expect 64 "$bin" plan x --format yaml
expect 66 "$bin" diff missing-old.csv missing-new.csv

cp -r "$src/test/data/hostile-clinic" hc
expect 66 "$bin" explain hc --week $week p3
grep -q "run 'iop-roster plan' first" err.txt || bad "explain without a roster does not say to plan first"

# Plan the hostile clinic; every output of every command is checked for names.
names=('<img src=x onerror=alert(1)>' '<script>alert(2)</script>' "O'Brien" 'Zoë')
no_names() {
  local n
  for n in "${names[@]}"; do
    grep -qF -- "$n" out.txt err.txt && bad "$1 printed the display name '$n'"
  done
}
expect 0 "$bin" plan hc --week $week --time-limit 20
no_names plan
expect 0 "$bin" plan hc --week $week --time-limit 20 --format json
no_names "plan --format json"
jq -e '.week == "'$week'" and (.needs | length) == 2 and .files.report != null' out.txt >/dev/null ||
  bad "plan --format json is not the expected JSON"
report=hc/rosters/$week.html

# Every hostile text is escaped in the report: no tag of ours is <script>,
# <img>, <u>, <i> or <em>, and the texts are there as entities.
if grep -qE '<(script|img|u|i|em)[ >/]' "$report"; then
  bad "raw markup from the clinic's files in the report:"
  grep -oE '.{0,30}<(script|img|u|i|em)[ >/].{0,30}' "$report" | head -5
fi
for text in '&lt;img src=x onerror=alert(1)&gt;' '&lt;script&gt;alert(2)&lt;/script&gt;' \
            'O&#39;Brien &amp; &lt;Sons&gt;' 'Zoë &quot;Z&quot; &lt;z&gt;' \
            'p&lt;b&gt;1&lt;/b&gt;' 'p&quot;2&#39;&amp;amp;' 'g&quot;&lt;i&gt;&amp;&#39;' \
            'g2&amp;amp;' '&lt;u&gt;skills' '&lt;b&gt;eve&lt;/b&gt;' \
            '&lt;script&gt;alert(3)&lt;/script&gt;' 'Dr &lt;em&gt;Who&lt;/em&gt;'; do
  grep -qF -- "$text" "$report" || bad "the report lacks the escaped text '$text'"
done
# Attribute values (anchors) hold only letters, digits and '-'.
grep -oE 'id="group-[^"]*"' "$report" | grep -vqE '^id="group-[A-Za-z0-9-]*"$' &&
  bad "a group anchor holds unsafe characters"

for p in 'p<b>1</b>' "p\"2'&amp;" p3 p4 p5; do
  expect 0 "$bin" explain hc --week $week "$p"
  no_names "explain '$p'"
  grep -qF -- "$p, week $week" out.txt || bad "explain '$p' does not name the patient by id"
  expect 0 "$bin" explain hc --week $week "$p" --format json
  no_names "explain '$p' --format json"
  jq -e --arg p "$p" '.patient == $p and (.types | length) == 2' out.txt >/dev/null ||
    bad "explain '$p' --format json is not the expected JSON"
done
expect 64 "$bin" explain hc --week $week nobody
# p4 and p5 are separated: explain names the partner by id.
expect 0 "$bin" explain hc --week $week p4 --format json
jq -e '[.types[].groups[] | select(.cause == "separation") | .with_patient] | all(. == "p5")' \
  out.txt >/dev/null || bad "explain p4: separation does not name p5"

# diff: no previous roster in hc, so compare the roster with itself and with
# an edited copy.
r=hc/rosters/$week.csv
expect 0 "$bin" diff "$r" "$r"
grep -q '^0 joined, 0 moved, 0 left' out.txt || bad "a roster differs from itself"
{ head -1 "$r"; tail -n +3 "$r"; } >edited.csv
expect 0 "$bin" diff "$r" edited.csv --format json
no_names diff
jq -e '.left == 1 and .joined == 0 and .moved == 0 and (.changes[0].change == "left")' out.txt >/dev/null ||
  bad "diff does not see the one removed row"
printf 'patient,group\np1,g1\np2,g1\n' >old.csv
printf 'patient,group\np1,g2\np3,g1\n' >new.csv
expect 0 "$bin" diff old.csv new.csv
grep -q '^2 joined, 0 moved, 2 left, 0 kept; 1 patient new, 1 gone$' out.txt ||
  bad "diff without a type column: $(tail -1 out.txt)"
printf 'patient,group,type\np1,g1,a\np2,g1,a\n' >old.csv
printf 'patient,group,type\np1,g2,a\np3,g1,a\n' >new.csv
expect 0 "$bin" diff old.csv new.csv
grep -q '^moved   p1 .* g1 -> g2$' out.txt || bad "diff does not see p1 move"
printf 'patient,group,type\np1,,a\n' >broken.csv
expect 65 "$bin" diff old.csv broken.csv
grep -q 'broken.csv:2:2: group: empty cell' err.txt || bad "diff: empty cell message: $(cat err.txt)"

[ $fail = 0 ] && echo "view cli: explain, diff and the report's escaping pass"
exit $fail
