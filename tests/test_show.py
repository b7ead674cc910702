import datetime as dt
import json
from pathlib import Path

import pytest

RULE = "─"


def show_json(run, chapter: Path, ref: str) -> dict:
    result = run("--data", chapter, "show", ref, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def add_engagement(chapter: Path, name: str, text: str) -> None:
    folder = chapter / "engagements" / name[:4]
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_show_a_supervisor_with_staff_positions_timeline_and_open_follow_ups(chapter: Path, run) -> None:
    result = run("--data", chapter, "show", "Hilda Ramos")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "Hilda Ramos\n"
        f"official hilda-ramos · {chapter}/officials/hilda-ramos.yaml\n"
        "  name          Hilda Ramos\n"
        "  office        LA County Board of Supervisors\n"
        "  level         county\n"
        "  district      1\n"
        "  party         Democratic\n"
        "  term_start    2014-12-01\n"
        "  term_end      2018-12-03\n"
        "  last contact  2017-03-02 (120 days ago): Call with Jon Lee on the budget timeline "
        "[2017-03-02-call-jon-lee]; going cold (going cold after 60 days, cold after 120)\n"
        "\n"
        "Staff\n"
        "id        name      title           role    last contact\n"
        f"{RULE * 69}\n"
        "jon-lee   Jon Lee   Budget deputy   staff   2017-03-02 (120 days ago)\n"
        "\n"
        "Positions on priorities\n"
        "priority                      stance    since        source             id\n"
        f"{RULE * 86}\n"
        "Raise General Relief grants   support   2017-02-14   one-on-one visit   general-relief\n"
        "\n"
        "Timeline, newest first\n"
        "date         kind         title                                   how                       id\n"
        f"{RULE * 120}\n"
        "2017-03-02   call         Call with Jon Lee on the budget         through staff (Jon Lee)   "
        "2017-03-02-call-jon-lee\n"
        "                          timeline\n"
        "2017-02-14   one-on-one   Visit with Supervisor Ramos             in person                 "
        "2017-02-14-visit-hilda-ramos\n"
        "\n"
        "Open follow-ups\n"
        "engagement                     n   task                                owner      due          when\n"
        f"{RULE * 111}\n"
        "2017-02-14-visit-hilda-ramos   2   Invite her to the Poverty Hearing   Ana Cruz   2017-03-15   "
        "107 days overdue\n"
    )


def test_timeline_is_newest_first_and_marks_planned_engagements(chapter: Path, run) -> None:
    add_engagement(chapter, "2017-06-01-lobby-day", "date: 2017-06-01\nkind: lobby-day\ntitle: Lobby day\n"
                   "officials: [hilda-ramos]\n")  # fmt: skip
    add_engagement(chapter, "2017-07-12-budget-hearing", "date: 2017-07-12\nkind: hearing\ntitle: Budget hearing\n"
                   "people: [jon-lee]\n")  # fmt: skip
    add_engagement(chapter, "2016-12-01-holiday-call", "date: 2016-12-01\nkind: call\ntitle: Holiday call\n"
                   "officials: [hilda-ramos]\n")  # fmt: skip
    shown = show_json(run, chapter, "hilda-ramos")
    assert [(e["date"], e["how"], e["upcoming"]) for e in shown["timeline"]] == [
        ("2017-07-12", "through staff (Jon Lee)", True),
        ("2017-06-01", "in person", False),
        ("2017-03-02", "through staff (Jon Lee)", False),
        ("2017-02-14", "in person", False),
        ("2016-12-01", "in person", False),
    ]
    # The planned hearing is not a contact yet.
    assert shown["last_contact"] == {"date": "2017-06-01", "days_since": 29, "engagement": "2017-06-01-lobby-day"}
    assert shown["relationship"] == {"state": "ok", "warn": 60, "max": 120}


def test_a_partner_shows_status_history_contacts_and_the_last_12_chapter_meetings(chapter: Path, run) -> None:
    # A chapter meeting on the 20th of every month from May 2016 to July 2017 (April 2017 is in the fixture);
    # Koreatown Workers came to the ones of 2017 only.
    months = [dt.date(2016 + (4 + i) // 12, (4 + i) % 12 + 1, 20) for i in range(15)]
    for day in months:
        if day == dt.date(2017, 4, 20):
            continue
        partners = "[east-la-tenants, koreatown-workers]" if day.year == 2017 else "[east-la-tenants]"
        add_engagement(chapter, f"{day}-chapter-meeting", f"date: {day}\nkind: chapter-meeting\n"
                       f"title: Chapter meeting {day:%B %Y}\npartners: {partners}\n")  # fmt: skip
    shown = show_json(run, chapter, "Koreatown Workers Alliance")
    meetings = shown["chapter_meetings"]
    assert meetings["counted"] == 12
    assert meetings["attended"] == [f"2017-{m:02d}-20-chapter-meeting" for m in (6, 5, 4, 3, 2, 1)]
    assert meetings["missed"] == [f"2016-{m:02d}-20-chapter-meeting" for m in (12, 11, 10, 9, 8, 7)]
    text = run("--data", chapter, "show", "koreatown-workers").stdout
    assert "Chapter meetings: came to 6 of the last 12 chapter meetings\n" in text
    assert "2017-06-20   Chapter meeting June 2017        yes    2017-06-20-chapter-meeting\n" in text
    assert "2016-07-20   Chapter meeting July 2016        no     2016-07-20-chapter-meeting\n" in text
    assert "2016-06-20" not in text  # the 13th meeting back is not counted
    assert "\nStatus history, newest first\ndate         status    note\n" in text
    assert "2017-04-10   core\n2017-02-01   invited\n" in text


def test_a_partner_lists_its_contacts_and_members(chapter: Path, run) -> None:
    (chapter / "people" / "rosa-diaz.yaml").write_text("name: Rosa Díaz\naffiliation: east-la-tenants\n", "utf-8")
    shown = show_json(run, chapter, "ELATU")
    assert (shown["contacts"], shown["members"]) == (["maria-martinez"], ["rosa-diaz"])
    assert shown["record"]["status"] == "core"
    text = run("--data", chapter, "show", "ELATU").stdout
    assert "  status        core (on 2017-06-30)\n" in text
    assert "maria-martinez   María Martínez   Lead organizer   contact   2017-02-14 (136 days ago)\n" in text
    assert "rosa-diaz        Rosa Díaz                         member    never\n" in text
    assert "Chapter meetings: came to 1 of the 1 chapter meeting recorded by 2017-06-30\n" in text


def test_a_person_shows_their_affiliation_and_the_partners_they_are_a_contact_for(chapter: Path, run) -> None:
    text = run("--data", chapter, "show", "maria martinez").stdout
    assert "  affiliation   East LA Tenants Union (east-la-tenants)\n" in text
    assert "  contact for   East LA Tenants Union (east-la-tenants)\n" in text
    staffer = run("--data", chapter, "show", "jon-lee").stdout
    assert "  works_for     Hilda Ramos (hilda-ramos)\n" in staffer
    assert "Open follow-ups\n  none\n" in staffer


def test_a_person_sees_the_follow_ups_they_own(chapter: Path, run) -> None:
    shown = show_json(run, chapter, "ana-cruz")
    assert shown["timeline"] == []
    assert [(f["engagement"], f["number"], f["days_overdue"]) for f in shown["open_follow_ups"]] == [
        ("2017-02-14-visit-hilda-ramos", 2, 107)
    ]
    assert shown["last_contact"] is None
    assert shown["relationship"] == {"state": "cold", "warn": 90, "max": 180}


def test_an_engagement_numbers_its_follow_ups_as_followup_done_takes_them(chapter: Path, run) -> None:
    text = run("--data", chapter, "show", "2017-02-14-visit-hilda-ramos").stdout
    assert "  officials represented  Hilda Ramos (in person)\n" in text
    assert text.endswith(
        "Follow-ups (mark one done: capctl followup done ENGAGEMENT N)\n"
        "n   task                                owner      due          done\n"
        f"{RULE * 74}\n"
        "1   Send GR caseload numbers            Ana Cruz   2017-02-28   2017-02-27\n"
        "2   Invite her to the Poverty Hearing   Ana Cruz   2017-03-15   open\n"
    )


def test_a_priority_shows_strategies_positions_and_the_meetings_that_discussed_it(chapter: Path, run) -> None:
    text = run("--data", chapter, "show", "general-relief").stdout
    assert "  last discussed  2017-02-14 (136 days ago): Visit with Supervisor Ramos" in text
    assert "Testimony at Board of Supervisors budget hearings   East LA Tenants Union\n" in text
    assert "2017-02-14   Hilda Ramos   support   one-on-one visit\n" in text
    assert [e["how"] for e in show_json(run, chapter, "general-relief")["timeline"]] == ["discussed"]


def test_a_testimony_shows_its_consent(chapter: Path, run) -> None:
    text = run("--data", chapter, "show", "maria-on-the-collective").stdout
    assert "  consent   internal, 2017-05-01\n" in text


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nobody", "error: REF: no record matches 'nobody'\n"),
        ("an", "error: REF: no record matches 'an'; did you mean Ana Cruz (ana-cruz), East LA Tenants Union "
               "(east-la-tenants), Koreatown Workers Alliance (koreatown-workers)?\n"),
        ("budget", "error: REF: 'budget' matches several records: 2017-03-02-call-jon-lee (Call with Jon Lee on the "
                   "budget timeline), 2017-03-20-budget-training-el-monte (County budget 101 in El Monte), "
                   "budget-101-deck (County budget 101); give an id\n"),
    ],
)  # fmt: skip
def test_an_unknown_or_ambiguous_ref_is_a_usage_error(chapter: Path, run, ref: str, message: str) -> None:
    result = run("--data", chapter, "show", ref)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_surname_alone_means_no_one_and_not_the_meetings_named_after_them(chapter: Path, run) -> None:
    """#12: a family name alone never names a person or an official (two Ramoses are two people); the official
    is offered first, and the meeting that holds the word is not taken instead."""
    result = run("--data", chapter, "show", "ramos")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: REF: no record matches 'ramos'; did you mean Hilda Ramos (hilda-ramos), "
        "Visit with Supervisor Ramos (2017-02-14-visit-hilda-ramos)?\n"
    )
    assert run("--data", chapter, "show", "hilda ramos").stdout.startswith("Hilda Ramos\nofficial hilda-ramos")
