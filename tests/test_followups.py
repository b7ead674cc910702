import csv
import io
import json
from pathlib import Path

import pytest

from capctl.query.attention import FOLLOW_UP_COLUMNS

RULE = "─"

PROMISES = """\
date: 2017-06-20
kind: one-on-one
title: Coffee with María
people: [maria-martinez]
follow_ups:
  - task: Send her the hearing flyer in Spanish
    owner: maria-martinez
    due: 2017-07-03
  - task: Book the room for the July training
    owner: ana-cruz
    due: 2017-07-30
  - task: Ask the food bank about a speaker
  - task: Thank her for coming
    owner: ana-cruz
    done: 2017-06-25
"""


@pytest.fixture
def promises(chapter: Path) -> Path:
    (chapter / "engagements" / "2017" / "2017-06-20-coffee-with-maria.yaml").write_text(PROMISES, encoding="utf-8")
    return chapter


def listed(run, chapter: Path, *args: str) -> list[tuple[str, int, int | None]]:
    result = run("--data", chapter, "followups", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(f["engagement"], f["number"], f["days_overdue"]) for f in json.loads(result.stdout)]


def test_followups_table_names_the_engagement_and_number_to_mark_done(chapter: Path, run) -> None:
    result = run("--data", chapter, "followups")
    assert result.exit_code == 0
    assert result.stdout == (
        "due          when               task                                owner      "
        "engagement                     n\n"
        f"{RULE * 111}\n"
        "2017-03-15   107 days overdue   Invite her to the Poverty Hearing   Ana Cruz   "
        "2017-02-14-visit-hilda-ramos   2\n"
    )
    assert result.stderr == "1 open follow-up; mark one done: capctl followup done ENGAGEMENT N\n"


def test_open_follow_ups_come_most_overdue_first_and_undated_last(promises: Path, run) -> None:
    assert listed(run, promises) == [
        ("2017-02-14-visit-hilda-ramos", 2, 107),
        ("2017-06-20-coffee-with-maria", 1, -3),
        ("2017-06-20-coffee-with-maria", 2, -30),
        ("2017-06-20-coffee-with-maria", 3, None),
    ]


def test_overdue_owner_and_due_within_narrow_the_list(promises: Path, run) -> None:
    assert listed(run, promises, "--overdue") == [("2017-02-14-visit-hilda-ramos", 2, 107)]
    assert listed(run, promises, "--owner", "María Martínez") == [("2017-06-20-coffee-with-maria", 1, -3)]
    assert listed(run, promises, "--owner", "ana-cruz") == [
        ("2017-02-14-visit-hilda-ramos", 2, 107),
        ("2017-06-20-coffee-with-maria", 2, -30),
    ]
    assert listed(run, promises, "--due-within", "7") == [
        ("2017-02-14-visit-hilda-ramos", 2, 107),
        ("2017-06-20-coffee-with-maria", 1, -3),
    ]
    assert listed(run, promises, "--due-within", "2") == [("2017-02-14-visit-hilda-ramos", 2, 107)]


def test_days_to_go_and_missing_owners_are_said_in_words(promises: Path, run) -> None:
    assert run("--data", promises, "followups").stdout.splitlines()[3:] == [
        "2017-07-03   due in 3 days      Send her the hearing flyer in          María Martínez   "
        "2017-06-20-coffee-with-maria   1",
        "                                Spanish",
        "2017-07-30   due in 30 days     Book the room for the July training    Ana Cruz         "
        "2017-06-20-coffee-with-maria   2",
        "             no due date        Ask the food bank about a speaker      nobody named     "
        "2017-06-20-coffee-with-maria   3",
    ]


def test_followups_as_json_and_csv_parse_back_alike(promises: Path, run) -> None:
    as_json = json.loads(run("--data", promises, "followups", "--format", "json").stdout)
    assert as_json[1] == {
        "engagement": "2017-06-20-coffee-with-maria",
        "number": 1,
        "task": "Send her the hearing flyer in Spanish",
        "owner": "maria-martinez",
        "owner_name": "María Martínez",
        "due": "2017-07-03",
        "days_overdue": -3,
        "engagement_date": "2017-06-20",
        "engagement_title": "Coffee with María",
    }
    reader = csv.DictReader(io.StringIO(run("--data", promises, "followups", "--format", "csv").stdout))
    assert reader.fieldnames == FOLLOW_UP_COLUMNS
    rows = list(reader)
    assert [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in as_json] == rows


def test_an_unknown_owner_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "followups", "--owner", "zelda")
    assert (result.exit_code, result.stderr) == (2, "error: --owner: no person matches 'zelda'\n")


def test_no_open_follow_ups_is_said_on_stderr(chapter: Path, run) -> None:
    result = run("--data", chapter, "followups", "--owner", "jon-lee")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no open follow-ups\n")
