"""The report's words as people read them (#12): plurals right, language names beside codes,
the last contact by its date and title rather than its id, in every format that people read."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import REPO


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo chapter on its as-of date."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    monkeypatch.setenv("CAPCTL_TODAY", "2017-09-30")
    return target


def test_the_text_report_counts_activity_in_plurals_and_names_languages_and_last_contacts(
    demo: Path, run: Callable[..., Result]
) -> None:
    result = run("--data", demo, "report")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "Activity since the last chapter meeting on 2017-09-21: 4 calls, 1 forum" in lines
    assert (
        "  Multilingual presentations and resources — languages: English (en), Spanish (es), Chinese (zh), "
        "Korean (ko), Tagalog (tl), Armenian (hy)"
    ) in lines
    start = lines.index("Resources by language (up to 2017-09-30)")
    assert lines[start + 1 : start + 8] == [
        "Language       Resources",
        "English (en)           8",
        "Spanish (es)           6",
        "Chinese (zh)           2",
        "Korean (ko)            3",
        "Tagalog (tl)           2",
        "Armenian (hy)          2",
    ]
    start = lines.index("Core partners and officials not contacted in time (5)")
    assert lines[start + 2].split("  ")[0] == "Kevin Nakamura"
    assert "2017-03-14 Sacramento lobby day:" in lines[start + 2]
    assert "2017-03-14-sacramento" not in result.stdout


def test_markdown_and_html_say_the_same_words(demo: Path, run: Callable[..., Result]) -> None:
    markdown = run("--data", demo, "report", "--format", "markdown").stdout
    assert "\n4 calls, 1 forum.\n" in markdown
    assert "| Spanish (es) | 6 |" in markdown
    assert "| Robert Ishikawa | official | 2017-06-20 One-on-one with Mayor Ishikawa | 102 |" in markdown
    html = run("--data", demo, "report", "--format", "html").stdout
    assert "<p>4 calls, 1 forum.</p>" in html
    assert "<td>Armenian (hy)</td>" in html
    assert "<td>2017-06-20 One-on-one with Mayor Ishikawa</td>" in html


def test_one_day_late_and_one_of_each_kind_are_singular(chapter: Path, run: Callable[..., Result]) -> None:
    (chapter / "engagements" / "2017" / "2017-06-21-lobby-day.yaml").write_text(
        "date: 2017-06-21\nkind: lobby-day\ntitle: Lobby day\n"
        "follow_ups:\n  - task: Thank the staffers\n    due: 2017-06-29\n",
        encoding="utf-8",
    )
    (chapter / "engagements" / "2017" / "2017-06-22-call.yaml").write_text(
        "date: 2017-06-22\nkind: call\ntitle: A call\n", encoding="utf-8"
    )
    (chapter / "engagements" / "2017" / "2017-06-23-other.yaml").write_text(
        "date: 2017-06-23\nkind: other\ntitle: Something else\n", encoding="utf-8"
    )
    result = run("--data", chapter, "report")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert any(line.startswith("2017-06-29 (1 day late)     Thank the staffers") for line in lines)
    assert "Activity since the last chapter meeting on 2017-04-20: 1 call, 1 lobby day, 1 other engagement" in lines


def test_explain_names_the_engagements_and_languages_beside_their_ids(demo: Path, run: Callable[..., Result]) -> None:
    result = run("--data", demo, "report", "--explain", "officials-at-hearing", "--format", "json")
    assert result.exit_code == 0
    import json

    evidence = json.loads(result.stdout)["details"]["evidence"]
    assert evidence[0]["why"] == "in person at LA Poverty Hearing 2017 (2017-05-18-la-poverty-hearing-2017)"
    result = run("--data", demo, "report", "--explain", "testimonies", "--format", "json")
    whys = [item["why"] for item in json.loads(result.stdout)["details"]["evidence"]]
    assert whys == ["given 2017-05-18 in English (en)", "given 2017-08-17 in Spanish (es)"]
    result = run("--data", demo, "report", "--explain", "budget-trainings", "--format", "json")
    whys = [item["why"] for item in json.loads(result.stdout)["details"]["evidence"]]
    assert whys[0] == "training on budget in Supervisorial District 1 (sd1)"
