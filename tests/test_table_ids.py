"""Tables never cut an id inside a word: on an 80-column terminal an id moves whole onto the next line, or
its column wraps after hyphens only (issue #12: ``…-with-mayor-`` / ``ishikawa`` was cut mid-word)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CAPCTL_TODAY", "2017-09-30")
    monkeypatch.setenv("COLUMNS", "80")
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data"


def engagement_ids(data: Path) -> set[str]:
    return {p.stem for p in (data / "engagements").rglob("*.yaml")}


def last_column_ids(stdout: str) -> list[str]:
    """The ids of a table whose last column holds them, put back together from the lines they wrap on."""
    lines = stdout.splitlines()
    start = lines[0].rindex(" ") + 1
    found, piece = [], ""
    for line in lines[2:]:
        cell = line[start:].strip()
        if not cell:
            continue
        piece += cell
        if not piece.endswith("-"):
            found.append(piece)
            piece = ""
    return found


def test_followups_wrap_engagement_ids_after_hyphens_only(demo: Path, run) -> None:
    result = run("--data", demo, "followups")
    assert result.exit_code == 0, result.stderr
    ids = last_column_ids(result.stdout)
    assert len(ids) == 6  # the open follow-ups of the demo chapter (one more since #14: Keisha Robinson owns one)
    assert set(ids) <= engagement_ids(demo)
    assert "2017-06-20-\n" in result.stdout and "with-mayor-\n" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
