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
data/partners/unknown-field.yaml:2: error: website_url: unknown field; did you mean website?
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


# --- pointing at the cause (#12) -----------------------------------------------------------------

THREE_MISTAKES = """\
{d}/partners/norwalk-family-food-pantry.yaml:9: error: status_history.1.status: must be one of prospect, invited, core, former
{d}/partners/norwalk-family-food-pantry.yaml: error: 5 references to partners/norwalk-family-food-pantry, which has errors: \
in engagements/2017/2017-02-01-first-call-with-the-norwalk-pantry.yaml, engagements/2017/2017-07-20-chapter-meeting-july-2017.yaml, \
engagements/2017/2017-07-31-welcome-to-the-norwalk-pantry.yaml and 2 more files
{d}/people/gabriela-rios.yaml:6: error: languages.0: 'Spanish' is not a language code: use ISO 639 codes such as en, es, zh, ko, tl, hy
{d}/people/gabriela-rios.yaml: error: 6 references to people/gabriela-rios, which has errors: \
in engagements/2017/2017-01-30-yes-on-h-phone-banks.yaml, engagements/2017/2017-03-14-sacramento-lobby-day-calfresh-and-medi-cal.yaml, \
engagements/2017/2017-05-18-la-poverty-hearing-2017.yaml and 3 more files
{d}/people/monica-reyes.yaml:8: error: emial: unknown field; did you mean email?
{d}/people/monica-reyes.yaml: error: 5 references to people/monica-reyes, which has errors: \
in engagements/2017/2017-04-24-poverty-hearing-invitation-to-the-mayor-s-office.yaml, \
engagements/2017/2017-04-26-one-on-one-with-monica-reyes-mayor-kessler.yaml, engagements/2017/2017-05-18-la-poverty-hearing-2017.yaml \
and 2 more files
"""


def test_a_hand_edit_with_three_mistakes_shows_the_three_and_one_line_per_broken_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    """Issue #12: three mistakes in the demo chapter gave 19 errors, 16 of them "no person/partner" in
    other files; now each broken file's own error, then one line for what refers to it."""
    from tests.conftest import REPO

    data = tmp_path / "demo"
    shutil.copytree(REPO / "data", data)
    monkeypatch.setenv("CAPCTL_TODAY", "2017-09-30")
    edits = {
        "people/monica-reyes.yaml": ("email: mreyes", "emial: mreyes"),
        "partners/norwalk-family-food-pantry.yaml": ("  - status: invited", "  - status: Invitd"),
        "people/gabriela-rios.yaml": ("  - es\n", "  - Spanish\n"),
    }
    for name, (old, new) in edits.items():
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run("--data", data, "check")
    assert result.exit_code == 1
    assert result.stdout == THREE_MISTAKES.format(d=data)
    assert result.stderr == "248 records checked: 6 errors, 0 warnings\n"
    listed = json.loads(run("--data", data, "check", "--json").stdout)["problems"]
    assert [p["line"] for p in listed] == [9, None, 6, None, 8, None]


def test_a_reference_to_a_record_with_errors_of_another_kind_is_still_wrong(chapter: Path, run) -> None:
    """Only references of the broken record's kind are its knock-on; one to a partner named like a broken
    person is its own mistake."""
    (chapter / "people" / "jon-lee.yaml").write_text("name: Jon Lee\nlanguages: [Korean]\n", encoding="utf-8")
    call = chapter / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    call.write_text(call.read_text(encoding="utf-8").replace("people:\n  - jon-lee", "partners:\n  - jon-lee"))
    result = run("--data", chapter, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{chapter}/engagements/2017/2017-03-02-call-jon-lee.yaml:5: error: partners.0: no partner 'jon-lee'\n"
        f"{chapter}/people/jon-lee.yaml:2: error: languages.0: 'Korean' is not a language code: "
        "use ISO 639 codes such as en, es, zh, ko, tl, hy\n"
    )


def test_a_training_with_no_district_warns(chapter: Path, run) -> None:
    (chapter / "engagements" / "2017" / "2017-06-03-budget-training.yaml").write_text(
        "date: 2017-06-03\nkind: training\ntopic: budget\ntitle: Budget training\n", encoding="utf-8"
    )
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{chapter}/engagements/2017/2017-06-03-budget-training.yaml:2: warning: a training with no district: "
        "it counts toward no district covered in the report; add district: (an id from capctl.yaml)\n"
    )
    path = chapter / "engagements" / "2017" / "2017-06-03-budget-training.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "district: sd1\n", encoding="utf-8")
    assert run("--data", chapter, "check").stdout == ""
