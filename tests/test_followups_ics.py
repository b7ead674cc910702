"""`capctl followups --format ics`: open follow-ups as all-day events a calendar imports, each with a UID
that stays the same from run to run, so that importing again updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.test_followups import PROMISES

MEETING = "engagements/2017/2017-06-20-coffee-with-maria.yaml"


@pytest.fixture
def promises(chapter: Path) -> Path:
    (chapter / MEETING).write_text(PROMISES, encoding="utf-8")
    return chapter


def ics(run, chapter: Path, *args: str) -> tuple[bytes, str]:
    result = run("--data", chapter, "followups", *args, "--format", "ics")
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes, result.stderr


def events(text: bytes) -> list[tuple[str, dt.date, str]]:
    calendar = icalendar.Calendar.from_ical(text)
    return [(str(e["UID"]), e.DTSTART, str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]


class CalendarStore:
    """What a calendar app does with an imported file: events kept by UID, a known UID replaced."""

    def __init__(self) -> None:
        self.events: dict[str, icalendar.Event] = {}

    def import_file(self, text: bytes) -> None:
        for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            self.events[str(event["UID"])] = event

    def on(self, day: dt.date) -> list[str]:
        return sorted(str(e["SUMMARY"]) for e in self.events.values() if day == e.DTSTART)


def test_the_calendar_file_is_exactly_this(chapter: Path, run) -> None:
    text, stderr = ics(run, chapter)
    assert text.decode("utf-8") == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//capctl//follow-ups//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Test Chapter: follow-ups\r\n"
        "BEGIN:VEVENT\r\n"
        "SUMMARY:Invite her to the Poverty Hearing (Ana Cruz)\r\n"
        "DTSTART;VALUE=DATE:20170315\r\n"
        "DTEND;VALUE=DATE:20170316\r\n"
        "DTSTAMP:20170630T000000Z\r\n"
        "UID:followup-2017-02-14-visit-hilda-ramos-2@test-chapter.capctl\r\n"
        "CATEGORIES:Follow-up\r\n"
        "DESCRIPTION:Task: Invite her to the Poverty Hearing\\nOwner: Ana Cruz\\nEnga\r\n"
        " gement: Visit with Supervisor Ramos on 2017-02-14 (2017-02-14-visit-hilda-\r\n"
        " ramos)\\nMark it done: capctl followup done 2017-02-14-visit-hilda-ramos 2\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    assert stderr == "1 open follow-up in the calendar\n"


def test_each_open_follow_up_with_a_due_date_is_an_all_day_event_on_that_date(promises: Path, run) -> None:
    text, stderr = ics(run, promises)
    assert events(text) == [
        (
            "followup-2017-02-14-visit-hilda-ramos-2@test-chapter.capctl",
            dt.date(2017, 3, 15),
            "Invite her to the Poverty Hearing (Ana Cruz)",
        ),
        (
            "followup-2017-06-20-coffee-with-maria-1@test-chapter.capctl",
            dt.date(2017, 7, 3),
            "Send her the hearing flyer in Spanish (María Martínez)",
        ),
        (
            "followup-2017-06-20-coffee-with-maria-2@test-chapter.capctl",
            dt.date(2017, 7, 30),
            "Book the room for the July training (Ana Cruz)",
        ),
    ]
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[1]
    assert (event.DTSTART, event.DTEND, str(event["TRANSP"])) == (
        dt.date(2017, 7, 3),
        dt.date(2017, 7, 4),
        "TRANSPARENT",
    )
    assert str(event["DESCRIPTION"]).splitlines() == [
        "Task: Send her the hearing flyer in Spanish",
        "Owner: María Martínez",
        "Engagement: Coffee with María on 2017-06-20 (2017-06-20-coffee-with-maria)",
        "Mark it done: capctl followup done 2017-06-20-coffee-with-maria 1",
    ]
    # The done one is not there; the one without a due date has no day to go on.
    assert stderr == "3 open follow-ups in the calendar; 1 without a due date left out\n"


def test_owner_and_due_within_filter_the_calendar_as_they_do_the_table(promises: Path, run) -> None:
    assert [uid for uid, _, _ in events(ics(run, promises, "--owner", "María Martínez")[0])] == [
        "followup-2017-06-20-coffee-with-maria-1@test-chapter.capctl"
    ]
    assert [uid for uid, _, _ in events(ics(run, promises, "--owner", "ana-cruz", "--due-within", "7")[0])] == [
        "followup-2017-02-14-visit-hilda-ramos-2@test-chapter.capctl"
    ]
    text, stderr = ics(run, promises, "--owner", "jon-lee")
    assert events(text) == []
    assert stderr == "0 open follow-ups in the calendar\n"


def test_importing_again_updates_the_events_instead_of_adding_them_twice(promises: Path, run) -> None:
    store = CalendarStore()
    first = ics(run, promises)[0]
    store.import_file(first)
    store.import_file(first)
    assert len(store.events) == 3

    # A week later the flyer is due later, and the hearing invitation was done.
    meeting = promises / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("due: 2017-07-03", "due: 2017-07-10"), "utf-8")
    assert run("--data", promises, "followup", "done", "2017-02-14-visit-hilda-ramos", "2").exit_code == 0
    second = ics(run, promises)[0]
    assert second != first
    store.import_file(second)

    assert len(store.events) == 3
    assert store.on(dt.date(2017, 7, 3)) == []
    assert store.on(dt.date(2017, 7, 10)) == ["Send her the hearing flyer in Spanish (María Martínez)"]
    # A file holds open follow-ups only: one done since stays as it was in a calendar that imported it.
    assert store.on(dt.date(2017, 3, 15)) == ["Invite her to the Poverty Hearing (Ana Cruz)"]


def test_the_same_data_gives_the_same_file(promises: Path, run) -> None:
    assert ics(run, promises)[0] == ics(run, promises)[0]
