#!/usr/bin/env bash
# report_browser.sh -- the weekly report of the example clinic in a real
# browser: Debian's chromium, headless, prints it to PDF and takes desktop and
# phone screenshots. Checks that every running group's sign-in sheet starts a
# page of its own and fits on it (one group per page), that nothing before
# the sheets is a sheet, and that both charts are drawn (their colours are on
# the rendered pages). The PDF, its pages as PNG and the screenshots are kept
# under BUILD/test/artifacts/report/. Exits 77 (skip) without chromium or
# poppler-utils.
# usage: report_browser.sh IOP_ROSTER SOURCE_ROOT PPM_COLOUR ARTIFACT_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$2; ppm=$3; art=$4
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

[ $fail = 0 ] && echo "browser: $groups sheets on pages $first-$pages, charts drawn; artefacts in $art"
exit $fail
