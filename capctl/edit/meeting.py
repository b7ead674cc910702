"""A new engagement (``meeting add``) from resolved inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from capctl.edit.new import Draft, build, draft
from capctl.models.records import (
    ID_MAX_LENGTH,
    Engagement,
)
from capctl.problems import CapctlError
from capctl.store.dataset import DataSet
from capctl.text import make_id
from capctl.vocab import (
    EngagementKind,
    Topic,
)

# --- engagements -----------------------------------------------------------


@dataclass
class FollowUpInput:
    task: str
    owner: str | None = None
    due: dt.date | None = None


@dataclass
class MeetingInput:
    """What an organizer says about a meeting, names already resolved to ids."""

    date: dt.date
    kind: EngagementKind = EngagementKind.one_on_one
    title: str | None = None
    topic: Topic | None = None
    officials: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    location: str | None = None
    district: str | None = None
    languages: list[str] = field(default_factory=list)
    headcount: int | None = None
    notes: str | None = None
    follow_ups: list[FollowUpInput] = field(default_factory=list)
    calendar_uid: str | None = None
    """The UID of the calendar event it comes from (``meeting import``)."""


def kind_label(kind: EngagementKind, topic: Topic | None = None) -> str:
    """``One-on-one``, ``Chapter meeting``, ``Budget training``."""
    words = kind.value if kind is EngagementKind.one_on_one else kind.value.replace("-", " ")
    if topic is not None and kind is EngagementKind.training:
        words = f"{topic.value.replace('-', ' ')} {words}"
    return words[:1].upper() + words[1:]


def meeting_title(data: DataSet, meeting: MeetingInput) -> str | None:
    """A title from the kind and who was there: ``One-on-one with Hilda Ramos and Jon Lee``."""
    ids = [*meeting.officials, *meeting.people, *meeting.partners]
    names = [data.records[i].label if i in data.records else i for i in ids]
    if not names:
        return None
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} others"]
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{kind_label(meeting.kind, meeting.topic)} with {who}"


def new_engagement(data: DataSet, meeting: MeetingInput) -> Draft:
    """An engagement filed as ``engagements/<yyyy>/<date>-<slug of the title>.yaml``.

    Without a title, the title names the kind and who was there; with neither, it
    is a usage error.
    """
    title = meeting.title or meeting_title(data, meeting)
    if not title:
        raise CapctlError("give a --title, or who was there (--official, --person, --partner) to name it after")
    slug = make_id(title, "engagement")[: ID_MAX_LENGTH - 15].rstrip("-")
    follow_ups = [{"task": f.task, "owner": f.owner, "due": f.due} for f in meeting.follow_ups]
    record = build(
        Engagement,
        {
            "id": f"{meeting.date.isoformat()}-{slug}",
            "date": meeting.date,
            "kind": meeting.kind,
            "topic": meeting.topic,
            "title": title,
            "location": meeting.location,
            "district": meeting.district,
            "partners": _unique(meeting.partners),
            "officials": _unique(meeting.officials),
            "people": _unique(meeting.people),
            "headcount": meeting.headcount,
            "languages": _unique(meeting.languages),
            "priorities": _unique(meeting.priorities),
            "tags": _unique(meeting.tags),
            "notes": meeting.notes.strip() if meeting.notes and meeting.notes.strip() else None,
            "follow_ups": follow_ups,
            "calendar_uid": meeting.calendar_uid,
        },
    )
    return draft(data, record)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
