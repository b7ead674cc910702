"""Open follow-ups as an iCalendar file (``capctl followups --format ics``), for Google Calendar,
Outlook or any calendar to import or subscribe to.

Each open follow-up with a due date is one all-day event on that date (events rather than to-dos:
Google Calendar and Outlook.com import no to-dos). Its UID names the chapter, the engagement and the
follow-up's number, so it stays the same from one run to the next: importing a newer file updates
the events instead of adding them again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

from capctl.query import activity
from capctl.store.dataset import DataSet
from capctl.text import make_id

PRODID = "-//capctl//follow-ups//EN"


@dataclass
class FollowUpCalendar:
    """The calendar file and what it holds."""

    text: bytes
    events: int
    undated: int
    """Open follow-ups left out: they have no due date to put them on."""


def chapter_slug(data: DataSet) -> str:
    """The chapter's name as it appears in UIDs: ``test-chapter``."""
    return make_id(data.settings.chapter, "chapter") if data.settings is not None else "chapter"


def follow_up_uid(data: DataSet, found: activity.OpenFollowUp) -> str:
    """``followup-2017-02-14-visit-hilda-ramos-2@test-chapter.capctl``: the same on every run."""
    return f"followup-{found.engagement.id}-{found.number}@{chapter_slug(data)}.capctl"


def _owner(data: DataSet, owner: str | None) -> str | None:
    record = data.records.get(owner) if owner else None
    return record.label if record is not None else owner


def follow_up_event(data: DataSet, found: activity.OpenFollowUp, stamp: dt.datetime) -> icalendar.Event:
    """One all-day event on the follow-up's due date: the task (and its owner) as the summary,
    the engagement and how to mark it done in the description."""
    follow_up, engagement = found.follow_up, found.engagement
    assert follow_up.due is not None
    owner = _owner(data, follow_up.owner)
    event = icalendar.Event()
    event.add("uid", follow_up_uid(data, found))
    event.add("dtstamp", stamp)
    event.add("dtstart", follow_up.due)
    event.add("dtend", follow_up.due + dt.timedelta(days=1))
    event.add("summary", f"{follow_up.task} ({owner})" if owner else follow_up.task)
    event.add(
        "description",
        "\n".join(
            [
                f"Task: {follow_up.task}",
                f"Owner: {owner or 'nobody named'}",
                f"Engagement: {engagement.title} on {engagement.date.isoformat()} ({engagement.id})",
                f"Mark it done: capctl followup done {engagement.id} {found.number}",
            ]
        ),
    )
    event.add("categories", ["Follow-up"])
    event.add("transp", "TRANSPARENT")
    return event


def follow_ups_calendar(data: DataSet, found: list[activity.OpenFollowUp], today: dt.date) -> FollowUpCalendar:
    """The open follow-ups ``found`` (see :func:`capctl.query.activity.open_follow_ups`) as a calendar,
    ordered by due date; ``today`` stamps the events, so that a rerun on the same day is the same file."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = data.settings.chapter if data.settings is not None else "capctl"
    calendar.add("x-wr-calname", f"{name}: follow-ups")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    dated = sorted(
        (f for f in found if f.follow_up.due is not None),
        key=lambda f: (f.follow_up.due or today, f.engagement.id, f.number),
    )
    for item in dated:
        calendar.add_component(follow_up_event(data, item, stamp))
    return FollowUpCalendar(calendar.to_ical(), len(dated), len(found) - len(dated))
