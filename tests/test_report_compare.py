"""`capctl report --compare REF`: each metric before (at a git revision) and after, for a pull request."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import chapter_repository, git

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The grant fixture committed on main, with a branch adding a one-on-one with a staffer."""
    root = chapter_repository(tmp_path / "repo", "grant", "one-on-one")
    (root / "data" / "engagements" / "2017" / "2017-06-29-one-on-one-jon-lee.yaml").write_text(
        "date: 2017-06-29\nkind: one-on-one\ntitle: Second one-on-one with Jon Lee\npeople: [jon-lee]\n"
    )
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "A one-on-one")
    return root


def test_compare_prints_each_metric_before_and_after_in_markdown(repo: Path, run) -> None:
    result = run("--data", repo / "data", "report", "--compare", "main")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "## Effect on the grant metrics (as of 2017-06-30, compared with main)",
        "",
        "| Metric | Target | Before | After | Change |",
        "|---|---|---:|---:|---|",
    ]
    assert "| One-on-one meetings with electeds and staff | at least 12 | 2 (behind) | 3 (behind) | +1 |" in lines
    assert "| Elected officials at the LA Poverty Hearing | 8 to 12 | 3 (behind) | 3 (behind) | 0 |" in lines
    assert lines[-1] == "1 of 11 metrics change."


def test_compare_as_json(repo: Path, run) -> None:
    result = run("--data", repo / "data", "report", "--compare", "main", "--format", "json")
    document = json.loads(result.stdout)
    assert (document["base"], document["as_of"]) == ("main", "2017-06-30")
    assert document["metrics"][0] == {
        "id": "one-on-ones",
        "label": "One-on-one meetings with electeds and staff",
        "before": {"value": 2, "status": "behind"},
        "after": {"value": 3, "status": "behind"},
        "change": 1,
    }


def test_compare_with_a_base_before_the_folder_existed(repo: Path, run) -> None:
    git(repo, "checkout", "--quiet", "--orphan", "empty")
    git(repo, "rm", "-r", "--quiet", "--cached", ".")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "Nothing yet")
    git(repo, "checkout", "--quiet", "-f", "one-on-one")
    result = run("--data", repo / "data", "report", "--compare", "empty")
    assert result.exit_code == 0
    assert f"_{repo / 'data'} did not exist at empty: every metric is new._" in result.stdout
    assert "| One-on-one meetings with electeds and staff | at least 12 | — | 3 (behind) | new metric |" in (
        result.stdout
    )


def test_compare_refuses_an_unknown_revision_and_other_formats(repo: Path, run) -> None:
    result = run("--data", repo / "data", "report", "--compare", "nowhere")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --compare: git knows no revision 'nowhere' (fetch it first, or name a branch or commit)\n",
    )
    result = run("--data", repo / "data", "report", "--compare", "main", "--format", "html")
    assert (result.exit_code, result.stderr) == (2, "error: --compare prints Markdown (the default) or --format json\n")


def test_a_base_whose_metrics_file_is_broken_says_why_in_full(tmp_path: Path, run) -> None:
    root = chapter_repository(tmp_path / "repo", "grant", "fix-metrics")
    metrics = root / "data" / "metrics.yaml"
    good = metrics.read_text(encoding="utf-8")
    git(root, "checkout", "--quiet", "main")
    metrics.write_text(good + "surprise: 1\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "A broken metrics file")
    git(root, "checkout", "--quiet", "-B", "fix-metrics")
    metrics.write_text(good, encoding="utf-8")
    result = run("--data", root / "data", "report", "--compare", "main")
    assert result.exit_code == 0, result.stderr
    note = next(line for line in result.stdout.splitlines() if "no metrics at main" in line)
    assert not note.rstrip().endswith(":")
    assert "surprise" in note and str(root / "data") in note
