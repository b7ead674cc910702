"""Choosing records by what the load cache's index keeps of them (``Facts``), decoding only those chosen.

A command that needs a few engagements of 50,000 (``show``, ``followups``, ``list meetings --partner``)
asks here first: the facts say which records can match, and only those are validated into models. The
command still tests each record it gets in full; the facts only rule records out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from capctl.models.records import Record
from capctl.references import facts_of
from capctl.store.dataset import DataSet, Facts, RecordMap
from capctl.vocab import RecordKind

FactsTest = Callable[[Facts], bool]


def select(data: DataSet, kind: RecordKind, keep: FactsTest) -> list[Record]:
    """The records of one kind, in load order, whose facts pass ``keep``; the others are not decoded."""
    records = data.records
    if not isinstance(records, RecordMap):  # a data set put together by hand: no index to read
        return [record for record in data.of(kind) if keep(facts_of(record))]
    chosen = []
    for record_id in records.ids_of(kind):
        facts = records.facts(record_id)
        if keep(facts if facts is not None else facts_of(records[record_id])):
            chosen.append(record_id)
    return records.many(chosen)


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
