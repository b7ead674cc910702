"""`capctl check` end to end: every failure mode of the core, each named with its file and line."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, snapshot

EXPECTED = """\
data/engagements/2017-05-05-no-year-folder.yaml: error: wrong folder: engagements files go directly in engagements/<year>/
data/engagements/2017/2017-03-02-call-jon-lee.yaml:5: error: people.0: 'jon-lee' is an official, not a person
data/engagements/2017/2017-05-05-date-differs.yaml:1: error: date 2017-05-06 differs from the file name: name it 2017-05-06-<slug>.yaml
data/engagements/2017/2017-05-10-bad-references.yaml:5: error: officials.0: no official 'nobody-at-all'
data/engagements/2017/2017-05-10-bad-references.yaml:7: error: partners.0: 'paul-kim' is an official, not a partner
data/engagements/2017/2017-05-12-early-follow-up.yaml:6: error: follow_ups.0.due: 2017-05-01 is before the engagement (2017-05-12)
data/engagements/2019/2019-06-01-typo-year.yaml:1: warning: date: 2019-06-01 is more than a year from today; a typo?
data/meetings/2017-01-01-misfiled.yaml: error: unknown kind 'meetings': records go in partners/, officials/, people/, engagements/, testimonies/, priorities/, resources/
data/partners/Upper-Case.yaml: error: file name 'Upper-Case' is not a valid id: use lowercase letters, digits and hyphens (at most 80, not starting with a hyphen)
data/partners/bad-status.yaml:5: error: status_history.1.status: must be one of prospect, invited, core, former
data/partners/duplicate-key.yaml:2: error: duplicate key 'name'
data/partners/out-of-order.yaml:6: error: status_history: out of date order; list status changes oldest first
data/partners/syntax-error.yaml:5: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence started on line 5)
data/partners/unknown-field.yaml:2: error: website_url: unknown field
data/people/jon-lee.yaml: error: duplicate id 'jon-lee': also data/officials/jon-lee.yaml
data/people/maria-martinez-2.yaml:1: warning: likely duplicate of 'maria-martinez' (same name 'maria martinez')
data/people/wrong-boss.yaml:2: error: works_for: 'east-la-tenants' is a partner, not an official
data/resources/a-list.yaml:1: error: a record must be a mapping of fields, found a list
data/resources/empty.yaml: error: empty file: a record needs at least its required fields
data/resources/impossible-date.yaml:4: error: impossible date 2017-02-30
"""


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "broken", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def test_check_names_every_problem_with_its_file_and_line(broken: Path, run) -> None:
    before = snapshot(broken)
    result = run("--data", broken, "check")
    assert result.exit_code == 1
    assert result.stdout == EXPECTED
    assert result.stderr == "22 records checked: 18 errors, 2 warnings\n"
    assert snapshot(broken) == before


def test_check_json_lists_the_same_problems(broken: Path, run) -> None:
    result = run("--data", broken, "check", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert len(problems) == 20
    assert problems[0] == {
        "path": "data/engagements/2017-05-05-no-year-folder.yaml",
        "line": None,
        "severity": "error",
        "message": "wrong folder: engagements files go directly in engagements/<year>/",
    }
    assert {p["severity"] for p in problems} == {"error", "warning"}
    assert [f"{p['path']}:{p['line']}" if p["line"] else p["path"] for p in problems] == [
        line.split(": ", 1)[0] for line in EXPECTED.splitlines()
    ]


def test_check_passes_with_warnings_only(chapter: Path, run) -> None:
    (chapter / "people" / "maria-martinez-2.yaml").write_text("name: Maria Martinez\n", encoding="utf-8")
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout.endswith("warning: likely duplicate of 'maria-martinez' (same name 'Maria Martinez')\n")


def test_check_on_a_missing_folder_is_a_usage_error(tmp_path: Path, run) -> None:
    result = run("--data", tmp_path / "nowhere", "check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: --data: data folder '{tmp_path / 'nowhere'}' does not exist\n"


def test_check_on_a_folder_without_settings_says_how_to_make_one(tmp_path: Path, run) -> None:
    result = run("--data", tmp_path, "check")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --data: '{tmp_path}' is not a capctl data folder (it has no capctl.yaml); "
        f"`capctl init {tmp_path}` creates one\n"
    )


def test_an_unknown_option_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "check", "--jsn")
    assert result.exit_code == 2
    assert result.stderr == "error: no such option: --jsn; did you mean --json? (see `capctl check --help`)\n"
