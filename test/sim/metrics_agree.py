#!/usr/bin/env python3
"""metrics_agree.py -- metrics.csv agrees with the simulated rosters.

usage: metrics_agree.py OUT_DIR

For each week folder OUT/YYYY-MM-DD/ it reads that week's roster and the
roster of the week before (beside it in rosters/), and recomputes from the
rows alone: joins (a (patient, type) with no row the week before), moves
(another group of the same type the week before), kept (the same group),
leaves (last week's (patient, type) with no row now), placements and groups
running by type. Every one must equal metrics.csv's column. Exit 1 on the
first disagreement, naming it.
"""
import csv
import os
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    out = sys.argv[1]
    metrics = rows(os.path.join(out, "metrics.csv"))
    if not metrics:
        print("metrics.csv has no weeks")
        return 1
    bad = 0
    checked = 0
    for m in metrics:
        week = m["week"]
        rdir = os.path.join(out, week, "rosters")
        now = rows(os.path.join(rdir, week + ".csv"))
        older = sorted(n for n in os.listdir(rdir)
                       if len(n) == 14 and n.endswith(".csv") and n[:10] < week)
        prev = rows(os.path.join(rdir, older[-1])) if older else []
        prev_by = {}
        for r in prev:
            prev_by.setdefault((r["patient"], r["type"]), set()).add(r["group"])
        now_keys = {(r["patient"], r["type"]) for r in now}
        joins = moves = kept = 0
        for r in now:
            last = prev_by.get((r["patient"], r["type"]), set())
            if r["group"] in last:
                kept += 1
            elif last:
                moves += 1
            else:
                joins += 1
            # The change column says the same thing.
            want = "kept" if r["group"] in last else "moved" if last else "joined"
            if r["change"] != want:
                print(f"{week}: {r['patient']} {r['group']}: change {r['change']}, rows say {want}")
                bad += 1
        leaves = sum(1 for r in prev if (r["patient"], r["type"]) not in now_keys)
        running = {}
        for r in now:
            running.setdefault(r["type"], set()).add(r["group"])
        expect = {"joins": joins, "moves": moves, "kept": kept, "leaves": leaves,
                  "placements": len(now)}
        for t in [k[len("running_"):] for k in m if k.startswith("running_")]:
            expect["running_" + t] = len(running.get(t, ()))
        expect["running"] = sum(len(g) for g in running.values())
        for k, v in expect.items():
            if int(m[k]) != v:
                print(f"{week}: metrics {k} = {m[k]}, rosters say {v}")
                bad += 1
        checked += 1
    print(f"{checked} weeks agree" if not bad else f"{bad} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
