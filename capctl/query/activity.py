"""Who was seen when: the engagements behind every relationship.

Shared by the report, ``show``, ``followups`` and ``stale``. Only engagements
dated on or before the as-of date count. A staffer's engagement counts for the
official they work for.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from capctl.models.records import Engagement, FollowUp, Official, Partner, Person, Record
from capctl.models.settings import Threshold
from capctl.store.dataset import DataSet
from capctl.vocab import EngagementKind, PartnerStatus, RecordKind


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


EngagementIndex = dict[str, list[Engagement]]
"""Record id -> the engagements involving it, newest first: :func:`engagements_by_record`."""


def engagements_by_record(data: DataSet, as_of: dt.date | None = None) -> EngagementIndex:
    """Record id -> the engagements involving it, newest first (up to ``as_of`` when given).

    Built once, without ``as_of``, it serves every date: :func:`latest` finds the last
    engagement by any of them (the report asks for several dates).
    """
    employer = {p.id: p.works_for for p in data.records.values() if isinstance(p, Person) and p.works_for}
    index: EngagementIndex = defaultdict(list)
    engagements = [e for e in data.typed(Engagement) if as_of is None or e.date <= as_of]
    # Sorted once, newest first, so that every record's list comes out in that order.
    engagements.sort(key=_BY_DATE_ID, reverse=True)
    for engagement in engagements:
        # The ids of :func:`involved`, with each staffer's official looked up once for all engagements.
        ids = {*engagement.partners, *engagement.people, *engagement.priorities, *engagement.officials}
        for person_id in engagement.people:
            official = employer.get(person_id)
            if official:
                ids.add(official)
        for record_id in ids:
            index[record_id].append(engagement)
    return index


_BY_DATE_ID = operator.attrgetter("date", "id")


def latest(engagements: list[Engagement], as_of: dt.date) -> Engagement | None:
    """The newest of ``engagements`` (newest first, as an index holds them) dated on or before ``as_of``."""
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
    for engagement in data.typed(Engagement):
        if engagement.date > as_of:
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
    seen = (index if index is not None else engagements_by_record(data, as_of)).get(record.id, [])
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
    for record in (r for r in data.records.values() if r.collection in wanted):  # sorted by id below
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
    meetings = sorted(
        (e for e in data.typed(Engagement) if e.kind is EngagementKind.chapter_meeting and e.date <= as_of),
        key=lambda e: (e.date, e.id),
        reverse=True,
    )[:last]
    return Attendance(meetings, [e for e in meetings if partner_id in e.partners])
