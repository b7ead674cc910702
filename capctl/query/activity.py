"""Who was seen when: the engagements behind every relationship.

Shared by the report, ``show``, ``followups`` and ``stale``. Only engagements
dated on or before the as-of date count. A staffer's engagement counts for the
official they work for.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from capctl.models.records import Engagement, FollowUp, Official, Partner, Person, Record
from capctl.models.settings import Threshold
from capctl.query import index
from capctl.store.dataset import DataSet
from capctl.vocab import EngagementKind, PartnerStatus, RecordKind

_BY_ID = operator.attrgetter("id")


def staff_by_official(data: DataSet) -> dict[str, list[Person]]:
    """Each official's staff (people whose ``works_for`` is that official), by name."""
    staff: dict[str, list[Person]] = defaultdict(list)
    for person in data.typed(Person):
        if person.works_for:
            staff[person.works_for].append(person)
    return {k: sorted(v, key=lambda p: p.name) for k, v in staff.items()}


def officials_represented(data: DataSet, engagement: Engagement) -> dict[str, str]:
    """Officials present at an engagement, in person or through staff: id -> ``in person``,
    ``through staff`` or ``in person and through staff``."""
    how: dict[str, set[str]] = defaultdict(set)
    for official in engagement.officials:
        how[official].add("in person")
    for person_id in engagement.people:
        person = data.records.get(person_id)
        if isinstance(person, Person) and person.works_for:
            how[person.works_for].add("through staff")
    return {k: " and ".join(sorted(v)) for k, v in sorted(how.items())}


def involved(data: DataSet, engagement: Engagement) -> set[str]:
    """Ids of every record an engagement involves, staffers' officials included
    (the officials of :func:`officials_represented`, without the words: this runs for every engagement)."""
    ids = {*engagement.partners, *engagement.people, *engagement.priorities, *engagement.officials}
    for person_id in engagement.people:
        person = data.records.get(person_id)
        if isinstance(person, Person) and person.works_for:
            ids.add(person.works_for)
    return ids


class Engagements(Sequence[Engagement]):
    """Engagements by id, newest first, each read from the data set when it is looked at: a record's
    list in :class:`EngagementIndex` is known from the load cache's index without decoding one."""

    __slots__ = ("_dates", "_ids", "_records")

    def __init__(self, records: Mapping[str, Record], ids: list[str], dates: list[str]) -> None:
        self._records = records
        self._ids = ids
        self._dates = dates

    @overload
    def __getitem__(self, i: int) -> Engagement: ...
    @overload
    def __getitem__(self, i: slice) -> list[Engagement]: ...
    def __getitem__(self, i: int | slice) -> Engagement | list[Engagement]:
        if isinstance(i, slice):
            return [self._one(record_id) for record_id in self._ids[i]]
        return self._one(self._ids[i])

    def _one(self, record_id: str) -> Engagement:
        record = self._records[record_id]
        assert isinstance(record, Engagement)  # the index lists engagements only
        return record

    def __iter__(self) -> Iterator[Engagement]:
        return map(self._one, self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def until(self, day: str) -> Engagements:
        """Those dated on or before ``day`` (ISO), still unread."""
        kept = [i for i, date in enumerate(self._dates) if date <= day]
        return Engagements(self._records, [self._ids[i] for i in kept], [self._dates[i] for i in kept])

    def newest_until(self, day: str) -> Engagement | None:
        """The newest dated on or before ``day`` (ISO), the only one read."""
        return next((self._one(self._ids[i]) for i, date in enumerate(self._dates) if date <= day), None)


class EngagementIndex(Mapping[str, Engagements]):
    """Record id -> the engagements involving it, newest first: :func:`engagements_by_record`."""

    def __init__(self, records: Mapping[str, Record], ids: dict[str, list[str]], dates: dict[str, list[str]]) -> None:
        self._records = records
        self._ids = ids
        self._dates = dates

    def __getitem__(self, record_id: str) -> Engagements:
        return Engagements(self._records, self._ids[record_id], self._dates[record_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def until(self, as_of: dt.date) -> EngagementIndex:
        """The index up to ``as_of``, nothing read."""
        day = as_of.isoformat()
        ids: dict[str, list[str]] = {}
        dates: dict[str, list[str]] = {}
        for record_id, listed in self._dates.items():
            kept = [i for i, date in enumerate(listed) if date <= day]
            if kept:
                ids[record_id] = [self._ids[record_id][i] for i in kept]
                dates[record_id] = [listed[i] for i in kept]
        return EngagementIndex(self._records, ids, dates)


def engagements_by_record(data: DataSet, as_of: dt.date | None = None) -> EngagementIndex:
    """Record id -> the engagements involving it, newest first (up to ``as_of`` when given), as
    :func:`involved` says, from what the load cache's index keeps of each engagement (its date and who
    took part): an engagement is read only when a command looks at it.

    Built once, without ``as_of``, it serves every date: :func:`latest` finds the last
    engagement by any of them (the report asks for several dates).
    """
    day = None if as_of is None else as_of.isoformat()
    staff = {person.id: person.works_for for person in data.typed(Person) if person.works_for}
    rows = [
        (facts.latest or "", record_id, facts.refs)
        for record_id, facts in index.facts_of_kind(data, RecordKind.engagements)
        if day is None or (facts.latest or "") <= day
    ]
    rows.sort(reverse=True)  # newest first, as (date, id): every record's list comes out in that order
    ids: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    staffers = staff.keys()
    for date, engagement_id, refs in rows:
        # Each id once (the facts list each once); a staffer's official too, unless already there.
        involving = refs if staffers.isdisjoint(refs) else {*refs, *(staff[ref] for ref in refs if ref in staff)}
        for record_id in involving:
            ids[record_id].append(engagement_id)
            dates[record_id].append(date)
    return EngagementIndex(data.records, dict(ids), dict(dates))


def latest(engagements: Sequence[Engagement], as_of: dt.date) -> Engagement | None:
    """The newest of ``engagements`` (newest first, as an index holds them) dated on or before ``as_of``."""
    if isinstance(engagements, Engagements):
        return engagements.newest_until(as_of.isoformat())
    return next((e for e in engagements if e.date <= as_of), None)


@dataclass(frozen=True)
class OpenFollowUp:
    engagement: Engagement
    number: int  # 1-based, as `capctl followup done ENGAGEMENT N` takes it
    follow_up: FollowUp
    days_overdue: int | None  # None without a due date; negative while not yet due


def open_follow_ups(
    data: DataSet,
    as_of: dt.date,
    owner: str | None = None,
    overdue_only: bool = False,
    due_within: int | None = None,
) -> list[OpenFollowUp]:
    """Follow-ups not done by ``as_of``, most overdue first."""
    found = []
    # The index says which engagements have a follow-up open on that day: only those are read.
    engagements = sorted(index.select(data, RecordKind.engagements, index.open_on(as_of.isoformat())), key=_BY_ID)
    for engagement in engagements:
        if not isinstance(engagement, Engagement) or engagement.date > as_of:
            continue
        for i, follow_up in enumerate(engagement.follow_ups, 1):
            if follow_up.done is not None and follow_up.done <= as_of:
                continue
            if owner is not None and follow_up.owner != owner:
                continue
            overdue = None if follow_up.due is None else (as_of - follow_up.due).days
            if overdue_only and (overdue is None or overdue <= 0):
                continue
            if due_within is not None and (overdue is None or overdue < -due_within):
                continue
            found.append(OpenFollowUp(engagement, i, follow_up, overdue))
    far = -(10**6)
    return sorted(found, key=lambda f: (-(f.days_overdue if f.days_overdue is not None else far), f.engagement.id))


@dataclass(frozen=True)
class Relationship:
    """How recently a record was in touch, against its going-cold threshold."""

    record: Record
    last: Engagement | None
    days_since: int | None  # None: never
    threshold: Threshold
    state: str  # "ok", "going cold" (past warn) or "cold" (past max)


def threshold_for(data: DataSet, record: Record, as_of: dt.date) -> Threshold | None:
    if data.settings is None:
        return None
    thresholds = data.settings.thresholds
    if isinstance(record, Partner):
        status = record.status_on(as_of)
        return None if status is None else getattr(thresholds.partners, PartnerStatus(status).value)
    if isinstance(record, Official):
        return thresholds.officials
    if isinstance(record, Person):
        return thresholds.people
    return None


def relationship_of(
    data: DataSet, record: Record, as_of: dt.date, index: EngagementIndex | None = None
) -> Relationship | None:
    """One record's last contact against its threshold; None when no threshold applies to it.

    ``index`` is :func:`engagements_by_record` up to ``as_of``, when already at hand.
    """
    seen: Sequence[Engagement] = (index if index is not None else engagements_by_record(data, as_of)).get(record.id, [])
    return _relationship(data, record, as_of, seen[0] if seen else None)


def _relationship(data: DataSet, record: Record, as_of: dt.date, last: Engagement | None) -> Relationship | None:
    threshold = threshold_for(data, record, as_of)
    if threshold is None:
        return None
    days = None if last is None else (as_of - last.date).days
    if days is None or days > threshold.max:
        state = "cold"
    elif days > threshold.warn:
        state = "going cold"
    else:
        state = "ok"
    return Relationship(record, last, days, threshold, state)


def relationships(
    data: DataSet,
    as_of: dt.date,
    kinds: Iterable[RecordKind] = (RecordKind.partners, RecordKind.officials),
    index: EngagementIndex | None = None,
) -> list[Relationship]:
    """Every partner, official or person that has a threshold, with its last contact, coldest first.

    Officials out of office on ``as_of`` are left out. ``index`` is :func:`engagements_by_record`
    up to ``as_of``, a later date or none, when already at hand.
    """
    wanted = set(kinds)
    index = index if index is not None else engagements_by_record(data, as_of)
    found = []
    for record in data.of_kinds(wanted):  # sorted by id below
        if isinstance(record, Official) and record.term_end is not None and record.term_end < as_of:
            continue
        relationship = _relationship(data, record, as_of, latest(index.get(record.id, []), as_of))
        if relationship is not None:
            found.append(relationship)
    return sorted(found, key=lambda r: (-(r.days_since if r.days_since is not None else 10**6), r.record.id))


def going_cold(
    data: DataSet,
    as_of: dt.date,
    kinds: Iterable[RecordKind] = (RecordKind.partners, RecordKind.officials),
    index: EngagementIndex | None = None,
) -> list[Relationship]:
    """Relationships past their warning threshold, coldest first (``index`` as in :func:`relationships`)."""
    return [r for r in relationships(data, as_of, kinds, index) if r.state != "ok"]


def how_involved(data: DataSet, engagement: Engagement, record_id: str) -> str:
    """How a record took part in an engagement, in words: ``partner``, ``in person``,
    ``through staff (Jon Lee)``, ``present``, ``discussed``; empty when it did not."""
    record = data.records.get(record_id)
    if isinstance(record, Official):
        staff = [
            p.name
            for p in (data.records.get(i) for i in engagement.people)
            if isinstance(p, Person) and p.works_for == record_id
        ]
        ways = ["in person"] if record_id in engagement.officials else []
        if staff:
            ways.append(f"through staff ({', '.join(staff)})")
        return " and ".join(ways)
    if record_id in engagement.partners:
        return "partner"
    if record_id in engagement.people:
        return "present"
    if record_id in engagement.priorities:
        return "discussed"
    return ""


@dataclass(frozen=True)
class Attendance:
    """A partner at the chapter's most recent chapter meetings."""

    meetings: list[Engagement]  # the last chapter meetings by the as-of date, newest first
    attended: list[Engagement]  # those the partner took part in


def chapter_meeting_attendance(data: DataSet, partner_id: str, as_of: dt.date, last: int = 12) -> Attendance:
    """Which of the last ``last`` chapter meetings (on or before ``as_of``) a partner came to."""
    day, sort = as_of.isoformat(), EngagementKind.chapter_meeting.value
    dated = [
        (facts.latest or "", record_id)
        for record_id, facts in index.facts_of_kind(data, RecordKind.engagements)
        if facts.sort == sort and (facts.latest or "") <= day
    ]
    newest = [record_id for _date, record_id in sorted(dated, reverse=True)[:last]]
    meetings = [e for e in index.read(data, newest) if isinstance(e, Engagement)]
    return Attendance(meetings, [e for e in meetings if partner_id in e.partners])
