"""`meeting add` at a terminal never loses an answer (issue #12): each answer is checked when it is given and
asked again, the questions follow the kind, the record can be changed before it is written, and Ctrl-C says
what was not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import snapshot

HEADER = "# yaml-language-server: $schema=../../schemas/engagement.schema.json\n"


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")


def test_a_training_asks_its_topic_district_headcount_and_languages_and_a_wrong_due_date_is_asked_again(
    chapter: Path, run
) -> None:
    answers = [
        "3/5/2017",  # US form: March 5
        "train",  # kind, loosely
        "Budget",  # topic
        "district 9",  # not a district: asked again
        "Supervisorial District 2",
        "23",  # headcount
        "English, Spanish",
        "hilda ramoz",  # a misspelling: did you mean Hilda Ramos?
        "",  # yes
        "Armen Petrosyan",  # no one: add a new person?
        "y",
        "",  # nobody else
        "",  # title: the default
        "",  # no notes
        "",  # no priority
        "Send the slides",
        "armen petrosyan",  # the new person is an owner already
        "2017-03-01",  # before the meeting: asked again, nothing else is lost
        "2017-3-10",
        "",  # no more follow-ups
        "y",
    ]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Date [today]:   → Sun 2017-03-05\n" in result.stderr
    assert "  'district 9' is not a district of capctl.yaml: give one of sd1, sd2, sd3\n" in result.stderr
    assert "  did you mean Hilda Ramos (official hilda-ramos)? [Y/n]: " in result.stderr
    assert "  no one named 'Armen Petrosyan'; add a new person? [y/N]: " in result.stderr
    assert "  the follow-up cannot be due before the meeting (Sun 2017-03-05)\n" in result.stderr
    name = "2017-03-05-budget-training-with-hilda-ramos-and-armen-petrosyan.yaml"
    assert result.stdout == (
        f"wrote {chapter / 'people' / 'armen-petrosyan.yaml'}\nwrote {chapter / 'engagements' / '2017' / name}\n"
    )
    assert (chapter / "engagements" / "2017" / name).read_text() == HEADER + (
        "date: 2017-03-05\nkind: training\ntopic: budget\ntitle: Budget training with Hilda Ramos and Armen Petrosyan\n"
        "district: sd2\nofficials:\n  - hilda-ramos\npeople:\n  - armen-petrosyan\nheadcount: 23\n"
        "languages:\n  - en\n  - es\n"
        "follow_ups:\n  - task: Send the slides\n    owner: armen-petrosyan\n    due: 2017-03-10\n"
    )
    assert run("--data", chapter, "check").exit_code == 0


def test_any_field_can_be_changed_before_writing_and_a_hearing_asks_its_tags(chapter: Path, run) -> None:
    answers = [
        "last tuesday",  # 2017-06-27
        "hearing",
        "poverty-hearing",
        "hilda",
        "",  # did you mean Hilda Ramos? yes
        "",
        "LA poverty hearing",
        "",
        "",
        "",
        "date",  # changed at the review
        "yesterday",
        "y",
    ]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Date [today]:   → Tue 2017-06-27\n" in result.stderr
    path = chapter / "engagements" / "2017" / "2017-06-29-la-poverty-hearing.yaml"
    assert path.read_text() == HEADER + (
        "date: 2017-06-29\nkind: hearing\ntitle: LA poverty hearing\nofficials:\n  - hilda-ramos\n"
        "tags:\n  - poverty-hearing\n"
    )


def test_kinds_are_matched_loosely_and_a_dropped_record_writes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    answers = ["", "one on one", "hilda", "", "", "", "", "", "", "n"]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "kind: one-on-one\ntitle: One-on-one with Hilda Ramos\n" in result.stderr
    assert result.stderr.endswith("[y]: nothing was written\n")
    assert snapshot(chapter) == before


def test_ctrl_c_says_what_was_not_written(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    from capctl.cli import ask

    answers = iter(["", "", "Armen Petrosyan", "y"])

    def read(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(ask, "read", read)
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "add")
    assert result.exit_code == 130
    assert result.stderr.endswith("\ninterrupted: nothing was written (the meeting and any person added on the way)\n")
    assert snapshot(chapter) == before


def test_a_follow_up_due_before_the_meeting_from_options_counts_from_1(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "meeting", "add", "--date", "2017-06-01", "--person", "ana-cruz",
        "--follow-up", "Call", "--follow-up", "Write | ana-cruz | 2017-05-01",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        "error: follow-up 2 due: 2017-05-01 is before the engagement (2017-06-01); nothing was written\n",
    )


def test_a_person_added_on_the_way_and_then_taken_out_is_not_written(chapter: Path, run) -> None:
    answers = ["", "", "Armen Petrosian", "y", "", "", "", "", "", "who", "hilda", "", "", "y"]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert not (chapter / "people" / "armen-petrosian.yaml").exists()
    # The title was taken as offered: it follows who was there (#12), and so does the file's name.
    path = chapter / "engagements" / "2017" / "2017-06-30-one-on-one-with-hilda-ramos.yaml"
    assert result.stdout == f"wrote {path}\n"
    assert "title: One-on-one with Hilda Ramos\nofficials:\n  - hilda-ramos\n" in path.read_text()
    assert "  title: One-on-one with Hilda Ramos\n" in result.stderr
    assert result.stderr.endswith(f"commit it: git add {path} && git commit -m 'Log One-on-one with Hilda Ramos'\n")


def test_a_title_typed_by_the_organizer_stays_when_who_changes_and_a_new_kind_renames_an_offered_one(
    chapter: Path, run
) -> None:
    typed = ["", "", "jon lee", "", "Budget chat", "", "", "", "who", "hilda ramos", "", "y"]
    result = run("--data", chapter, "meeting", "add", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.stderr
    assert (chapter / "engagements" / "2017" / "2017-06-30-budget-chat.yaml").exists()
    offered = ["", "", "jon lee", "", "", "", "", "", "kind", "call", "y"]
    result = run("--data", chapter, "meeting", "add", input="\n".join(offered) + "\n")
    assert result.exit_code == 0, result.stderr
    assert (
        "title: Call with Jon Lee\n"
        in (chapter / "engagements" / "2017" / "2017-06-30-call-with-jon-lee.yaml").read_text()
    )


def test_a_name_like_an_officials_is_offered_as_the_official_before_a_new_person(chapter: Path, run) -> None:
    """#12: "Supervisor Ramos" matches no one; Hilda Ramos, an official, is asked about before a new person."""
    answers = ["", "", "Supervisor Ramos", "", "", "", "", "", "", "y"]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert (
        "Who was there? official, staff, person or partner (blank when done):   did you mean Hilda Ramos "
        "(official hilda-ramos)? [Y/n]:   + hilda-ramos (Hilda Ramos, official)\n" in result.stderr
    )
    assert "add a new person" not in result.stderr
    assert not list((chapter / "people").glob("supervisor*"))
