"""A statewide `capctl.yaml` listing `chapters:` rolls them up like `--data A --data B`, ids kept apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def statewide(tmp_path: Path) -> Path:
    state = tmp_path / "statewide"
    shutil.copytree(FIXTURES / "grant", state / "chapters" / "la")
    shutil.copytree(FIXTURES / "chapter", state / "chapters" / "sf")
    (state / "capctl.yaml").write_text("chapter: California Partnership\nchapters:\n  - chapters/la\n  - chapters/sf\n")
    return state


def test_a_statewide_folder_rolls_up_its_chapters(statewide: Path, run) -> None:
    listed = run("--data", statewide, "report", "--format", "json")
    given = run(
        "--data", statewide / "chapters" / "la", "--data", statewide / "chapters" / "sf", "report", "--format", "json"
    )
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout == given.stdout
    document = json.loads(listed.stdout)
    assert [c["folder"] for c in document["chapters"]] == ["la", "sf"]
    # The same id in two chapters stays two records, each qualified by its chapter's folder.
    testimonies = next(m for m in document["metrics"] if m["id"] == "testimonies")
    assert "la:maria-on-the-collective" in testimonies["records"]
    assert "sf:maria-on-the-collective" in testimonies["records"]


def test_a_missing_chapter_folder_names_the_line_that_lists_it(statewide: Path, run) -> None:
    (statewide / "capctl.yaml").write_text("chapter: California Partnership\nchapters:\n  - chapters/la\n  - sd\n")
    result = run("--data", statewide, "report")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {statewide}/capctl.yaml:4: data folder '{statewide}/sd' does not exist\n")


def test_chapters_must_be_a_list_of_folders(statewide: Path, run) -> None:
    (statewide / "capctl.yaml").write_text("chapter: California Partnership\nchapters: la\n")
    result = run("--data", statewide, "report")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {statewide}/capctl.yaml:2: chapters: a list of folders, relative to this file\n",
    )
