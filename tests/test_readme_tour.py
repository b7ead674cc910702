"""The README works as written (#12): every `capctl ...` line of its fenced shell blocks runs, in order, on a copy of
the demo chapter as of 2017-09-30, and exits 0 (or the exit its comment gives, as ``# exit 2``).

The tour is run as a reader would: in a folder holding ``data/`` (committed in git, with ``origin/main``, as a
chapter's clone has it), with the files the README's commands take from the reader put beside it: a sign-in sheet,
a calendar export and Open States' data. The one command that asks questions at a terminal is given answers.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import FIXTURES, REPO, git

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

README = REPO / "README.md"

PROVIDED = {
    "sign-in.csv": REPO / "tests" / "signin" / "glendale-windows-1252" / "sheet.csv",
    "calendar.ics": FIXTURES / "calendars" / "google.ics",
    "../people/data/ca": FIXTURES / "openstates" / "data" / "ca",
}
"""The reader's own files the tour names, here from the test fixtures."""

ANSWERS = {
    "capctl meeting add": ["", "", "Joan Castellano", "", "", "", "", "", "", "y"],
}
"""Answers for the commands that ask at a terminal: today, one-on-one, Joan Castellano, no one else, the title
offered, no notes, no priority, no follow-up, write it."""


def tour() -> list[tuple[str, list[str], str | None, int]]:
    """Each `capctl` line of the README's ``sh`` blocks: (the line, its arguments, a file its output goes to, the exit
    its comment gives or 0)."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL):
        for line in block.splitlines():
            if not line.startswith("capctl "):
                continue
            words = shlex.split(line, comments=True)
            output = None
            if ">" in words:
                at = words.index(">")
                words, output = words[:at], words[at + 1]
            expected = re.search(r"#.*\bexit (\d)\b", line)
            found.append(
                (" ".join(shlex.quote(w) for w in words), words[1:], output, int(expected.group(1)) if expected else 0)
            )
    return found


def test_the_readme_names_only_what_is_in_the_demo_chapter() -> None:
    """The names the tour used to give that the demo chapter does not have are gone from it."""
    text = README.read_text(encoding="utf-8")
    for absent in ('--official "Hilda Ramos"', '--person "jon lee"', "ELATU", "hilda-ramos", "la/data"):
        assert absent not in text
    assert len(tour()) >= 25


def test_every_command_of_the_readme_runs_on_the_demo_chapter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    work = tmp_path / "chapter"
    shutil.copytree(REPO / "data", work / "data", ignore=shutil.ignore_patterns(".capctl-cache"))
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "config", "commit.gpgsign", "false")
    git(work, "add", "-A")
    git(work, "commit", "--quiet", "-m", "The demo chapter")
    git(work, "update-ref", "refs/remotes/origin/main", "main")
    for name, source in PROVIDED.items():
        target = work / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    monkeypatch.chdir(work)
    monkeypatch.setenv("CAPCTL_TODAY", "2017-09-30")
    for line, args, output, expected in tour():
        answers = ANSWERS.get(line)
        with monkeypatch.context() as scope:
            if answers is not None:
                scope.setenv("CAPCTL_INTERACTIVE", "1")
            result = run(*args, input="\n".join(answers) + "\n" if answers is not None else None)
        assert result.exit_code == expected, f"{line}\nexit {result.exit_code}\n{result.stderr}"
        if output is not None:
            (work / output).write_text(result.stdout, encoding="utf-8")
    assert (work / "followups.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert (work / "report.html").is_file() and (work / "chapter.db").is_file()
    assert run("--data", "data", "check").exit_code == 0
