#!/usr/bin/env bash
# report_browser.sh -- the weekly report of the example clinic in a real
# browser: Debian's chromium, headless, prints it to PDF and takes desktop and
# phone screenshots. Checks that every running group's sign-in sheet starts a
# page of its own and fits on it (one group per page), that nothing before
# the sheets is a sheet, and that both charts are drawn (their colours are on
# the rendered pages). The PDF, its pages as PNG and the screenshots are kept
# under BUILD/test/artifacts/report/. Exits 77 (skip) without chromium or
# poppler-utils. Then the simulate page (issue 11, printing): every column of
# its week table on paper, landscape when too wide for portrait, every type
# in the groups chart's legend; and a table of 40 columns (GRID_PAGE writes
# it) printed in parts with no column lost.
# usage: report_browser.sh IOP_ROSTER SOURCE_ROOT PPM_COLOUR ARTIFACT_DIR GRID_PAGE
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2; ppm=$3; art=$4; grid=$5
week=2026-11-30
chrome=$(command -v chromium || command -v chromium-browser || true)
for tool in pdfinfo pdftoppm pdftotext; do
  command -v $tool >/dev/null || chrome=
done
if [ -z "$chrome" ]; then
  echo "skip: needs chromium and poppler-utils (apt-get install chromium poppler-utils)"
  exit 77
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cp -r "$src/examples/small-clinic" "$tmp/small-clinic"
rm -f "$tmp/small-clinic/rosters/$week".*
"$bin" plan "$tmp/small-clinic" --week $week --quiet --time-limit 60 --advice-time 30 ||
  { echo "FAIL: plan exited $?"; exit 1; }
html=$tmp/small-clinic/rosters/$week.html

rm -rf "$art"; mkdir -p "$art"
browse() {
  timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" --hide-scrollbars "$@" "file://$html" \
    >>"$tmp/chromium.log" 2>&1
}
browse --no-pdf-header-footer --print-to-pdf="$art/report.pdf"
if [ ! -s "$art/report.pdf" ]; then
  tail -20 "$tmp/chromium.log"; echo "FAIL: chromium wrote no PDF"; exit 1
fi
browse --window-size=1100,3200 --screenshot="$art/desktop.png"
browse --window-size=390,2400 --screenshot="$art/phone.png"
[ -s "$art/desktop.png" ] || bad "no desktop screenshot"
[ -s "$art/phone.png" ] || bad "no phone screenshot"

# The running groups, in the order of their sheets.
groups=$(grep -o '<section class="sheet" id="[^"]*">' "$html" | wc -l)
[ "$groups" -gt 0 ] || bad "the report has no sign-in sheet"
mapfile -t heads < <(grep -A1 '<section class="sheet"' "$html" | sed -n 's/^<h2>\(.*\) &#183; .*<\/h2>$/\1/p')
[ "${#heads[@]}" = "$groups" ] || bad "found ${#heads[@]} sheet headings for $groups sheets"

pages=$(pdfinfo "$art/report.pdf" | sed -n 's/^Pages: *//p')
first=0
for ((p = 1; p <= pages; p++)); do
  top=$(pdftotext -f $p -l $p -layout "$art/report.pdf" - | grep -v '^[[:space:]]*$' | head -1 | sed 's/^ *//')
  case "$top" in "${heads[0]} · "*) first=$p; break;; esac
done
[ $first -gt 1 ] || bad "no page starts with the first sheet '${heads[0]}' after the overview"
# One group per page: the sheets fill exactly the last $groups pages.
[ $((pages - first + 1)) = "$groups" ] ||
  bad "$pages pages with the first sheet on page $first: expected $groups sheet pages, one per running group"
for ((k = 0; k < groups && first > 0; k++)); do
  p=$((first + k))
  top=$(pdftotext -f $p -l $p -layout "$art/report.pdf" - | grep -v '^[[:space:]]*$' | head -1 | sed 's/^ *//')
  case "$top" in
    "${heads[$k]} · "*) ;;
    *) bad "page $p starts with '$top', not the sheet of '${heads[$k]}'";;
  esac
done

# Pages as PNG for people, as PPM for the colour count.
pdftoppm -r 50 -png "$art/report.pdf" "$art/page"
pdftoppm -r 50 -f 1 -l $((first > 1 ? first - 1 : 1)) "$art/report.pdf" "$tmp/front"
count() { local n=0 f; for f in "$tmp"/front*.ppm; do n=$((n + $("$ppm" "$f" "$1" 12))); done; echo $n; }
fill=$(count 2b6cb0); met=$(count 2f855a); unmet=$(count dd6b20)
echo "pages $pages, sheets from page $first, chart pixels: fill $fill, met $met, unmet $unmet"
[ "$fill" -gt 500 ] || bad "the group fill chart is not drawn ($fill pixels of its colour)"
[ "$met" -gt 500 ] || bad "the needs chart is not drawn ($met pixels of its colour)"
[ "$unmet" -gt 100 ] || bad "the needs chart shows no unmet part ($unmet pixels)"
# The phone screenshot: drawn, not blank.
[ "$(stat -c %s "$art/phone.png")" -gt 20000 ] || bad "the phone screenshot looks blank"

# The simulate page on A4. pdftotext leaves out what is clipped at a page's
# edge, so a column that is on paper is a column that printed.
print_pdf() { # print_pdf HTML PDF
  timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" --no-pdf-header-footer --print-to-pdf="$2" \
    "file://$1" >>"$tmp/chromium.log" 2>&1
  [ -s "$2" ] || bad "chromium wrote no PDF of $1"
}
# first_page PDF TEXT: the first page holding TEXT (0: none).
first_page() {
  local n p; n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  for ((p = 1; p <= n; p++)); do
    pdftotext -f $p -l $p -layout "$1" - | grep -qF "$2" && { echo $p; return; }
  done
  echo 0
}
landscape() { # landscape PDF PAGE: true when the page is wider than tall
  pdfinfo -f "$2" -l "$2" "$1" | awk '/^Page +[0-9]+ size:/ { exit !($4 > $6) }'
}
sim=$tmp/sim
"$bin" simulate "$tmp/small-clinic" --from $week --weeks 12 --out "$sim" >/dev/null ||
  bad "simulate exited $?"
print_pdf "$sim/report.html" "$art/simulate.pdf"
table_page=$(first_page "$art/simulate.pdf" "Week by week")
[ "$table_page" -gt 0 ] || bad "the simulate page's week table is not on paper"
table_text=$(pdftotext -f "$table_page" -layout "$art/simulate.pdf" -)
# The heads and the last week's cells, from the page's first table head
# (on screen the whole table) and its last row.
mapfile -t sim_heads < <(sed -n '/<div class="grid/,/<\/thead>/p' "$sim/report.html" |
  grep -o '<th[^>]*>[^<]*</th>' | sed 's/<[^>]*>//g')
mapfile -t last_row < <(sed -n '/<div class="grid/,/<\/table>/p' "$sim/report.html" |
  grep '^<tr><td' | tail -1 | grep -o '<td[^>]*>[^<]*</td>' | sed 's/<[^>]*>//g')
[ "${#sim_heads[@]}" -ge 11 ] || bad "found ${#sim_heads[@]} heads in the simulate week table"
[ "${#last_row[@]}" = "${#sim_heads[@]}" ] || bad "the last week has ${#last_row[@]} cells"
for h in "${sim_heads[@]}" "${last_row[@]}"; do
  grep -qF -- "$h" <<<"$table_text" || bad "simulate page: '$h' of the week table is not on paper"
done
if grep -q '<div class="grid landscape">' "$sim/report.html"; then
  landscape "$art/simulate.pdf" "$table_page" || bad "the wide week table is not on a landscape page"
fi
sim_text=$(pdftotext -layout "$art/simulate.pdf" -)
for t in education skills support communication; do
  grep -qF "$t needed" <<<"$sim_text" || bad "the groups chart's legend does not name '$t needed'"
done
pdftoppm -r 50 -png "$art/simulate.pdf" "$art/simulate"
echo "simulate page: ${#sim_heads[@]} columns on page $table_page of $(pdfinfo "$art/simulate.pdf" | sed -n 's/^Pages: *//p')"

# A table of 40 columns: in parts on landscape pages, each part led by the
# week column, every column and the note after the table on paper.
"$grid" 40 >"$tmp/grid.html" || bad "grid_page exited $?"
print_pdf "$tmp/grid.html" "$art/grid.pdf"
grid_text=$(pdftotext -layout "$art/grid.pdf" -)
found=$(grep -oE 'measure [0-9]+' <<<"$grid_text" | sort -u | wc -l)
[ "$found" = 39 ] || bad "the 40-column table shows $found of its 39 measures on paper"
parts=$(grep -c 'part [0-9]* of [0-9]*: ' <<<"$grid_text")
[ "$parts" -ge 2 ] || bad "the 40-column table printed in $parts parts"
[ "$(grep -c '2027-01-14' <<<"$grid_text")" = "$parts" ] ||
  bad "the week column is not in each of the $parts parts"
grep -qF "the end of the table" <<<"$grid_text" || bad "the note after the table is not on paper"
landscape "$art/grid.pdf" 1 || bad "the 40-column table is not on landscape pages"
echo "40 columns: $parts parts on $(pdfinfo "$art/grid.pdf" | sed -n 's/^Pages: *//p') landscape pages"

[ $fail = 0 ] && echo "browser: $groups sheets on pages $first-$pages, charts drawn; artefacts in $art"
exit $fail
