"""Everything about one record for ``capctl show``: its fields, its timeline, its last contact,
open follow-ups, and what is particular to its kind.

:func:`profile` returns text sections for a terminal (the CLI only lays them out) and the same
facts as JSON-ready data. Every count comes with the records behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from capctl.models.records import Engagement, Official, Partner, Person, Priority, Record, Testimony
from capctl.query import activity
from capctl.query.attention import follow_up_row, overdue_words
from capctl.query.listing import Context, row
from capctl.query.summary import Table
from capctl.references import references
from capctl.store.dataset import DataSet

CHAPTER_MEETINGS_COUNTED = 12
"""``show`` for a partner counts its attendance at this many of the latest chapter meetings."""

SECTION_FIELDS = {"status_history", "follow_ups", "positions", "strategies", "offices", "consent"}
"""Fields shown as sections of their own rather than as one line."""

BOOKKEEPING_FIELDS = {"imported"}
"""Fields capctl keeps for itself (an official's last Open States import): in --format json, not on screen."""


@dataclass
class Section:
    title: str
    table: Table | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Profile:
    title: str  # the record's name or title
    subtitle: str  # its kind, id and file
    fields: list[tuple[str, str]]
    sections: list[Section]
    data: dict[str, Any]  # the same facts for --format json


def profile(data: DataSet, record: Record, as_of: dt.date) -> Profile:
    """What ``capctl show`` prints about ``record`` on ``as_of``."""
    everything = activity.engagements_by_record(data)  # planned engagements too, for the timeline
    index = everything.until(as_of)
    context = Context(data, as_of, index)
    path = data.paths.get(record.id)
    shown_path = data.display(path) if path else ""
    result = Profile(
        title=record.label,
        subtitle=f"{record.collection.singular} {record.id}" + (f" · {shown_path}" if shown_path else ""),
        fields=_fields(data, record),
        sections=[],
        data={"kind": record.collection.singular, "id": record.id, "path": shown_path, "record": row(record, context)},
    )
    if isinstance(record, Official | Partner | Person | Priority):
        _contact(data, record, as_of, index, result)
    if isinstance(record, Official):
        _official(data, record, as_of, context, result)
    elif isinstance(record, Partner):
        _partner(data, record, as_of, context, result)
    elif isinstance(record, Person):
        _person(data, record, context, result)
    elif isinstance(record, Priority):
        _priority(data, record, result)
    elif isinstance(record, Engagement):
        _engagement(data, record, as_of, result)
    if isinstance(record, Official | Partner | Person | Priority):
        _timeline(data, record, as_of, everything.get(record.id, []), result)
    return result


# --- the record's own fields ----------------------------------------------


def _fields(data: DataSet, record: Record) -> list[tuple[str, str]]:
    refs = {str(loc[0]) for loc, _, _ in references(record) if len(loc) <= 2}
    shown = []
    dumped = record.model_dump(mode="json", by_alias=True, exclude={"id"})
    for name, value in dumped.items():
        if name in SECTION_FIELDS or name in BOOKKEEPING_FIELDS or value in (None, [], {}):
            continue
        if name in refs:
            ids = value if isinstance(value, list) else [value]
            text = ", ".join(_ref(data, i) for i in ids)
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        shown.append((name, text))
    if isinstance(record, Testimony):
        shown.append(("consent", _consent(record)))
    return shown


def _consent(testimony: Testimony) -> str:
    consent = testimony.consent
    if consent is None:
        return "none recorded (kept out of anything published)"
    parts = [consent.scope.value, str(consent.date or ""), consent.note or ""]
    return ", ".join(p for p in parts if p)


def _ref(data: DataSet, record_id: str) -> str:
    record = data.records.get(record_id)
    return f"{record.label} ({record_id})" if record else f"{record_id} (unknown)"


def _label(data: DataSet, record_id: str | None) -> str:
    if record_id is None:
        return ""
    record = data.records.get(record_id)
    return record.label if record else record_id


# --- what every relationship has -------------------------------------------


def _contact(data: DataSet, record: Record, as_of: dt.date, index: activity.EngagementIndex, result: Profile) -> None:
    seen: Sequence[Engagement] = index.get(record.id, [])
    last = seen[0] if seen else None
    relationship = activity.relationship_of(data, record, as_of, index)
    if last is None:
        text = "never"
        result.data["last_contact"] = None
    else:
        days = (as_of - last.date).days
        text = f"{last.date} ({days} days ago): {last.title} [{last.id}]"
        result.data["last_contact"] = {"date": last.date.isoformat(), "days_since": days, "engagement": last.id}
    if relationship is not None:
        limits = relationship.threshold
        text += f"; {relationship.state} (going cold after {limits.warn} days, cold after {limits.max})"
        result.data["relationship"] = {"state": relationship.state, "warn": limits.warn, "max": limits.max}
    else:
        result.data["relationship"] = None
    result.fields.append(("last discussed" if isinstance(record, Priority) else "last contact", text))


def _timeline(
    data: DataSet, record: Record, as_of: dt.date, engagements: Sequence[Engagement], result: Profile
) -> None:
    table = Table(["date", "kind", "title", "how", "id"])
    entries = []
    for engagement in engagements:
        how = activity.how_involved(data, engagement, record.id)
        upcoming = engagement.date > as_of
        table.rows.append(
            [
                f"{engagement.date}" + (" (upcoming)" if upcoming else ""),
                engagement.kind.value,
                engagement.title,
                how,
                engagement.id,
            ]
        )
        entries.append(
            {
                "date": engagement.date.isoformat(),
                "id": engagement.id,
                "kind": engagement.kind.value,
                "title": engagement.title,
                "how": how,
                "upcoming": upcoming,
            }
        )
    result.sections.append(
        Section("Timeline, newest first", table if table.rows else None, [] if table.rows else ["none"])
    )
    result.data["timeline"] = entries
    ids = {e.id for e in engagements}
    owner = record.id if isinstance(record, Person) else None
    open_ones = [
        f
        for f in activity.open_follow_ups(data, as_of)
        if f.engagement.id in ids or (owner is not None and f.follow_up.owner == owner)
    ]
    _follow_up_section(data, open_ones, result)


def _follow_up_section(data: DataSet, open_ones: list[activity.OpenFollowUp], result: Profile) -> None:
    table = Table(["engagement", "n", "task", "owner", "due", "when"])
    for f in open_ones:
        table.rows.append(
            [
                f.engagement.id,
                str(f.number),
                f.follow_up.task,
                _label(data, f.follow_up.owner),
                str(f.follow_up.due or ""),
                overdue_words(f.days_overdue),
            ]
        )
    result.sections.append(Section("Open follow-ups", table if table.rows else None, [] if table.rows else ["none"]))
    result.data["open_follow_ups"] = [follow_up_row(data, f) for f in open_ones]


# --- by kind ----------------------------------------------------------------


def _people_table(data: DataSet, people: list[tuple[Person, str]], context: Context) -> Table:
    table = Table(["id", "name", "title", "role", "last contact"])
    for person, role in people:
        last = context.last_contact(person.id)
        table.rows.append(
            [
                person.id,
                person.name,
                person.title or "",
                role,
                "never" if last is None else f"{last} ({(context.as_of - last).days} days ago)",
            ]
        )
    return table


def _official(data: DataSet, official: Official, as_of: dt.date, context: Context, result: Profile) -> None:
    staff = activity.staff_by_official(data).get(official.id, [])
    result.sections.append(
        Section(
            "Staff",
            _people_table(data, [(p, "staff") for p in staff], context) if staff else None,
            [] if staff else ["none recorded (people whose works_for is this official)"],
        )
    )
    result.data["staff"] = [p.id for p in staff]
    if official.offices:
        offices = Table(["office", "address", "phone", "fax"])
        for office in official.offices:
            offices.rows.append([office.classification, office.address or "", office.phone or "", office.fax or ""])
        result.sections.insert(0, Section("Offices", offices))
    table = Table(["priority", "stance", "since", "source", "id"])
    positions = []
    for priority in data.typed(Priority):
        position = priority.position_of(official.id, as_of)
        if position is None:
            continue
        table.rows.append(
            [priority.title, position.stance.value, str(position.date or ""), position.source or "", priority.id]
        )
        positions.append(
            {
                "priority": priority.id,
                "stance": position.stance.value,
                "date": None if position.date is None else position.date.isoformat(),
                "source": position.source,
            }
        )
    result.sections.append(
        Section("Positions on priorities", table if positions else None, [] if positions else ["none recorded"])
    )
    result.data["positions"] = positions


def _partner(data: DataSet, partner: Partner, as_of: dt.date, context: Context, result: Profile) -> None:
    result.fields.insert(1, ("status", f"{partner.status_on(as_of) or 'none yet'} (on {as_of})"))
    history = Table(["date", "status", "note"])
    for change in reversed(partner.status_history):
        history.rows.append([str(change.date), change.status.value, change.note or ""])
    result.sections.append(Section("Status history, newest first", history))
    people: list[tuple[Person, str]] = []
    for person_id in partner.contacts:
        person = data.records.get(person_id)
        if isinstance(person, Person):
            people.append((person, "contact"))
    listed = set(partner.contacts)
    people += [(p, "member") for p in data.typed(Person) if p.affiliation == partner.id and p.id not in listed]
    result.sections.append(
        Section(
            "Contacts and members",
            _people_table(data, people, context) if people else None,
            [] if people else ["none recorded"],
        )
    )
    result.data["contacts"] = [p.id for p, role in people if role == "contact"]
    result.data["members"] = [p.id for p, role in people if role == "member"]
    attendance = activity.chapter_meeting_attendance(data, partner.id, as_of, CHAPTER_MEETINGS_COUNTED)
    came = {e.id for e in attendance.attended}
    meetings = Table(["date", "title", "came", "id"])
    for meeting in attendance.meetings:
        meetings.rows.append([str(meeting.date), meeting.title, "yes" if meeting.id in came else "no", meeting.id])
    total = len(attendance.meetings)
    if total < CHAPTER_MEETINGS_COUNTED:
        summary = f"came to {len(came)} of the {total} chapter meeting{'s' * (total != 1)} recorded by {as_of}"
    else:
        summary = f"came to {len(came)} of the last {total} chapter meetings"
    result.sections.append(Section(f"Chapter meetings: {summary}", meetings if total else None))
    result.data["chapter_meetings"] = {
        "counted": total,
        "attended": [e.id for e in attendance.attended],
        "missed": [e.id for e in attendance.meetings if e.id not in came],
    }


def _person(data: DataSet, person: Person, context: Context, result: Profile) -> None:
    contact_for = [p for p in data.typed(Partner) if person.id in p.contacts]
    if contact_for:
        result.fields.append(("contact for", ", ".join(_ref(data, p.id) for p in contact_for)))
    result.data["contact_for"] = [p.id for p in contact_for]


def _priority(data: DataSet, priority: Priority, result: Profile) -> None:
    strategies = Table(["strategy", "partners"])
    for strategy in priority.strategies:
        strategies.rows.append([strategy.summary, ", ".join(_label(data, p) for p in strategy.partners)])
    result.sections.append(
        Section("Strategies", strategies if strategies.rows else None, [] if strategies.rows else ["none yet"])
    )
    positions = Table(["date", "official", "stance", "source"])
    for position in reversed(priority.positions):
        positions.rows.append(
            [str(position.date or ""), _label(data, position.official), position.stance.value, position.source or ""]
        )
    result.sections.append(
        Section("Positions, newest first", positions if positions.rows else None, [] if positions.rows else ["none"])
    )


def _engagement(data: DataSet, engagement: Engagement, as_of: dt.date, result: Profile) -> None:
    represented = activity.officials_represented(data, engagement)
    if represented:
        result.fields.append(
            ("officials represented", ", ".join(f"{_label(data, o)} ({how})" for o, how in represented.items()))
        )
    result.data["officials_represented"] = represented
    table = Table(["n", "task", "owner", "due", "done"])
    for number, follow_up in enumerate(engagement.follow_ups, 1):
        done = follow_up.done is not None and follow_up.done <= as_of
        table.rows.append(
            [
                str(number),
                follow_up.task,
                _label(data, follow_up.owner),
                str(follow_up.due or ""),
                str(follow_up.done) if done else "open",
            ]
        )
    result.sections.append(
        Section(
            "Follow-ups (mark one done: capctl followup done ENGAGEMENT N)" if table.rows else "Follow-ups",
            table if table.rows else None,
            [] if table.rows else ["none"],
        )
    )
