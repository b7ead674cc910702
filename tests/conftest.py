from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from capctl.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Organizer",
    "GIT_AUTHOR_EMAIL": "organizer@example.org",
    "GIT_COMMITTER_NAME": "Test Organizer",
    "GIT_COMMITTER_EMAIL": "organizer@example.org",
}


def git(repo: Path, *args: str) -> str:
    """git in ``repo`` with a test identity, so that commits work on a machine with no git configuration."""
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def chapter_repository(root: Path, fixture: str, branch: str, origin: bool = False) -> Path:
    """A chapter's repository at ``root``: ``tests/fixtures/<fixture>`` committed as data/ on main
    (with ``origin``, also as origin/main, as a forge's checkout has it), then ``branch`` checked out."""
    shutil.copytree(FIXTURES / fixture, root / "data")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "The chapter")
    if origin:
        git(root, "update-ref", "refs/remotes/origin/main", "main")
    git(root, "checkout", "--quiet", "-b", branch)
    return root


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test depends on today's date, the user's data folder or colors."""
    monkeypatch.setenv("CAPCTL_TODAY", "2017-06-30")
    monkeypatch.delenv("CAPCTL_DATA", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    """A copy of the small fixture chapter, safe to change."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "chapter", target)
    return target


@pytest.fixture
def grant(tmp_path: Path) -> Path:
    """A copy of the fixture chapter with known answers for every metric, safe to change."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "grant", target)
    return target


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run capctl in-process; stdout and stderr are kept apart."""

    def invoke(*args: str | Path, input: str | None = None) -> Result:
        return CliRunner().invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
