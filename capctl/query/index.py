"""Choosing records by what the load cache's index keeps of them (``Facts``), decoding only those chosen.

A command that needs a few engagements of 50,000 (``show``, ``followups``, ``list meetings --partner``)
asks here first: the facts say which records can match, and only those are validated into models. The
command still tests each record it gets in full; the facts only rule records out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Callable, Collection

from capctl.models.records import Engagement, Record
from capctl.references import facts_of
from capctl.store.dataset import DataSet, Facts, RecordMap
from capctl.vocab import RecordKind

FactsTest = Callable[[Facts], bool]
ENGAGEMENTS = RecordKind.engagements
_BY_ID = operator.attrgetter("id")


def select(data: DataSet, kind: RecordKind, keep: FactsTest) -> list[Record]:
    """The records of one kind, in load order, whose facts pass ``keep``; the others are not decoded."""
    return read(data, [record_id for record_id, facts in facts_of_kind(data, kind) if keep(facts)])


def read(data: DataSet, record_ids: list[str]) -> list[Record]:
    """These records, decoded together (:meth:`RecordMap.many`)."""
    records = data.records
    return records.many(record_ids) if isinstance(records, RecordMap) else [records[i] for i in record_ids]


def facts_of_kind(data: DataSet, kind: RecordKind) -> list[tuple[str, Facts]]:
    """Each record of one kind with its facts, in load order; none is decoded that the index knows."""
    records = data.records
    if not isinstance(records, RecordMap):
        return [(record.id, facts_of(record)) for record in data.of(kind)]
    found = []
    for record_id in records.ids_of(kind):
        facts = records.facts(record_id)
        found.append((record_id, facts if facts is not None else facts_of(records[record_id])))
    return found


def refers_to_any(ids: Collection[str]) -> FactsTest:
    """Records that refer to one of ``ids`` (an engagement that someone among them took part in...)."""
    wanted = frozenset(ids)
    return lambda facts: not wanted.isdisjoint(facts.refs)


def open_on(day: str) -> FactsTest:
    """Engagements dated on or before ``day`` (ISO) with a follow-up not done by then."""
    return lambda facts: facts.open_until is not None and facts.open_until > day and (facts.latest or "") <= day


class Timeline:
    """Every engagement by date, from the facts: which ones fall in a span of days (and are of some kinds),
    found by bisection without reading any. The report asks it for each metric's window and each point of
    its charts; only the engagements it gives are decoded."""

    def __init__(self, data: DataSet) -> None:
        rows = sorted(
            (facts.latest or "", record_id, facts.sort) for record_id, facts in facts_of_kind(data, ENGAGEMENTS)
        )
        self.data = data
        self.days = [day for day, _id, _sort in rows]
        self.ids = [record_id for _day, record_id, _sort in rows]
        self.sorts = [sort for _day, _id, sort in rows]

    def between(self, start: dt.date | None, end: dt.date, sorts: Collection[str] = ()) -> list[str]:
        """The ids of the engagements dated from ``start`` (None: the first) to ``end``, both included, of
        these kinds (none: every kind), by date then id."""
        first = 0 if start is None else bisect.bisect_left(self.days, start.isoformat())
        last = bisect.bisect_right(self.days, end.isoformat())
        if not sorts:
            return self.ids[first:last]
        return [self.ids[i] for i in range(first, last) if self.sorts[i] in sorts]

    def read(self, start: dt.date | None, end: dt.date, sorts: Collection[str] = ()) -> list[Engagement]:
        """:meth:`between`'s engagements, read, in id order."""
        found = [e for e in read(self.data, self.between(start, end, sorts)) if isinstance(e, Engagement)]
        found.sort(key=_BY_ID)
        return found
