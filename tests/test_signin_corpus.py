"""The sign-in corpus: sheets as volunteers type them, matched against the demo chapter.

Each ``tests/signin/<case>/`` holds ``sheet.csv`` and ``expected.yaml``: for every row, who
the person really is (``truth``; null when no one in the demo data), how capctl must take
the row (``match``) and the partner its organization links. A row applied to the wrong
person is a wrong match; a row left for the organizer (``likely``, ``ambiguous``,
``one word``) is a row left for a human. Run as a script, this prints the figures:

    .venv/bin/python -m tests.test_signin_corpus
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from capctl.cli import app
from tests.conftest import REPO

CORPUS = Path(__file__).parent / "signin"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "sheet.csv").exists())
LEFT_FOR_A_HUMAN = {"likely", "ambiguous", "one word"}
APPLIED = {"exact", "name", "duplicate"}


def expected(case: str) -> dict[str, Any]:
    found: dict[str, Any] = YAML(typ="safe").load((CORPUS / case / "expected.yaml").read_text(encoding="utf-8"))
    return found


def proposals(data: Path, case: str) -> list[dict[str, Any]]:
    """What `attendance import --format json` proposes for the case's sheet (nothing is written)."""
    engagement = expected(case)["engagement"]
    result = CliRunner().invoke(
        app,
        ["--data", str(data), "attendance", "import", engagement, str(CORPUS / case / "sheet.csv"), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)["rows"]
    return rows


def figures(rows: list[dict[str, Any]], truth: dict[int, dict[str, Any]]) -> tuple[int, int]:
    """Wrong matches (a row applied, or counted as a duplicate, as someone it is not) and rows left for a human."""
    wrong = sum(
        1 for r in rows if (r["applied"] or r["match"] == "duplicate") and r["person"] != truth[r["line"]]["truth"]
    )
    left = sum(1 for r in rows if r["match"] in LEFT_FOR_A_HUMAN)
    return wrong, left


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("signin") / "data"
    shutil.copytree(REPO / "data", target)
    return target


@pytest.mark.parametrize("case", CASES)
def test_every_row_is_taken_as_expected_and_none_is_the_wrong_person(demo: Path, case: str) -> None:
    truth = expected(case)["rows"]
    rows = proposals(demo, case)
    assert sorted(r["line"] for r in rows) == sorted(truth)
    for row in rows:
        want = truth[row["line"]]
        assert row["name"] == want["name"]
        assert (row["line"], row["match"], row["partner"]) == (row["line"], want["match"], want["partner"])
        if row["match"] in APPLIED:
            assert row["person"] == want["truth"], row
        elif row["match"] in LEFT_FOR_A_HUMAN and want["truth"] is not None:
            assert want["truth"] in row["candidates"], row
        else:
            assert row["person"] is None and want["truth"] is None, row
    assert figures(rows, truth)[0] == 0


def test_the_corpus_has_every_kind_of_row(demo: Path) -> None:
    matches = {t["match"] for case in CASES for t in expected(case)["rows"].values()}
    assert matches == {"exact", "name", "likely", "one word", "new", "duplicate"}
    assert len(CASES) >= 7


def main() -> None:
    import tempfile

    os.environ.setdefault("CAPCTL_TODAY", "2017-09-30")
    os.environ["NO_COLOR"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(REPO / "data", data)
        total = wrong = left = 0
        for case in CASES:
            rows = proposals(data, case)
            w, n = figures(rows, expected(case)["rows"])
            print(f"{case}: {len(rows)} rows, wrong matches {w}, rows left for a human {n}")
            total, wrong, left = total + len(rows), wrong + w, left + n
        print(f"corpus: {len(CASES)} sheets, {total} rows; wrong matches {wrong}, rows left for a human {left}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
