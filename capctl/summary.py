"""A count of what a data folder holds: records by kind, partners by status, engagements by kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from capctl.models import Engagement, Partner
from capctl.store import DataSet
from capctl.vocab import RecordKind


@dataclass
class Summary:
    chapter: str
    records: dict[str, int]
    partners_by_status: dict[str, int]
    engagements_by_kind: dict[str, int]
    first_engagement: str | None
    last_engagement: str | None
    errors: int
    warnings: int


def summarize(data: DataSet) -> Summary:
    engagements = data.typed(Engagement)
    dates = sorted(e.date for e in engagements)
    return Summary(
        chapter=data.settings.chapter if data.settings else str(data.root),
        records={kind.value: len(data.of(kind)) for kind in RecordKind},
        partners_by_status=dict(Counter(p.status.value for p in data.typed(Partner)).most_common()),
        engagements_by_kind=dict(Counter(e.kind.value for e in engagements).most_common()),
        first_engagement=dates[0].isoformat() if dates else None,
        last_engagement=dates[-1].isoformat() if dates else None,
        errors=len(data.errors),
        warnings=len(data.problems) - len(data.errors),
    )
