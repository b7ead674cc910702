"""How long `capctl report` takes on a chapter far larger than a real one.

    .venv/bin/python bench/report_scale.py [ENGAGEMENTS]

Writes a synthetic chapter (the shipped metrics.yaml; 300 partners, 200 officials,
600 people, ENGAGEMENTS engagements, default 20000, over 2016-2017) into a temporary
folder, then times loading it and building the report as of 2017-09-30 in each format.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from capctl import store
from capctl.chapter import init_folder
from capctl.models import (
    Engagement,
    FollowUp,
    Official,
    Partner,
    Person,
    Priority,
    Record,
    Resource,
    StatusChange,
    Strategy,
)
from capctl.report import build, to_json
from capctl.report_html import render_html
from capctl.report_markdown import render_markdown
from capctl.vocab import EngagementKind, Level, PartnerStatus, ResourceKind, Topic

AS_OF = dt.date(2017, 9, 30)


def write(root: Path, record: Record) -> None:
    """JSON is YAML: much faster to write than the canonical form, and read the same."""
    day = getattr(record, "date", None) if isinstance(record, Engagement) else None
    path = store.record_path(root, record.collection, record.id, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(store.record_data(record), default=str, ensure_ascii=False))


def write_chapter(root: Path, engagements: int) -> None:
    rng = random.Random(4)
    init_folder(root)
    start = dt.date(2016, 1, 1)
    partners = [f"partner-{i}" for i in range(300)]
    officials = [f"official-{i}" for i in range(200)]
    for i, pid in enumerate(partners):
        day = start + dt.timedelta(days=rng.randrange(500))
        history = [StatusChange(status=PartnerStatus.prospect, date=day)]
        for status in (PartnerStatus.invited, PartnerStatus.core):
            if rng.random() < 0.7:
                day += dt.timedelta(days=rng.randrange(1, 90))
                history.append(StatusChange(status=status, date=day))
        write(root, Partner(id=pid, name=f"Partner {i}", status_history=history, districts=["sd1"]))
    for i, oid in enumerate(officials):
        write(root, Official(id=oid, name=f"Official {i}", office="Office", level=Level.county))
    for i in range(600):
        write(root, Person(id=f"person-{i}", name=f"Person {i}", works_for=rng.choice(officials)))
    for i in range(20):
        strategy = Strategy(summary="A strategy", partners=rng.sample(partners, 2))
        write(root, Priority(id=f"priority-{i}", title=f"Priority {i}", identified=start, strategies=[strategy]))
        write(
            root,
            Resource(
                id=f"resource-{i}", title=f"R {i}", kind=ResourceKind.factsheet, languages=["en", "es"][: 1 + i % 2]
            ),
        )
    kinds = list(EngagementKind)
    for i in range(engagements):
        day = start + dt.timedelta(days=rng.randrange(730))
        record = Engagement(
            id=f"{day}-engagement-{i}",
            date=day,
            kind=rng.choice(kinds),
            topic=rng.choice(list(Topic)),
            title=f"Engagement {i}",
            district=f"sd{rng.randrange(1, 6)}",
            partners=rng.sample(partners, 3),
            officials=rng.sample(officials, 1),
            people=[f"person-{rng.randrange(600)}"],
            tags=["poverty-hearing"] if i % 50 == 0 else [],
            follow_ups=[FollowUp(task="Call back", due=day + dt.timedelta(days=10))],
        )
        write(root, record)


def timed(label: str, action):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    value = action()
    print(f"{label:<28} {time.perf_counter() - began:6.2f} s")
    return value


def main() -> None:
    engagements = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        timed(f"write {engagements} engagements", lambda: write_chapter(root, engagements))
        data = timed("load", lambda: store.load(root))
        print(f"{len(data.records)} records, {len(data.problems)} problems")
        report = timed("build the report", lambda: build([data], AS_OF))
        timed("build it --public", lambda: build([data], AS_OF, public=True))
        timed("json", lambda: to_json(report))
        timed("markdown", lambda: render_markdown(report))
        timed("html", lambda: render_html(report))


if __name__ == "__main__":
    main()
