#!/usr/bin/env python3
"""sim_recount.py -- simulate's figures recomputed from its week folders.

usage: sim_recount.py CLINIC OUT_DIR
       sim_recount.py --seeds CLINIC OUT_DIR    (OUT_DIR/seed-N/ and spread.csv)

Independent of the program: it reads only the files simulate wrote (each
week folder's patients.csv, groups.csv, progress.csv, settings.csv,
waitlist.csv, no-shows.csv and rosters) and the clinic's own waitlist.csv
and patients.csv, applies the contract's rules itself, and compares with
metrics.csv (and spread.csv):

  active        admitted <= W+6, discharge empty or >= W, not away Mon-Fri
  needs, met    (active patient, type) with need > 0 and not mastered (the
                latest progress score on or before W, the later row on the
                same date, below mastery); met: with a roster row of the type
  billable      active patients whose roster groups give at least
                billable_days days of billable_day_hours (a group's hours
                shared over its slots by length), not in no-shows.csv
  churn         joins + leaves + moves, from this and last week's roster
  no_shows      rows of no-shows.csv, each a patient with a group
  dropped       dropped + completed = patients whose discharge became W-1
                since last week's folder (they left early)
  started       patients new in this week's patients.csv (waiting list on)
  waiting_days  W - requested of those, requested from any waitlist.csv
                (0 for someone who asked and started on W)
  waiting       rows of the week's waitlist.csv
  progress      a row dated W for each (patient, type) of last week's
                roster whose patient came (no-shows earn none)

Exit 1 on any disagreement, naming the week, the figure and both values.
"""
import csv
import datetime
import os
import re
import sys

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FULL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DEFAULTS = {"mastery": 80, "billable_days": 0, "billable_day_hours": 3,
            "hours_min": 9, "hours_max": 30}


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def settings_of(folder):
    s = dict(DEFAULTS)
    for r in rows(os.path.join(folder, "settings.csv")):
        s[r["setting"].strip().lower()] = float(r["value"])
    return s


def active(p, monday):
    if day(p["admitted"]) > monday + datetime.timedelta(days=6):
        return False
    if p.get("discharge") and day(p["discharge"]) < monday:
        return False
    away = []
    for item in (p.get("away") or "").split(";"):
        item = item.strip()
        if not item:
            continue
        a, _, b = item.partition("..")
        away.append((day(a.strip()), day((b or a).strip())))
    for d in range(5):
        x = monday + datetime.timedelta(days=d)
        if not any(a <= x <= b for a, b in away):
            return True
    return False


def slot_day_hours(slot):
    """(day index or None, hours or None for a label slot)."""
    m = re.fullmatch(r"(\w+) (\d\d):(\d\d)-(\d\d):(\d\d)", slot.strip())
    if m and m.group(1).lower() in DAYS:
        start = int(m.group(2)) * 60 + int(m.group(3))
        end = int(m.group(4)) * 60 + int(m.group(5))
        return DAYS.index(m.group(1).lower()), (end - start) / 60
    low = slot.strip().lower()
    for names in (FULL, DAYS):
        for i, n in enumerate(names):
            if low.startswith(n) and not low[len(n):len(n) + 1].isalpha():
                return i, None
    return None, None


def group_day_hours(g):
    slots = [s for s in g["slots"].split(";") if s.strip()]
    parsed = [slot_day_hours(s) for s in slots]
    timed = all(h is not None for _, h in parsed) and parsed
    length = sum(h for _, h in parsed if h is not None)
    hours = float(g["hours"]) if g.get("hours") else length
    out = [0.0] * 7
    for d, h in parsed:
        if d is None:
            continue
        out[d] += hours * h / length if timed and length > 0 else hours / len(parsed)
    return out


def recount_week(folder, week, prev_folder, requested):
    monday = day(week)
    s = settings_of(folder)
    patients = rows(os.path.join(folder, "patients.csv"))
    groups = {g["id"]: g for g in rows(os.path.join(folder, "groups.csv"))}
    rdir = os.path.join(folder, "rosters")
    now = rows(os.path.join(rdir, week + ".csv"))
    older = sorted(n for n in os.listdir(rdir)
                   if len(n) == 14 and n.endswith(".csv") and n[:10] < week)
    prev = rows(os.path.join(rdir, older[-1])) if older else []
    latest = {}
    for i, r in enumerate(rows(os.path.join(folder, "progress.csv"))):
        d = day(r["date"])
        if d > monday:
            continue
        key = (r["patient"], r["type"])
        if key not in latest or (d, i) >= latest[key][:2]:
            latest[key] = (d, i, int(r["score"]))
    act = [p for p in patients if active(p, monday)]
    act_ids = {p["id"] for p in act}
    placed = {}
    for r in now:
        placed.setdefault(r["patient"], []).append(r)
    types = {(r["patient"], r["type"]) for r in now}
    needs = met = 0
    for p in act:
        for col, v in p.items():
            if not col.startswith("need_") or not v or int(v) <= 0:
                continue
            t = col[5:]
            got = latest.get((p["id"], t))
            if got and got[2] >= s["mastery"]:
                continue
            needs += 1
            met += (p["id"], t) in types
    absent = [r["patient"] for r in rows(os.path.join(folder, "no-shows.csv"))]
    billable = 0
    if s["billable_days"] > 0:
        for pid, rs in placed.items():
            if pid not in act_ids or pid in absent:
                continue
            hours = [0.0] * 7
            for r in rs:
                for d, h in enumerate(group_day_hours(groups[r["group"]])):
                    hours[d] += h
            days = sum(1 for h in hours if h > 0 and h >= s["billable_day_hours"] - 1e-6)
            billable += days >= s["billable_days"]
    prev_by = {}
    for r in prev:
        prev_by.setdefault((r["patient"], r["type"]), set()).add(r["group"])
    churn = sum(1 for r in prev if (r["patient"], r["type"]) not in types)
    for r in now:
        last = prev_by.get((r["patient"], r["type"]), set())
        churn += r["group"] not in last
    got = {"active": len(act), "needs": needs, "met": met, "billable": billable,
           "churn": churn, "no_shows": len(absent)}
    bad = [f"{week}: no-show {a} has no group" for a in absent if a not in placed]
    # Who left early, and who is new, against last week's folder.
    before = {p["id"]: p for p in rows(os.path.join(prev_folder, "patients.csv"))}
    sunday = (monday - datetime.timedelta(days=1)).isoformat()
    got["left_early"] = sum(1 for p in patients if p["discharge"] == sunday and p["id"] in before
                            and before[p["id"]]["discharge"] != sunday)
    new = [p for p in patients if p["id"] not in before]
    waitlist = rows(os.path.join(folder, "waitlist.csv"))
    for r in waitlist:
        requested.setdefault(r["id"], r["requested"])
    got["started"] = len(new)
    got["waiting_days"] = sum((monday - day(requested.get(p["id"], week))).days for p in new)
    got["waiting"] = len(waitlist)
    return got, bad


def progress_earned(last_folder, folder, week):
    """Last week's members earn a progress row dated this Monday, one per
    (patient, type), unless they missed the week."""
    last_week = os.path.basename(last_folder)
    absent = {r["patient"] for r in rows(os.path.join(last_folder, "no-shows.csv"))}
    placed = {(r["patient"], r["type"])
              for r in rows(os.path.join(last_folder, "rosters", last_week + ".csv"))}
    earned = {(r["patient"], r["type"])
              for r in rows(os.path.join(folder, "progress.csv")) if r["date"] == week}
    want = {k for k in placed if k[0] not in absent}
    if earned != want:
        return [f"{week}: progress earned by {sorted(earned ^ want)[:3]} disagrees "
                f"with last week's roster and no-shows"]
    return []


def check_run(clinic, out):
    """Recounts one run's weeks; returns (problems, [recounted weeks])."""
    metrics = rows(os.path.join(out, "metrics.csv"))
    problems, weeks = [], []
    if not metrics:
        return [f"{out}: metrics.csv has no weeks"], weeks
    requested = {r["id"]: r["requested"] for r in rows(os.path.join(clinic, "waitlist.csv"))}
    prev_folder = clinic
    for m in metrics:
        week = m["week"]
        folder = os.path.join(out, week)
        got, bad = recount_week(folder, week, prev_folder, requested)
        problems += bad
        if prev_folder != clinic:
            problems += progress_earned(prev_folder, folder, week)
        want = {k: int(m[k]) for k in ("active", "needs", "met")}
        want["churn"] = int(m["joins"]) + int(m["leaves"]) + int(m["moves"])
        for k in ("billable", "no_shows", "started", "waiting_days", "waiting"):
            if k in m:
                want[k] = int(m[k])
        if "dropped" in m:
            got["dropped+completed"] = got["left_early"]
            want["dropped+completed"] = int(m["dropped"]) + int(m["completed"])
        if "started" not in m:
            got.pop("started")
        for k, v in want.items():
            if got[k] != v:
                problems.append(f"{out} {week}: metrics {k} = {v}, the folder says {got[k]}")
        weeks.append(got)
        prev_folder = folder
    return problems, weeks


def figures(weeks, m_rows):
    n = len(weeks)
    needs = sum(w["needs"] for w in weeks)
    started = sum(w.get("started", 0) for w in weeks)
    return {
        "census": sum(w["active"] for w in weeks) / n,
        "needs_met": 100 * sum(w["met"] for w in weeks) / needs if needs else None,
        "billable": sum(w["billable"] for w in weeks),
        "churn": sum(w["churn"] for w in weeks),
        "waiting_days": (sum(w["waiting_days"] for w in weeks) / started) if started else None,
        "no_shows": sum(w["no_shows"] for w in weeks),
        "dropped": sum(int(m["dropped"]) for m in m_rows) if "dropped" in m_rows[0] else 0,
    }


def median(v):
    v = sorted(v)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def main():
    args = sys.argv[1:]
    seeds = args and args[0] == "--seeds"
    if seeds:
        args = args[1:]
    clinic, out = args
    if not seeds:
        problems, weeks = check_run(clinic, out)
    else:
        problems, per_seed = [], []
        spread = rows(os.path.join(out, "spread.csv"))
        first, last = (int(x) for x in spread[0]["seeds"].split("-"))
        runs = [f"seed-{i}" for i in range(first, last + 1)]
        for d in runs:
            p, weeks = check_run(clinic, os.path.join(out, d))
            problems += p
            per_seed.append(figures(weeks, rows(os.path.join(out, d, "metrics.csv"))))
        for r in spread:
            vals = [f[r["figure"]] for f in per_seed if f[r["figure"]] is not None]
            want = [f"{x:.3f}" for x in (median(vals), min(vals), max(vals))] if vals else ["", "", ""]
            have = [r["median"], r["min"], r["max"]]
            if want != have or int(r["runs"]) != len(vals):
                problems.append(f"spread.csv {r['figure']}: {have} ({r['runs']} runs), "
                                f"the runs say {want} ({len(vals)})")
        weeks = runs
    for p in problems:
        print(p)
    print(f"{len(weeks)} {'runs' if seeds else 'weeks'} recounted, {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
