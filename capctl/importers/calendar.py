"""Engagements from a calendar's events (``capctl meeting import``): one draft an event, its attendees
matched to people and officials as a sign-in sheet's names are (:func:`capctl.importers.attendance.match_person`).

Each engagement keeps its event's UID (``calendar_uid``): an event already imported is not drafted again,
so importing the same file twice writes nothing the second time. A repeating event shares one UID among
its days; each of them is told apart by its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from capctl.edit.meeting import MeetingInput, new_engagement
from capctl.edit.new import Draft, write
from capctl.importers.attendance import Proposal, match_person
from capctl.importers.ics import Attendee, CalendarEvent, CalendarFile, occurrences
from capctl.importers.sheets import SheetRow
from capctl.models.records import Engagement, Person
from capctl.query.names import PeopleIndex
from capctl.query.summary import Table
from capctl.store.dataset import DataSet, with_records
from capctl.text import fold
from capctl.vocab import EngagementKind, RecordKind

KIND_WORDS: list[tuple[EngagementKind, tuple[str, ...]]] = [
    (EngagementKind.chapter_meeting, ("chapter meeting", "reunion del capitulo")),
    (EngagementKind.lobby_day, ("lobby day", "dia de cabildeo")),
    (EngagementKind.training, ("training", "workshop", "taller", "capacitacion", "entrenamiento")),
    (EngagementKind.hearing, ("hearing", "audiencia")),
    (EngagementKind.forum, ("forum", "foro", "town hall")),
    (EngagementKind.action, ("rally", "march", "vigil", "marcha", "protesta")),
    (EngagementKind.call, ("call", "phone", "llamada")),
]
"""Words of an event's title and the kind of engagement they say it was; one-on-one otherwise."""

MATCHED = ("exact", "name", "chosen")


def guess_kind(title: str | None) -> EngagementKind:
    """``Poverty hearing`` → hearing, ``Call with Jon`` → call; a one-on-one when no word says."""
    text = " ".join(re.findall(r"\w+", fold(title or "")))
    for kind, words in KIND_WORDS:
        if any(re.search(rf"\b{word}\b", text) for word in words):
            return kind
    return EngagementKind.one_on_one


@dataclass
class AttendeeMatch:
    attendee: Attendee
    proposal: Proposal
    """``exact``, ``name`` or ``chosen`` (matched); ``likely``, ``ambiguous``, ``one word`` or ``new`` (matched
    to no one until the organizer chooses), by the sign-in sheet's rules (``attendance.match_person``)."""

    @property
    def record(self) -> str | None:
        return self.proposal.person if self.proposal.match in MATCHED else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.attendee.name,
            "email": self.attendee.email,
            "match": self.proposal.match,
            "why": self.proposal.why,
            "record": self.record,
            "candidates": self.proposal.candidates,
        }


@dataclass
class EventPlan:
    event: CalendarEvent
    status: str
    """``new`` (drafted), ``imported`` (an engagement already has its UID) or ``cancelled``."""
    matches: list[AttendeeMatch] = field(default_factory=list)
    draft: Draft | None = None
    imported_as: str | None = None
    number: int | None = None
    """Its number among the drafts, as the organizer chooses them."""

    def as_dict(self, data: DataSet) -> dict[str, Any]:
        record = self.draft.record if self.draft is not None else None
        return {
            "number": self.number,
            "uid": self.event.uid,
            "date": self.event.date.isoformat(),
            "summary": self.event.summary,
            "status": self.status,
            "engagement": record.id if record is not None else self.imported_as,
            "path": data.display(self.draft.path) if self.draft is not None else None,
            "kind": record.kind.value if isinstance(record, Engagement) else None,
            "officials": record.officials if isinstance(record, Engagement) else [],
            "people": record.people if isinstance(record, Engagement) else [],
            "partners": record.partners if isinstance(record, Engagement) else [],
            "attendees": [m.as_dict() for m in self.matches],
        }


@dataclass
class CalendarPlan:
    calendar: CalendarFile
    since: dt.date
    until: dt.date
    events: list[EventPlan]

    @property
    def drafts(self) -> list[EventPlan]:
        return [e for e in self.events if e.draft is not None]

    def count(self, status: str) -> int:
        return sum(1 for e in self.events if e.status == status)

    @property
    def unmatched(self) -> dict[str, list[AttendeeMatch]]:
        """The attendees of the new events matched to no one, by how they are shown, each with every match."""
        found: dict[str, list[AttendeeMatch]] = {}
        for event in self.drafts:
            for match in event.matches:
                if match.record is None:
                    found.setdefault(match.attendee.label, []).append(match)
        return found

    @property
    def ambiguous(self) -> dict[str, list[str]]:
        """Attendees matched to no one for sure but with candidates (several records, a likely name, a given
        name alone), with the candidates' ids: the organizer may choose."""
        return {
            label: matches[0].proposal.candidates
            for label, matches in self.unmatched.items()
            if matches[0].proposal.uncertain and matches[0].proposal.candidates
        }


def plan(
    data: DataSet,
    calendar: CalendarFile,
    since: dt.date,
    until: dt.date,
    kind: EngagementKind | None = None,
    choices: dict[str, str | None] | None = None,
) -> CalendarPlan:
    """A draft engagement for each event from ``since`` to ``until`` not cancelled nor imported before.

    ``kind`` is every engagement's kind (default: guessed from each title); ``choices`` maps an
    attendee's label to the record the organizer chose among several (None: none of them).
    """
    choices = choices or {}
    index = PeopleIndex(data)
    imported = _imported(data)
    trial = replace(data, records=with_records(data.records), paths=dict(data.paths))
    events: list[EventPlan] = []
    drafted = 0
    for event in occurrences(calendar, since, until):
        known = imported.get((event.uid, event.date if event.repeating else None))
        if event.cancelled or known is not None:
            status = "cancelled" if event.cancelled else "imported"
            events.append(EventPlan(event, status, imported_as=known))
            continue
        matches = [_match(data, index, attendee, choices) for attendee in event.attendees]
        draft = new_engagement(trial, _meeting(data, event, matches, kind))
        trial.records[draft.record.id] = draft.record
        trial.paths[draft.record.id] = draft.path
        imported[(event.uid, event.date if event.repeating else None)] = draft.record.id
        drafted += 1
        events.append(EventPlan(event, "new", matches, draft, number=drafted))
    return CalendarPlan(calendar, since, until, events)


def _imported(data: DataSet) -> dict[tuple[str, dt.date | None], str]:
    """The engagements imported from calendars: by UID alone (a one-off event, wherever it moved) and by UID
    and date (a day of a repeating event)."""
    found: dict[tuple[str, dt.date | None], str] = {}
    for engagement in sorted(data.typed(Engagement), key=lambda e: e.id):
        if engagement.calendar_uid is not None:
            found.setdefault((engagement.calendar_uid, None), engagement.id)
            found.setdefault((engagement.calendar_uid, engagement.date), engagement.id)
    return found


def _match(data: DataSet, index: PeopleIndex, attendee: Attendee, choices: dict[str, str | None]) -> AttendeeMatch:
    row = SheetRow(0, attendee.name or attendee.email or "", email=attendee.email)
    proposal = match_person(data, row, index)
    if proposal.uncertain and attendee.label in choices:
        chosen = choices[attendee.label]
        if chosen is not None and chosen in proposal.candidates:
            proposal = Proposal(row, "chosen", chosen)
    return AttendeeMatch(attendee, proposal)


def _meeting(
    data: DataSet, event: CalendarEvent, matches: list[AttendeeMatch], kind: EngagementKind | None
) -> MeetingInput:
    meeting = MeetingInput(
        date=event.date,
        kind=kind or guess_kind(event.summary),
        title=event.summary,
        location=event.location,
        calendar_uid=event.uid,
    )
    for match in matches:
        record = data.records.get(match.record or "")
        if record is None:
            continue
        if record.collection is RecordKind.officials:
            meeting.officials.append(record.id)
        else:
            meeting.people.append(record.id)
            if isinstance(record, Person) and record.affiliation:
                meeting.partners.append(record.affiliation)
    if meeting.title is None and not (meeting.officials or meeting.people):
        meeting.title = "Untitled calendar event"
    return meeting


def plan_table(data: DataSet, plan: CalendarPlan) -> Table:
    """The events as the organizer reviews them: the drafts numbered, the others with why they are left."""
    table = Table(["n", "date", "title", "kind", "who", "partners", "status"])
    for event in plan.events:
        record = event.draft.record if event.draft is not None else None
        if isinstance(record, Engagement):
            who = [_who(data, m) for m in event.matches if m.record is not None]
            cells = [record.title, record.kind.value, ", ".join(who), ", ".join(record.partners), "new"]
        else:
            status = "cancelled" if event.status == "cancelled" else "already imported"
            cells = [event.event.summary or "", "", "", "", status]
        table.rows.append([str(event.number or ""), event.event.date.isoformat(), *cells])
    return table


def _who(data: DataSet, match: AttendeeMatch) -> str:
    record = data.records[match.record or ""]
    return record.label


def apply(data: DataSet, plan: CalendarPlan, numbers: list[int] | None = None) -> list[Path]:
    """Write the drafts (those ``numbers`` name, else all of them), each checked when it was drafted."""
    chosen = [e for e in plan.drafts if numbers is None or e.number in numbers]
    return [write(data, e.draft)[0] for e in chosen if e.draft is not None]
