"""The pull-request workflow (.github/workflows/data.yml) is valid YAML with the steps docs/review.md
describes, and its capctl commands run as written on a chapter's repository."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from capctl.yaml.safe import load_safe
from tests.conftest import REPO, chapter_repository, git

WORKFLOW = REPO / ".github" / "workflows" / "data.yml"


def workflow() -> dict[str, Any]:
    document = load_safe(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def steps() -> list[dict[str, Any]]:
    return list(workflow()["jobs"]["check"]["steps"])


def test_it_runs_on_pull_requests_touching_the_data() -> None:
    assert workflow()["on"] == {"pull_request": {"paths": ["data/**"]}}


def test_it_checks_out_the_history_and_installs_capctl() -> None:
    checkout, python, install = steps()[:3]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"fetch-depth": 0}  # the base branch is needed for --changed and --compare
    assert python["uses"].startswith("actions/setup-python@")
    assert install["run"] == 'python -m pip install "$CAPCTL_SOURCE"'
    assert workflow()["env"]["CAPCTL_SOURCE"].startswith("git+https://")


def test_it_checks_the_change_the_format_and_writes_the_summary() -> None:
    runs = [step["run"] for step in steps()[3:]]
    assert runs == [
        'capctl check --changed --base "origin/${{ github.base_ref }}"',
        "capctl fmt --check",
        'capctl report --compare "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"',
    ]
    assert steps()[-1]["if"] == "always()"  # the summary is written even when the check fails


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_its_commands_run_as_written_on_a_pull_request(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = chapter_repository(tmp_path / "repo", "grant", "change", origin=True)
    # The fixture is kept as people wrote it; the pull request puts it in canonical form, so that every step passes.
    assert run("--data", repo / "data", "fmt").exit_code == 0
    git(repo, "commit", "--quiet", "-am", "Canonical form")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("CAPCTL_DATA", "data")
    for step in steps()[3:]:
        command = step["run"].replace("${{ github.base_ref }}", "main").split(" >> ")[0]
        args = shlex.split(command)
        assert args[0] == "capctl"
        result = run(*args[1:])
        assert result.exit_code == 0, (command, result.stderr)
