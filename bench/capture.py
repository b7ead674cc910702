"""How long logging a visit and importing a sign-in sheet take on a chapter of realistic size.

    .venv/bin/python bench/capture.py [PARTNERS PEOPLE ENGAGEMENTS SHEET_ROWS]

Builds a synthetic chapter in a temporary folder (default: 300 partners, 3,000
people, 5,000 engagements), then times, in-process and best of 3:
`capctl meeting add` (load, resolve, check, write) and `capctl attendance import`
of a sheet of SHEET_ROWS names (default 100) with --create --yes.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from capctl.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "chapter"
FIRST = ["Ana", "María", "Jon", "Min-jun", "Rosa", "Luis", "Aram", "Mai", "Sofía", "David", "Grace", "Tomás"]
LAST = ["Cruz", "Martínez", "Lee", "Kim", "Díaz", "Pérez", "Sargsyan", "Nguyen", "Ramos", "Park", "López", "Chen"]


def build(root: Path, partners: int, people: int, engagements: int) -> None:
    shutil.copytree(FIXTURE, root)
    rnd = random.Random(7)
    for i in range(partners):
        (root / f"partners/org-{i}.yaml").write_text(
            f"name: Organization {i}\nstatus_history:\n  - status: core\n    date: 2016-01-01\n"
        )
    for i in range(people):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i}"
        (root / f"people/p-{i}.yaml").write_text(f"name: {name}\naffiliation: org-{i % partners}\n")
    folder = root / "engagements/2016"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(engagements):
        day = f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"
        (folder / f"{day}-e-{i}.yaml").write_text(
            f"date: {day}\nkind: one-on-one\ntitle: Visit {i}\npeople:\n  - p-{i % people}\npartners:\n"
            f"  - org-{i % partners}\n"
        )


def timed(*args: str) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(app, list(args))
    elapsed = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"capctl {' '.join(args)} failed: {result.stderr}")
    return elapsed


def main() -> None:
    partners, people, engagements, rows = (int(a) for a in (sys.argv[1:] or ["300", "3000", "5000", "100"]))
    os.environ.setdefault("CAPCTL_TODAY", "2017-06-30")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        build(root, partners, people, engagements)
        rnd = random.Random(11)
        sheet = Path(tmp) / "sheet.csv"
        names = [f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {rnd.randrange(people * 2)}" for _ in range(rows)]
        sheet.write_text("name,organization\n" + "".join(f"{n},Organization {i}\n" for i, n in enumerate(names)))
        meeting = [
            timed("--data", str(root), "meeting", "add", "--official", "hilda", "--person", "jon lee", "--yes")
            for _ in range(3)
        ]
        start = time.perf_counter()
        timed("--data", str(root), "check")
        check = time.perf_counter() - start
        args = ("attendance", "import", "2017-04-20-chapter-meeting", str(sheet), "--create", "--yes")
        imports = [timed("--data", str(root), *args) for _ in range(3)]
    print(f"chapter: {partners} partners, {people + 3} people, {engagements + 4} engagements")
    print(f"capctl meeting add:        {min(meeting):.2f} s (best of 3)")
    print(f"capctl check:              {check:.2f} s")
    print(f"capctl attendance import:  {min(imports):.2f} s for {rows} rows (best of 3; first run {imports[0]:.2f} s)")


if __name__ == "__main__":
    main()
