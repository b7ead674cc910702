"""Reading a calendar exported as iCalendar (``.ics``) from Google Calendar, Outlook or another calendar:
the events on some dates, with who was invited.

``icalendar`` parses the file; ``recurring-ical-events`` works out the days a repeating event falls on
(its RRULE less its EXDATEs, with the occurrences moved or cancelled one by one) and reads times in the
calendar's own time zone (Google's ``X-WR-TIMEZONE``). Planning engagements from the events is
:mod:`capctl.importers.calendar`'s work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from capctl.problems import CapctlError

MAX_CALENDAR_BYTES = 50_000_000
"""Years of a busy calendar export fit well within this."""

EXPORT_HINT = "export it again as .ics (Google Calendar: Settings, Import & export; Outlook: File, Save Calendar)"

WHEN = {"DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
"""The properties that say which days an event falls on: one that cannot be read refuses the file
(any other is left out)."""

SKIPPED_USER_TYPES = {"ROOM", "RESOURCE"}
"""Invitees that are rooms and equipment, not people."""


@dataclass(frozen=True)
class Attendee:
    """Someone invited (or the organizer), as the calendar names them."""

    name: str | None
    """The display name (``CN``), when it is a name and not an email address."""
    email: str | None

    @property
    def label(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email or "?"


@dataclass
class CalendarEvent:
    """One event on one day: a repeating event gives one a day it falls on."""

    uid: str
    date: dt.date
    """The day it starts, in the calendar's time zone (else the event's own)."""
    summary: str | None
    location: str | None
    cancelled: bool
    repeating: bool
    """An occurrence of a repeating event: its UID is shared with the other days, its date tells them apart."""
    attendees: list[Attendee] = field(default_factory=list)
    """The organizer and the invitees, in the calendar's order, without rooms and those who declined."""


@dataclass
class CalendarFile:
    path: Path
    producer: str
    """What wrote it, from its PRODID: ``Google Calendar``, ``Microsoft Outlook``..."""
    calendar: icalendar.Calendar
    events: int
    """How many events the file holds (a repeating event counts once)."""


def read_calendar(path: Path) -> CalendarFile:
    """Read and check a calendar file; a usage error when it is not one, or an event has no UID or start date."""
    text = _read_text(path)
    body = text.lstrip("\ufeff \t\r\n")
    if not body[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise CapctlError(f"{path}: not an iCalendar file (it does not begin with BEGIN:VCALENDAR); {EXPORT_HINT}")
    if not body.rstrip().upper().endswith("END:VCALENDAR"):
        raise CapctlError(f"{path}: the calendar is cut short (it does not end with END:VCALENDAR); {EXPORT_HINT}")
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except ValueError as exc:
        reason = str(exc).split("\n")[0]
        if reason.startswith("Found no components"):
            reason = "its BEGIN and END lines do not pair up"
        raise CapctlError(f"{path}: cannot read the calendar: {reason}; {EXPORT_HINT}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise CapctlError(f"{path}: not an iCalendar file (it holds no VCALENDAR); {EXPORT_HINT}")
    events = calendar.walk("VEVENT")
    for number, event in enumerate(events, 1):
        _check_event(path, number, event)
    return CalendarFile(path, _producer(calendar), calendar, len({str(e["UID"]).strip() for e in events}))


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CALENDAR_BYTES:
            raise CapctlError(f"{path}: too large for a calendar ({size:,} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CapctlError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CapctlError(f"{path}: is a folder, not a calendar file") from None
    if raw.startswith(b"PK\x03\x04"):
        raise CapctlError(f"{path}: a ZIP archive, not a calendar; unzip it and import the .ics file it holds")
    if b"\x00" in raw:
        raise CapctlError(f"{path}: not a text file; {EXPORT_HINT}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # RFC 5545 says UTF-8; an old export in Windows-1252 still reads.
        return raw.decode("cp1252", errors="replace")


def _check_event(path: Path, number: int, event: icalendar.cal.Component) -> None:
    """An event capctl can import: a UID to know it again, a start date to file it under."""
    summary = str(event.get("SUMMARY", "")).strip()
    which = f"event {number}" + (f" ({summary!r})" if summary else "")
    if not str(event.get("UID", "")).strip():
        raise CapctlError(f"{path}: {which} has no UID, so a second import could not know it; {EXPORT_HINT}")
    for name, message in event.errors:
        if name == "DTSTART":
            value = event.get("DTSTART")
            raise CapctlError(f"{path}: {which} has a start (DTSTART) that is not a date: {str(value)!r}")
        if name is None or name in WHEN:
            what = "a line" if name is None else name
            raise CapctlError(f"{path}: {which}: {what} cannot be read ({message}); {EXPORT_HINT}")
    if event.get("DTSTART") is None:
        raise CapctlError(
            f"{path}: {which} has no start date (DTSTART); give it a date in the calendar and export again"
        )


def _producer(calendar: icalendar.Calendar) -> str:
    prodid = str(calendar.get("PRODID", ""))
    for needle, name in (("Google", "Google Calendar"), ("Outlook", "Microsoft Outlook"), ("Apple", "Apple Calendar")):
        if needle.casefold() in prodid.casefold():
            return name
    return prodid.strip("-/ ") or "an unnamed calendar program"


def occurrences(calendar: CalendarFile, since: dt.date, until: dt.date) -> list[CalendarEvent]:
    """The events starting from ``since`` to ``until`` (both included), by day and UID; the days of
    repeating events worked out, cancelled ones kept and marked."""
    repeating = {
        str(e["UID"]) for e in calendar.calendar.walk("VEVENT") if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(e)
    }
    try:
        found = recurring_ical_events.of(calendar.calendar).between(since, until + dt.timedelta(days=1))
    except (recurring_ical_events.InvalidCalendar, ValueError) as exc:
        raise CapctlError(f"{calendar.path}: cannot work out the days of its events: {exc}; {EXPORT_HINT}") from None
    events = []
    for event in found:
        day = _day(event.DTSTART)
        if not since <= day <= until:
            continue  # started before `since` and still going on that day
        uid = str(event["UID"]).strip()
        events.append(
            CalendarEvent(
                uid=uid,
                date=day,
                summary=_text(event.get("SUMMARY")),
                location=_text(event.get("LOCATION")),
                cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
                repeating=uid in repeating,
                attendees=attendees(event),
            )
        )
    return sorted(events, key=lambda e: (e.date, e.uid))


def _day(start: dt.date | dt.datetime) -> dt.date:
    return start.date() if isinstance(start, dt.datetime) else start


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def attendees(event: icalendar.Event) -> list[Attendee]:
    """The organizer, then the invitees, each once; rooms, equipment and those who declined left out."""
    found: list[Attendee] = []
    addresses = [event.get("ORGANIZER"), *_as_list(event.get("ATTENDEE"))]
    for address in addresses:
        if address is None:
            continue
        params = getattr(address, "params", {})
        if str(params.get("CUTYPE", "")).upper() in SKIPPED_USER_TYPES:
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        email = _email(str(address))
        name = _text(params.get("CN"))
        if name is not None and (name.strip("'\"") == email or "@" in name):
            name = None
        attendee = Attendee(name.strip("'\"") if name else None, email)
        if (attendee.name or attendee.email) and not any(_same(attendee, other) for other in found):
            found.append(attendee)
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _email(address: str) -> str | None:
    address = address.strip()
    if address[:7].lower() == "mailto:":
        address = address[7:]
    return address if "@" in address else None


def _same(a: Attendee, b: Attendee) -> bool:
    if a.email and b.email:
        return a.email.casefold() == b.email.casefold()
    return a.name is not None and a.name == b.name
