"""`capctl fmt`: one canonical form for every file, comments kept with their keys, nothing else touched."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from capctl.store.chapter import template
from tests.conftest import FIXTURES, snapshot
from tests.test_capture_sequences import commands

ENGAGEMENT_HEADER = "# yaml-language-server: $schema=../../schemas/engagement.schema.json\n"

HAND_WRITTEN = """\
# Notes from Ana, typed up the same evening.

title: "Call with Jon Lee"   # his office asked for a call
# who was on the call
people:
  - jon-lee  # budget deputy
kind: call
date: 2017-06-01
# what was said
notes: |  # verbatim
  # not a comment: the first line of the notes
  He will check the numbers.
tags: []  # none yet
headcount: 2
follow_ups:
  # promised on the call
  - task: Send the caseload numbers   # by email
    # Ana owns it
    due: 2017-06-09
    owner: ana-cruz
# end of file
"""

HAND_WRITTEN_CANONICAL = (
    ENGAGEMENT_HEADER
    + """\
# Notes from Ana, typed up the same evening.
date: 2017-06-01
kind: call
title: Call with Jon Lee  # his office asked for a call
# who was on the call
people:
  - jon-lee  # budget deputy
# none yet
headcount: 2
# what was said
notes: |  # verbatim
  # not a comment: the first line of the notes
  He will check the numbers.
follow_ups:
  # promised on the call
  - task: Send the caseload numbers  # by email
    owner: ana-cruz
    # Ana owns it
    due: 2017-06-09
# end of file
"""
)


@pytest.fixture
def hand_written(chapter: Path) -> Path:
    path = chapter / "engagements" / "2017" / "2017-06-01-call-jon-lee.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def test_the_templates_capctl_init_writes_are_canonical(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "new"
    assert run("init", folder).exit_code == 0
    result = run("--data", folder, "fmt", "--check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (folder / "capctl.yaml").read_text(encoding="utf-8") == template("capctl.yaml")


def test_fmt_orders_keys_as_the_models_and_comments_move_with_their_keys(
    hand_written: Path, run: Callable[..., Result]
) -> None:
    result = run("fmt", hand_written)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"reformatted {hand_written}\n1 file reformatted, 0 already canonical\n"
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN_CANONICAL


def test_fmt_of_a_canonical_file_changes_nothing(hand_written: Path, run: Callable[..., Result]) -> None:
    assert run("fmt", hand_written).exit_code == 0
    again = run("fmt", hand_written)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN_CANONICAL


def test_check_prints_a_diff_of_what_would_change_and_changes_nothing(
    chapter: Path, run: Callable[..., Result]
) -> None:
    path = chapter / "officials" / "hilda-ramos.yaml"
    before = snapshot(chapter)
    result = run("fmt", "--check", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- {path}\n"
        f"+++ {path} (canonical)\n"
        "@@ -1,7 +1,8 @@\n"
        "+# yaml-language-server: $schema=../schemas/official.schema.json\n"
        " name: Hilda Ramos\n"
        " office: LA County Board of Supervisors\n"
        " level: county\n"
        '-district: "1"\n'
        "+district: '1'\n"
        " party: Democratic\n"
        " term_start: 2014-12-01\n"
        " term_end: 2018-12-03\n"
    )
    assert result.stderr == "1 file would be reformatted, 0 already canonical\n"
    assert snapshot(chapter) == before


def test_without_paths_fmt_takes_every_record_and_the_settings_of_the_data_folder(
    chapter: Path, run: Callable[..., Result]
) -> None:
    result = run("--data", chapter, "fmt")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "17 files reformatted, 0 already canonical"
    assert f"reformatted {chapter}/capctl.yaml" in result.stderr.splitlines()
    check = run("--data", chapter, "fmt", "--check")
    assert (check.exit_code, check.stdout, check.stderr) == (0, "", "")
    # Canonical files mean the same: check still finds what it found, on the lines it moved to.
    assert run("--data", chapter, "check").exit_code == 0


def test_a_folder_given_formats_the_records_under_it_only(chapter: Path, run: Callable[..., Result]) -> None:
    before = snapshot(chapter)
    result = run("fmt", chapter / "people")
    assert result.exit_code == 0
    changed = {name for name, text in snapshot(chapter).items() if before[name] != text}
    assert changed == {"people/ana-cruz.yaml", "people/jon-lee.yaml", "people/maria-martinez.yaml"}


def test_a_file_that_does_not_validate_is_reported_and_left_alone_while_others_are_formatted(
    chapter: Path, run: Callable[..., Result]
) -> None:
    bad = chapter / "partners" / "unknown-field.yaml"
    shutil.copy(FIXTURES / "broken" / "partners" / "unknown-field.yaml", bad)
    broken = bad.read_bytes()
    good = chapter / "people" / "ana-cruz.yaml"
    result = run("fmt", bad, good)
    assert result.exit_code == 1
    assert result.stderr == (
        f"reformatted {good}\n"
        f"{bad}:2: error: website_url: unknown field; did you mean website?\n"
        "1 file reformatted, 0 already canonical, 1 not formatted (error above)\n"
    )
    assert bad.read_bytes() == broken
    assert good.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/person.schema.json\n"
    )


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("partners/syntax-error.yaml", "5: error: YAML syntax: did not find expected ',' or ']'"),
        ("partners/duplicate-key.yaml", "2: error: duplicate key 'name'"),
        ("resources/a-list.yaml", "1: error: a record must be a mapping of fields, found a list"),
        ("resources/empty.yaml", " error: empty file: a record needs at least its required fields"),
        ("resources/impossible-date.yaml", "4: error: impossible date 2017-02-30"),
        ("partners/Upper-Case.yaml", " error: file name 'Upper-Case' is not a valid id"),
    ],
)
def test_files_that_cannot_be_read_as_records_are_errors_with_their_line(
    tmp_path: Path, run: Callable[..., Result], fixture: str, message: str
) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken", folder)
    before = snapshot(folder)
    path = folder / fixture
    result = run("fmt", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:{message}")
    assert "Traceback" not in result.stderr
    assert snapshot(folder) == before


def test_a_file_outside_the_record_folders_is_an_error(
    chapter: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    stray = chapter / "notes.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    result = run("fmt", stray, outside)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{stray}: error: not a capctl record: records go in partners/, officials/, people/, engagements/, "
        "testimonies/, priorities/, resources/",
        f"{outside}: error: not in a capctl data folder (no capctl.yaml above it)",
        "0 files reformatted, 0 already canonical, 2 not formatted (errors above)",
    ]
    assert stray.read_text(encoding="utf-8") == outside.read_text(encoding="utf-8") == "a: 1\n"


def test_a_path_that_does_not_exist_is_a_usage_error(chapter: Path, run: Callable[..., Result]) -> None:
    before = snapshot(chapter)
    result = run("fmt", chapter / "people" / "ana-cruz.yaml", chapter / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: '{chapter / 'nope.yaml'}' does not exist\n"
    assert snapshot(chapter) == before


def test_windows_line_endings_and_a_byte_order_mark_are_made_canonical(
    chapter: Path, run: Callable[..., Result]
) -> None:
    path = chapter / "people" / "ana-cruz.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Ana Cruz\r\ntitle: Chapter organizer  # since 2016\r\n")
    assert run("fmt", path).exit_code == 0
    assert path.read_bytes() == (
        b"# yaml-language-server: $schema=../schemas/person.schema.json\n"
        b"name: Ana Cruz\ntitle: Chapter organizer  # since 2016\n"
    )


def test_a_wrong_schema_comment_is_replaced_by_the_one_for_the_files_place(
    chapter: Path, run: Callable[..., Result]
) -> None:
    path = chapter / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("# yaml-language-server: $schema=../schemas/engagement.schema.json\n" + text, encoding="utf-8")
    assert run("fmt", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == ENGAGEMENT_HEADER + text


@pytest.mark.parametrize("fixture", ["chapter", "grant", "broken"])
def test_fmt_is_idempotent_on_every_fixture_chapter(tmp_path: Path, run: Callable[..., Result], fixture: str) -> None:
    folder = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, folder)
    first = run("fmt", folder)
    once = snapshot(folder)
    second = run("fmt", folder)
    assert snapshot(folder) == once
    assert second.exit_code == first.exit_code
    assert "reformatted" not in second.stderr.replace("0 files reformatted", "")
    # Files that could not be formatted are exactly those check calls unreadable, and are untouched.
    originals = snapshot(FIXTURES / fixture)
    not_formatted = [line.split(":")[0] for line in second.stderr.splitlines() if ": error: " in line]
    assert all(
        once[str(Path(p).relative_to(folder))] == originals[str(Path(p).relative_to(folder))] for p in not_formatted
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_file_capctl_writes_or_edits_stays_canonical(run: Callable[..., Result], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        chapter = tmp / "data"
        shutil.copytree(FIXTURES / "chapter", chapter)
        assert run("--data", chapter, "fmt").exit_code == 0
        for _ in range(data.draw(st.integers(1, 6), label="steps")):
            args = data.draw(commands(tmp), label="command")
            run("--data", chapter, *args)
        result = run("--data", chapter, "fmt", "--check")
        assert result.exit_code == 0, result.stdout


def test_a_folder_above_the_data_folder_formats_every_data_folder_under_it(
    chapter: Path, run: Callable[..., Result]
) -> None:
    (chapter.parent / "notes.yaml").write_text("not: a record\n", encoding="utf-8")
    result = run("fmt", chapter.parent)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "17 files reformatted, 0 already canonical"
    assert (chapter.parent / "notes.yaml").read_text(encoding="utf-8") == "not: a record\n"


def test_a_folder_without_any_data_folder_is_a_usage_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "notes.yaml").write_text("not: a record\n", encoding="utf-8")
    result = run("fmt", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: '{tmp_path}' holds no capctl data folder (no capctl.yaml in or under it)\n"


def test_a_linked_record_is_named_and_left_as_it_is(chapter: Path, tmp_path: Path, run) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: Outside Org\n", encoding="utf-8")
    (chapter / "partners" / "outside.yaml").symlink_to(outside)
    result = run("--data", chapter, "fmt", chapter / "partners" / "outside.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{chapter}/partners/outside.yaml: error: a symbolic link: format the file it points to"
    )
    assert (chapter / "partners" / "outside.yaml").is_symlink()
    assert outside.read_text(encoding="utf-8") == "name: Outside Org\n"
