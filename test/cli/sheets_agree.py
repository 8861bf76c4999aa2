#!/usr/bin/env python3
"""sheets_agree.py REPORT.html WEEK.attendance.csv -- the printed sign-in
sheets and the attendance sheet list the same sessions in the same order
(issue 14): each sheet's columns, read from the HTML, against the distinct
(group, date, start, end) of the CSV in file order. Groups with more than
five sessions print one signature column and are compared by group only."""
import csv, datetime, html, re, sys

report, sheet = sys.argv[1], sys.argv[2]
page = open(report, encoding="utf-8").read()
printed = []  # (group, [column texts])
for m in re.finditer(r'<section class="sheet" id="group-[^"]*">\s*<h2>(.*?)</h2>(.*?)</section>',
                     page, re.S):
    group = html.unescape(m.group(1)).split(" \u00b7 ")[0].split(" &middot; ")[0]
    cols = re.findall(r'<th class="sig">(.*?)</th>', m.group(2))
    printed.append((group, [html.unescape(c) for c in cols]))

sessions = []
with open(sheet, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        key = (row["group"], row["date"], row["start"], row["end"])
        if key not in sessions:
            sessions.append(key)

def day_text(date):
    d = datetime.date.fromisoformat(date)
    return f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"

def column_ok(text, date, start, end):
    """A timed session prints its day and times; a label its day (or "day
    not given") and the label."""
    if start:
        return text == f"{day_text(date)}<br>{start}\u2013{end}"
    return text.endswith(", no set time") and (text.startswith(day_text(date) + "<br>")
                                               or text.startswith("day not given<br>"))

groups_in_csv = []
for g, *_ in sessions:
    if g not in groups_in_csv:
        groups_in_csv.append(g)
fail = [g for g, _ in printed] != groups_in_csv
if fail:
    print("groups differ:", [g for g, _ in printed], groups_in_csv)
for group, cols in printed:
    mine = [s for s in sessions if s[0] == group]
    if cols == ["Signature"]:
        continue
    if len(cols) != len(mine):
        print(f"{group}: {len(cols)} columns printed, {len(mine)} sessions in the CSV")
        fail = True
        continue
    for c, (_, date, start, end) in zip(cols, mine):
        if not column_ok(c, date, start, end):
            print(f"{group}: printed {c!r}, the CSV says {date} {start}-{end}")
            fail = True
n = sum(len(c) for _, c in printed)
print(f"sheets agree: {len(printed)} groups, {n} columns" if not fail else "sheets disagree")
sys.exit(1 if fail else 0)
