"""What needs attention before a visit or a chapter meeting: open follow-ups and relationships
going cold, as stable rows (JSON and CSV) and as text tables.

The facts come from :mod:`capctl.query.activity`; this module only words them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from capctl.models.records import Partner
from capctl.query import activity
from capctl.query.summary import Table
from capctl.store.dataset import DataSet
from capctl.vocab import RecordKind

FOLLOW_UP_COLUMNS = [
    "engagement",
    "number",
    "task",
    "owner",
    "owner_name",
    "due",
    "days_overdue",
    "engagement_date",
    "engagement_title",
]
"""Columns of ``capctl followups`` in JSON and CSV; ``engagement`` and ``number`` are what
``capctl followup done ENGAGEMENT N`` takes."""


def _name(data: DataSet, record_id: str | None) -> str | None:
    if record_id is None:
        return None
    record = data.records.get(record_id)
    return record.label if record else record_id


def follow_up_row(data: DataSet, found: activity.OpenFollowUp) -> dict[str, Any]:
    """An open follow-up as JSON-ready data."""
    follow_up = found.follow_up
    return {
        "engagement": found.engagement.id,
        "number": found.number,
        "task": follow_up.task,
        "owner": follow_up.owner,
        "owner_name": _name(data, follow_up.owner),
        "due": None if follow_up.due is None else follow_up.due.isoformat(),
        "days_overdue": found.days_overdue,
        "engagement_date": found.engagement.date.isoformat(),
        "engagement_title": found.engagement.title,
    }


def overdue_words(days: int | None) -> str:
    if days is None:
        return "no due date"
    if days > 0:
        return f"{days} day{'s' * (days != 1)} overdue"
    return "due today" if days == 0 else f"due in {-days} day{'s' * (days != -1)}"


def follow_up_table(data: DataSet, found: list[activity.OpenFollowUp]) -> Table:
    table = Table(["due", "when", "task", "owner", "engagement", "n"])
    for f in found:
        table.rows.append(
            [
                str(f.follow_up.due or ""),
                overdue_words(f.days_overdue),
                f.follow_up.task,
                _name(data, f.follow_up.owner) or "nobody named",
                f.engagement.id,
                str(f.number),
            ]
        )
    return table


STALE_COLUMNS = [
    "kind",
    "id",
    "name",
    "status",
    "state",
    "days_since",
    "last_date",
    "last_engagement",
    "last_title",
    "warn",
    "max",
]
"""Columns of ``capctl stale`` in JSON and CSV: ``status`` is a partner's status today (empty for
others), ``warn`` and ``max`` the thresholds from ``capctl.yaml`` that applied."""

STALE_KINDS = (RecordKind.partners, RecordKind.officials, RecordKind.people)


def stale_row(relationship: activity.Relationship, as_of: dt.date) -> dict[str, Any]:
    record, last = relationship.record, relationship.last
    return {
        "kind": record.collection.singular,
        "id": record.id,
        "name": record.label,
        "status": record.status_on(as_of) if isinstance(record, Partner) else None,
        "state": relationship.state,
        "days_since": relationship.days_since,
        "last_date": None if last is None else last.date.isoformat(),
        "last_engagement": None if last is None else last.id,
        "last_title": None if last is None else last.title,
        "warn": relationship.threshold.warn,
        "max": relationship.threshold.max,
    }


def stale_table(found: list[activity.Relationship], as_of: dt.date) -> Table:
    table = Table(["days", "state", "who", "kind", "last engagement", "thresholds"])
    for relationship in found:
        values = stale_row(relationship, as_of)
        kind = values["kind"] + (f" ({values['status']})" if values["status"] else "")
        last = "never" if relationship.last is None else f"{values['last_date']} {values['last_title']}"
        table.rows.append(
            [
                "never" if relationship.days_since is None else str(relationship.days_since),
                relationship.state,
                f"{values['name']} ({values['id']})",
                kind,
                last,
                f"{values['warn']}/{values['max']} days",
            ]
        )
    return table
