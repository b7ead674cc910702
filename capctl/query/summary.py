"""The short tables ``list`` prints for people: one row per record with names, not ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from capctl.models.records import Engagement, Priority
from capctl.query import activity
from capctl.query.listing import Context, Listing
from capctl.store.dataset import DataSet
from capctl.vocab import RecordKind

# --- kinds ----------------------------------------------------------------


# --- tables for people ----------------------------------------------------


@dataclass
class Table:
    """Rows of text for a terminal table: the CLI only lays them out."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    nowrap: frozenset[str] = frozenset({"id", "date", "due", "n", "days", "engagement", "kind", "identified"})
    """Columns kept on one line (ids, dates): the others wrap to fit the terminal."""


def _names(data: DataSet, ids: Iterable[str]) -> str:
    return ", ".join(data.records[i].label if i in data.records else i for i in ids)


def _date(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _ago(context: Context, record_id: str) -> str:
    last = context.last_contact(record_id)
    return "never" if last is None else f"{last} ({(context.as_of - last).days} days)"


def summary_table(listing: Listing) -> Table:
    """The columns a person wants to scan for each kind (JSON and CSV carry every field)."""
    data, context = listing.context.data, listing.context
    kind = listing.kind
    makers: dict[RecordKind, tuple[list[str], Callable[[Any], list[str]]]] = {
        RecordKind.partners: (
            ["id", "name", "status", "districts", "languages", "last contact"],
            lambda r: [r.id, r.name, str(r.status_on(context.as_of) or ""), ", ".join(r.districts),
                       ", ".join(r.languages), _ago(context, r.id)],
        ),
        RecordKind.officials: (
            ["id", "name", "office", "district", "level", "last contact"],
            lambda r: [r.id, r.name, r.office, r.district or "", r.level.value, _ago(context, r.id)],
        ),
        RecordKind.people: (
            ["id", "name", "title", "with", "last contact"],
            lambda r: [r.id, r.name, r.title or "", _names(data, [i for i in (r.affiliation, r.works_for) if i]),
                       _ago(context, r.id)],
        ),
        RecordKind.engagements: (
            ["date", "kind", "title", "with", "id"],
            lambda r: [_date(r.date), r.kind.value, r.title,
                       ", ".join([_names(data, r.partners), *_official_presence(data, r)][not r.partners:]), r.id],
        ),
        RecordKind.testimonies: (
            ["date", "id", "title", "person", "partner", "language", "consent"],
            lambda r: [_date(r.date), r.id, r.title or "", _names(data, [r.person]),
                       _names(data, [r.partner] if r.partner else []), r.language,
                       r.consent.scope.value if r.consent else "none recorded"],
        ),
        RecordKind.priorities: (
            ["id", "title", "status", "identified", "strategies", "positions"],
            lambda r: [r.id, r.title, r.status.value, _date(r.identified), str(len(r.strategies)),
                       ", ".join(f"{_names(data, [o])}: {p.stance.value}" for o, p in _latest_positions(r))],
        ),
        RecordKind.resources: (
            ["id", "title", "kind", "topic", "languages", "date"],
            lambda r: [r.id, r.title, r.kind.value, r.topic.value if r.topic else "", ", ".join(r.languages),
                       _date(r.date)],
        ),
    }  # fmt: skip
    headers, make = makers[kind]
    return Table(headers, [make(r) for r in listing.records])


def _official_presence(data: DataSet, engagement: Engagement) -> list[str]:
    return [
        f"{_names(data, [o])}" + ("" if how == "in person" else f" ({how})")
        for o, how in activity.officials_represented(data, engagement).items()
    ]


def _latest_positions(priority: Priority) -> list[tuple[str, Any]]:
    latest = {}
    for position in priority.positions:
        latest[position.official] = position
    return sorted(latest.items())
