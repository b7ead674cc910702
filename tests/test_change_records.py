"""Changing records: only the lines meant change, comments survive, invalid changes write nothing."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, snapshot


def original(relative: str) -> str:
    return (FIXTURES / "chapter" / relative).read_text()


def test_partner_status_appends_to_the_history_and_keeps_comments(chapter: Path, run) -> None:
    path = chapter / "partners/east-la-tenants.yaml"
    path.write_text(path.read_text().replace("  - status: core\n", "  - status: core  # after the GR campaign\n"))
    before = path.read_text()
    result = run("--data", chapter, "partner", "status", "ELATU", "former", "--date", "2017-06-01", "--note", "Merged")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"changed {path}: East LA Tenants Union: core → former on 2017-06-01\n"
    assert path.read_text() == before.replace(
        "    date: 2016-11-15\n",
        "    date: 2016-11-15\n  - status: former\n    date: 2017-06-01\n    note: Merged\n",
    )
    assert path.read_text().startswith("# Founding member of the chapter.\n")
    assert run("--data", chapter, "check").exit_code == 0


def test_partner_status_unchanged_writes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "partner", "status", "east-la-tenants", "core")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "East LA Tenants Union is already core (since 2016-11-15); no change\n"
    assert snapshot(chapter) == before


def test_partner_status_before_the_last_change_is_refused(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "partner", "status", "valley food bank", "core", "--date", "2017-01-01")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {chapter}/partners/valley-food-bank.yaml: status_history: out of date order; "
        "list status changes oldest first; nothing was written\n"
    )
    assert snapshot(chapter) == before


def test_position_set_adds_an_entry_and_keeps_the_history(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "position", "set", "general relief", "Assemblymember Kim", "oppose",
        "--date", "2017-06-20", "--source", "floor vote",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "priorities/general-relief.yaml").read_text() == original("priorities/general-relief.yaml") + (
        "  - official: paul-kim\n    stance: oppose\n    date: 2017-06-20\n    source: floor vote\n"
    )


def test_position_set_on_a_priority_without_positions_puts_them_after_strategies(chapter: Path, run) -> None:
    assert (
        run("--data", chapter, "priority", "add", "Housing", "--strategy", "Rent board", "--id", "housing").exit_code
        == 0
    )
    (chapter / "priorities/housing.yaml").write_text(
        (chapter / "priorities/housing.yaml").read_text() + "tags:\n  - housing\n"
    )
    result = run("--data", chapter, "position", "set", "housing", "hilda ramos", "support", "--date", "2017-06-30")
    assert result.exit_code == 0, result.stderr
    assert (chapter / "priorities/housing.yaml").read_text() == (
        "# yaml-language-server: $schema=../schemas/priority.schema.json\n"
        "title: Housing\nidentified: 2017-06-30\nstatus: active\n"
        "strategies:\n  - summary: Rent board\n"
        "positions:\n  - official: hilda-ramos\n    stance: support\n    date: 2017-06-30\n"
        "tags:\n  - housing\n"
    )


def test_followup_done_without_a_number_closes_the_only_open_one(chapter: Path, run) -> None:
    relative = "engagements/2017/2017-02-14-visit-hilda-ramos.yaml"
    result = run("--data", chapter, "followup", "done", "visit with supervisor ramos", "--date", "2017-03-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"changed {chapter / relative}: follow-up 2 done: Invite her to the Poverty Hearing\n"
    assert (chapter / relative).read_text() == original(relative) + "    done: 2017-03-10\n"


def test_followup_done_twice_changes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "followup", "done", "2017-02-14-visit-hilda-ramos", "1")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "follow-up 1 (Send GR caseload numbers) was done on 2017-02-27\n"
    assert snapshot(chapter) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["2017-02-14-visit-hilda-ramos", "3"],
            2,
            "error: there is no follow-up 3: 2017-02-14-visit-hilda-ramos has 2\n",
        ),
        (["2017-03-02-call-jon-lee"], 2, "error: 2017-03-02-call-jon-lee has no follow-ups\n"),
        (
            ["2017-02-14-visit-hilda-ramos", "2", "--date", "2017-01-01"],
            2,
            "error: {chapter}/engagements/2017/2017-02-14-visit-hilda-ramos.yaml: follow_ups.1.done: 2017-01-01 is "
            "before the engagement (2017-02-14); nothing was written\n",
        ),
    ],
)
def test_followup_done_bad_input_writes_nothing(chapter: Path, run, args: list[str], code: int, message: str) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "followup", "done", *args)
    assert (result.exit_code, result.stderr) == (code, message.format(chapter=chapter))
    assert snapshot(chapter) == before


def test_followup_done_with_several_open_lists_them_or_asks(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = (
        "--data",
        chapter,
        "meeting",
        "add",
        "--person",
        "jon lee",
        "--follow-up",
        "Send deck",
        "--follow-up",
        "Call",
    )
    assert run(*args).exit_code == 0
    engagement = "2017-06-30-one-on-one-with-jon-lee"
    refused = run("--data", chapter, "followup", "done", engagement)
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"error: {engagement} has 2 open follow-ups: 1. Send deck; 2. Call; give the number\n",
    )
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    chosen = run("--data", chapter, "followup", "done", engagement, input="2\n")
    assert chosen.exit_code == 0, chosen.stderr
    assert (
        (chapter / f"engagements/2017/{engagement}.yaml")
        .read_text()
        .endswith("  - task: Send deck\n  - task: Call\n    done: 2017-06-30\n")
    )


def test_a_broken_file_of_another_kind_is_not_blamed_for_an_unknown_name(tmp_path: Path, run) -> None:
    # The data folder sits under a folder named like a kind: only the kind's own folder counts.
    data = tmp_path / "partners" / "data"
    shutil.copytree(FIXTURES / "chapter", data)
    (data / "people" / "harbor-youth.yaml").write_text("name: [Harbor\n", encoding="utf-8")
    result = run("--data", data, "partner", "status", "harbor-youth", "invited")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: REF: no partner matches 'harbor-youth'")
