"""`capctl meeting import FILE.ics`: each event of a calendar becomes an engagement, attendees matched to
people and officials, the event's UID kept so that a second import writes nothing.

The fixtures are written as Google Calendar and Outlook export them: VTIMEZONE blocks, a repeating event
with an EXDATE (and, in Google's, a day cancelled on its own), an all-day event, a cancelled event,
ORGANIZER and ATTENDEE with mailto: and CN=, a room booked as an attendee, Outlook's X-MS-OLK properties.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, snapshot

CALENDARS = FIXTURES / "calendars"
GOOGLE = CALENDARS / "google.ics"
OUTLOOK = CALENDARS / "outlook.ics"
RULE = "─" * 120
SCHEMA = "# yaml-language-server: $schema=../../schemas/engagement.schema.json\n"
GOOGLE_UID = "5p2qk0hbl3v1m8ehp9lrc7nq4s@google.com"

GOOGLE_TABLE = (
    "n   date         title                               kind         who                        partners          status\n"
    f"{RULE}\n"
    "1   2017-06-05   Check-in with María Martínez        one-on-one   Ana Cruz, María Martínez   east-la-tenants   new\n"
    "2   2017-06-08   Coffee with Jon Lee and Pat Doe     one-on-one   Ana Cruz, Jon Lee                            new\n"
    "3   2017-06-12   Check-in with María Martínez        one-on-one   Ana Cruz, María Martínez   east-la-tenants   new\n"
    "4   2017-06-14   Poverty hearing at the Board of     hearing      Ana Cruz, Hilda Ramos                        new\n"
    "                 Supervisors\n"
    "    2017-06-20   Lunch with Koreatown Workers                                                                  cancelled\n"
    "                 Alliance\n"
    "    2017-06-26   Check-in with María Martínez                                                                  cancelled\n"
)

GOOGLE_FILES = {
    "2017-06-05-check-in-with-maria-martinez.yaml": (
        f"{SCHEMA}date: 2017-06-05\nkind: one-on-one\ntitle: Check-in with María Martínez\n"
        "partners:\n  - east-la-tenants\npeople:\n  - ana-cruz\n  - maria-martinez\n"
        f"calendar_uid: {GOOGLE_UID}\n"
    ),
    "2017-06-08-coffee-with-jon-lee-and-pat-doe.yaml": (
        f"{SCHEMA}date: 2017-06-08\nkind: one-on-one\ntitle: Coffee with Jon Lee and Pat Doe\n"
        "location: Philippe the Original, 1001 N Alameda St, Los Angeles, CA 90012, USA\n"
        "people:\n  - ana-cruz\n  - jon-lee\n"
        "calendar_uid: 1l0b4u9h2t6s8kq3m5p7r9v2x4@google.com\n"
    ),
    "2017-06-12-check-in-with-maria-martinez.yaml": (
        f"{SCHEMA}date: 2017-06-12\nkind: one-on-one\ntitle: Check-in with María Martínez\n"
        "partners:\n  - east-la-tenants\npeople:\n  - ana-cruz\n  - maria-martinez\n"
        f"calendar_uid: {GOOGLE_UID}\n"
    ),
    "2017-06-14-poverty-hearing-at-the-board-of-supervisors.yaml": (
        f"{SCHEMA}date: 2017-06-14\nkind: hearing\ntitle: Poverty hearing at the Board of Supervisors\n"
        "location: Kenneth Hahn Hall of Administration, 500 W Temple St, Los Angeles, CA 90012, USA\n"
        "officials:\n  - hilda-ramos\npeople:\n  - ana-cruz\n"
        "calendar_uid: 7r3n6k1d9f2g4h8j0l5m3p6q1s@google.com\n"
    ),
}


def new_files(chapter: Path, before: dict[str, bytes]) -> dict[str, str]:
    return {
        Path(name).name: content.decode("utf-8") for name, content in snapshot(chapter).items() if name not in before
    }


def test_without_a_terminal_the_drafts_are_shown_and_nothing_is_written(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "import", GOOGLE)
    assert result.exit_code == 0
    assert result.stdout == GOOGLE_TABLE
    assert result.stderr == (
        f"{GOOGLE}: Google Calendar, 5 events; from 2017-05-31 to 2017-06-30: 4 new, 0 already imported, 2 cancelled\n"
        "warning: 2017-06-05 Check-in with María Martínez: title: names María Martínez, who has not agreed to be named: "
        "public output says a member of their partner instead "
        "(if they agreed: capctl person consent maria-martinez --public-name yes)\n"
        "warning: 2017-06-12 Check-in with María Martínez: title: names María Martínez, who has not agreed to be named: "
        "public output says a member of their partner instead "
        "(if they agreed: capctl person consent maria-martinez --public-name yes)\n"
        "not matched: Pat Doe <pat.doe@example.com> (2017-06-08)\n"
        "to have them on the engagements: write none, add them (capctl person add), then import again\n"
        "nothing was written: run again with --yes to write 4 engagements\n"
    )
    assert snapshot(chapter) == before


def test_a_google_export_becomes_engagements_and_a_second_import_writes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "import", GOOGLE, "--yes")
    assert result.exit_code == 0, result.stderr
    # The weekly check-in on its Mondays less the EXDATE (06-19) and the day cancelled (06-26); the coffee
    # at 18:30 in Los Angeles (01:30 UTC the next day); the all-day hearing without the room booked for it;
    # Hilda Ramos declined the coffee; the lunch was cancelled; the May call is before the 30 days imported.
    assert result.stdout == GOOGLE_TABLE + "".join(
        f"wrote {chapter}/engagements/2017/{name}\n" for name in GOOGLE_FILES
    )
    assert new_files(chapter, before) == GOOGLE_FILES
    assert run("--data", chapter, "check").exit_code == 0
    assert (
        run("--data", chapter, "fmt", "--check", *(chapter / "engagements/2017" / n for n in GOOGLE_FILES)).exit_code
        == 0
    )

    after = snapshot(chapter)
    again = run("--data", chapter, "meeting", "import", GOOGLE, "--yes")
    assert again.exit_code == 0
    assert snapshot(chapter) == after
    assert again.stdout.splitlines()[2:4] == [
        "    2017-06-05   Check-in with María Martínez                                          already imported",
        "    2017-06-08   Coffee with Jon Lee and Pat Doe                                       already imported",
    ]
    assert again.stderr == (
        f"{GOOGLE}: Google Calendar, 5 events; from 2017-05-31 to 2017-06-30: 0 new, 4 already imported, 2 cancelled\n"
        "nothing to write: no new event on those days\n"
    )


def test_an_outlook_export_becomes_engagements_and_a_second_import_writes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "import", OUTLOOK, "--since", "2017-03-01", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{OUTLOOK}: Microsoft Outlook, 4 events; from 2017-03-01 to 2017-06-30: 5 new, 0 already imported, 1 cancelled"
    )
    uid = "040000008200E00074C5B7101A82E00800000000D0B2E3C0E4C2D201000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90"
    chapter_meeting = (
        f"{SCHEMA}date: {{}}\nkind: chapter-meeting\ntitle: LA chapter meeting\nlocation: Boyle Heights Community Center\n"
        f"partners:\n  - east-la-tenants\npeople:\n  - ana-cruz\n  - maria-martinez\ncalendar_uid: {uid}\n"
    )
    # Third Thursdays at 18:00 Pacific (01:00 UTC the next day), the April one taken out by an EXDATE;
    # "Maria Martinez" at a Gmail address is María Martínez by name; Assemblymember Kim is Paul Kim's alias.
    assert new_files(chapter, before) == {
        "2017-03-16-la-chapter-meeting.yaml": chapter_meeting.format("2017-03-16"),
        "2017-05-18-la-chapter-meeting.yaml": chapter_meeting.format("2017-05-18"),
        "2017-06-15-la-chapter-meeting.yaml": chapter_meeting.format("2017-06-15"),
        "2017-06-22-call-with-jon-lee-on-the-june-budget.yaml": (
            f"{SCHEMA}date: 2017-06-22\nkind: call\ntitle: Call with Jon Lee on the June budget\n"
            "location: Microsoft Teams Meeting\npeople:\n  - ana-cruz\n  - jon-lee\n"
            "calendar_uid: 040000008200E00074C5B7101A82E00800000000F1A2B3C4D5E6D2010000000000000000100000001122334455667788990011223344556677\n"
        ),
        "2017-06-27-lobby-day-in-sacramento.yaml": (
            f"{SCHEMA}date: 2017-06-27\nkind: lobby-day\ntitle: Lobby day in Sacramento\n"
            "location: State Capitol, Sacramento\nofficials:\n  - paul-kim\npeople:\n  - ana-cruz\n"
            "calendar_uid: 040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5D20100000000000000001000000055AA66BB77CC88DD99EE00FF11223344\n"
        ),
    }
    assert "    2017-06-23   Canceled: Call with Valley" in result.stdout
    after = snapshot(chapter)
    again = run("--data", chapter, "meeting", "import", OUTLOOK, "--since", "2017-03-01", "--yes")
    assert (again.exit_code, snapshot(chapter)) == (0, after)
    assert "0 new, 5 already imported, 1 cancelled" in again.stderr


def test_the_organizer_chooses_which_drafts_to_write(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "import", GOOGLE, input="five\n2 4\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        "Write which of the 4 engagements? all, none, or numbers such as 1 3-4 [all]: "
        "  answer all, none, or numbers from 1 to 4\n"
        "Write which of the 4 engagements? all, none, or numbers such as 1 3-4 [all]: "
        "commit them: git add "
        f"{chapter}/engagements/2017/2017-06-08-coffee-with-jon-lee-and-pat-doe.yaml "
        f"{chapter}/engagements/2017/2017-06-14-poverty-hearing-at-the-board-of-supervisors.yaml "
        "&& git commit -m 'Meetings from google.ics'\n"
    )
    assert sorted(new_files(chapter, before)) == [
        "2017-06-08-coffee-with-jon-lee-and-pat-doe.yaml",
        "2017-06-14-poverty-hearing-at-the-board-of-supervisors.yaml",
    ]
    # The others are still new on the next import; the two written are not.
    again = run("--data", chapter, "meeting", "import", GOOGLE, input="none\n")
    assert "2 new, 2 already imported, 2 cancelled" in again.stderr
    assert again.stderr.endswith("nothing was written\n")


def test_a_name_several_people_have_is_chosen_from_a_list(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    for person_id in ("pat-doe", "pat-doe-2"):
        (chapter / "people" / f"{person_id}.yaml").write_text("name: Pat Doe\n", encoding="utf-8")
    plain = run("--data", chapter, "meeting", "import", GOOGLE)
    assert (
        "not matched: Pat Doe <pat.doe@example.com> (2017-06-08); several match: pat-doe, pat-doe-2\n" in plain.stderr
    )

    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    result = run("--data", chapter, "meeting", "import", GOOGLE, "--until", "2017-06-10", input="2\nall\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "  Pat Doe <pat.doe@example.com>: several match:\n"
        "    1. pat-doe (Pat Doe, person)\n"
        "    2. pat-doe-2 (Pat Doe, person)\n"
    )
    written = (chapter / "engagements/2017/2017-06-08-coffee-with-jon-lee-and-pat-doe.yaml").read_text("utf-8")
    assert "people:\n  - ana-cruz\n  - jon-lee\n  - pat-doe-2\n" in written


def test_a_one_off_event_moved_to_another_day_is_not_imported_again(chapter: Path, run, tmp_path: Path) -> None:
    assert run("--data", chapter, "meeting", "import", GOOGLE, "--yes").exit_code == 0
    moved = tmp_path / "moved.ics"
    text = GOOGLE.read_bytes().replace(b"DTSTART;VALUE=DATE:20170614", b"DTSTART;VALUE=DATE:20170616")
    moved.write_bytes(text.replace(b"DTEND;VALUE=DATE:20170615", b"DTEND;VALUE=DATE:20170617"))
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "import", moved, "--yes")
    assert (result.exit_code, snapshot(chapter)) == (0, before)
    assert "    2017-06-16   Poverty hearing at the Board of Supervisors" in result.stdout
    assert "0 new, 4 already imported, 2 cancelled" in result.stderr


def test_kind_and_dates_narrow_and_set_what_is_drafted(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "meeting", "import", GOOGLE, "--since", "2017-05-01", "--until", "2017-06-05",
        "--kind", "call", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["since"], found["until"], found["unmatched"]) == ("2017-05-01", "2017-06-05", [])
    assert [(e["date"], e["summary"], e["kind"], e["status"]) for e in found["events"]] == [
        ("2017-05-10", "Planning call with Jon Lee", "call", "new"),
        ("2017-06-05", "Check-in with María Martínez", "call", "new"),
    ]
    assert found["events"][1] == {
        "number": 2,
        "uid": GOOGLE_UID,
        "date": "2017-06-05",
        "summary": "Check-in with María Martínez",
        "status": "new",
        "engagement": "2017-06-05-check-in-with-maria-martinez",
        "path": f"{chapter}/engagements/2017/2017-06-05-check-in-with-maria-martinez.yaml",
        "kind": "call",
        "officials": [],
        "people": ["ana-cruz", "maria-martinez"],
        "partners": ["east-la-tenants"],
        "attendees": [
            {"name": "Ana Cruz", "email": "ana.cruz@example.org", "match": "exact", "why": None,
             "record": "ana-cruz", "candidates": []},
            {"name": "María Martínez", "email": "maria@example.org", "match": "exact", "why": "email",
             "record": "maria-martinez", "candidates": []},
        ],
    }  # fmt: skip


def test_the_kind_is_read_from_the_title(chapter: Path) -> None:
    from capctl.importers.calendar import guess_kind

    assert [
        guess_kind(title)
        for title in ("Taller de presupuesto", "Call w/ Jon", "Poverty Hearing", "Coffee", "Town hall", None)
    ] == ["training", "call", "hearing", "one-on-one", "forum", "one-on-one"]
