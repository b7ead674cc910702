"""Time the query and export commands on a large made-up chapter.

    .venv/bin/python bench/bench_queries.py [--engagements 5000] [--runs 3]

Writes a chapter into a temporary folder (partners, officials, staff, members,
engagements over eight years with follow-ups), then runs each command as an
organizer would (a new process each time) and prints the median wall time.
Nothing here is a test: speed is measured, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAPCTL = [sys.executable, "-m", "capctl"]


def make_chapter(root: Path, engagements: int, seed: int = 5) -> dict[str, int]:
    rng = random.Random(seed)
    (root / "capctl.yaml").write_text(
        "chapter: Bench Chapter\ndistricts:\n"
        + "".join(f"  - id: sd{i}\n    name: District {i}\n" for i in range(1, 6))
        + "thresholds:\n  partners:\n    core: {warn: 45, max: 90}\n    invited: {warn: 30, max: 60}\n"
        "  officials: {warn: 60, max: 120}\n  people: {warn: 90, max: 180}\n",
        encoding="utf-8",
    )
    counts = {"partners": 300, "officials": 120, "people": 1500, "priorities": 30}
    for kind in ("partners", "officials", "people", "priorities", "engagements"):
        (root / kind).mkdir()
    for i in range(counts["partners"]):
        status = rng.choice(["core", "core", "invited", "prospect"])
        (root / "partners" / f"partner-{i}.yaml").write_text(
            f"name: Partner Número {i}\nstatus_history:\n  - status: {status}\n    date: 2012-01-01\n"
            f"districts: [sd{rng.randint(1, 5)}]\nlanguages: [en, es]\ncontacts: [person-{i}]\n"
            f"notes: Works on housing and food access in district {i % 5 + 1}.\n",
            encoding="utf-8",
        )
    for i in range(counts["officials"]):
        (root / "officials" / f"official-{i}.yaml").write_text(
            f"name: Official {i}\noffice: Board {i % 7}\nlevel: county\ndistrict: '{i % 5 + 1}'\n", encoding="utf-8"
        )
    for i in range(counts["people"]):
        link = (
            f"affiliation: partner-{i % counts['partners']}\n"
            if i % 3
            else f"works_for: official-{i % counts['officials']}\n"
        )
        (root / "people" / f"person-{i}.yaml").write_text(
            f"name: Persona {i} Martínez\n{link}email: p{i}@example.org\nphone: 213-555-{i:04d}\n", encoding="utf-8"
        )
    for i in range(counts["priorities"]):
        (root / "priorities" / f"priority-{i}.yaml").write_text(
            f"title: Priority {i}\nidentified: 2014-01-01\nstrategies:\n  - summary: Strategy {i}\n"
            f"    partners: [partner-{i}]\npositions:\n  - official: official-{i}\n    stance: support\n",
            encoding="utf-8",
        )
    start = dt.date(2010, 1, 1)
    for i in range(engagements):
        day = start + dt.timedelta(days=rng.randint(0, 365 * 8 - 1))
        folder = root / "engagements" / str(day.year)
        folder.mkdir(exist_ok=True)
        kind = rng.choice(["one-on-one", "call", "chapter-meeting", "training", "hearing"])
        partners = sorted({f"partner-{rng.randrange(counts['partners'])}" for _ in range(rng.randint(0, 4))})
        people = sorted({f"person-{rng.randrange(counts['people'])}" for _ in range(rng.randint(0, 3))})
        officials = [f"official-{rng.randrange(counts['officials'])}"] if kind in ("one-on-one", "hearing") else []
        follow = (
            f"follow_ups:\n  - task: Send the numbers on item {i}\n    owner: person-{i % counts['people']}\n"
            f"    due: {day + dt.timedelta(days=14)}\n"
            if i % 4 == 0
            else ""
        )
        (folder / f"{day}-engagement-{i}.yaml").write_text(
            f"date: {day}\nkind: {kind}\ntitle: Engagement {i} on the county budget\n"
            f"partners: [{', '.join(partners)}]\npeople: [{', '.join(people)}]\nofficials: [{', '.join(officials)}]\n"
            f"notes: Talked about general relief and item {i}.\n{follow}",
            encoding="utf-8",
        )
    return {**counts, "engagements": engagements}


def timed(args: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run([*CAPCTL, *args], env=env, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - began)
        if done.returncode not in (0, 1):
            raise SystemExit(f"capctl {' '.join(args)} failed: {done.stderr.decode()}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engagements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        counts = make_chapter(data, options.engagements)
        env = {**os.environ, "CAPCTL_DATA": str(data), "CAPCTL_TODAY": "2017-12-31", "NO_COLOR": "1"}
        print(f"chapter: {', '.join(f'{n} {k}' for k, n in counts.items())}; median of {options.runs} runs")
        out = Path(tmp) / "out"
        out.mkdir()
        commands = [
            ["--help"],
            ["list", "partners"],
            ["list", "meetings", "--official", "official-7", "--format", "json"],
            ["list", "people", "--format", "csv"],
            ["show", "official-7"],
            ["show", "partner-7"],
            ["search", "martinez"],
            ["followups", "--overdue"],
            ["stale", "--kind", "partners", "--kind", "officials", "--kind", "people"],
            ["export", "--format", "sqlite", "--output", str(out / "chapter.db"), "--force"],
            ["export", "--format", "csv", "--output", str(out / "csv"), "--force", "--public"],
            ["export", "--format", "json", "--output", str(out / "chapter.json"), "--force"],
        ]
        for args in commands:
            shown = " ".join(a.replace(str(out), "OUT") for a in args)
            print(f"{timed(args, env, options.runs):7.2f} s  capctl {shown}")
        library_times(data, out, options.runs)


def library_times(data: Path, out: Path, runs: int) -> None:
    """The same work in one process: loading the folder, then each query on the loaded data."""
    sys.path.insert(0, str(ROOT))
    from capctl import activity, export, profile, query, store
    from capctl.vocab import RecordKind

    def best(work: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            work()
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    print(f"{best(lambda: store.load(data)):7.2f} s  store.load (every command starts with it)")
    loaded = store.load(data)
    as_of = dt.date(2017, 12, 31)
    kinds = [RecordKind.partners, RecordKind.officials, RecordKind.people]
    work = {
        "list partners (table)": lambda: query.summary_table(
            query.list_records(loaded, RecordKind.partners, query.ListOptions(), as_of)
        ),
        "list meetings --official": lambda: query.list_records(
            loaded, RecordKind.engagements, query.ListOptions(official="official-7"), as_of
        ).rows(),
        "show official-7": lambda: profile.profile(loaded, loaded.records["official-7"], as_of),
        "show partner-7": lambda: profile.profile(loaded, loaded.records["partner-7"], as_of),
        "search martinez": lambda: query.search(loaded, "martinez"),
        "followups --overdue": lambda: activity.open_follow_ups(loaded, as_of, overdue_only=True),
        "stale (all three kinds)": lambda: activity.going_cold(loaded, as_of, kinds),
        "export sqlite": lambda: export.export(loaded, export.ExportFormat.sqlite, out / "again.db", as_of, force=True),
    }
    for name, job in work.items():
        print(f"{best(job):7.2f} s  after loading: {name}")


if __name__ == "__main__":
    main()
