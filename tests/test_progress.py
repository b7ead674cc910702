"""Progress on stderr for slow work: reading a large data folder, importing, exporting; never in a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from capctl.cli import State, app, output


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=80, no_color=True)


def test_reading_a_large_folder_shows_a_progress_bar_on_a_terminal(
    chapter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "SLOW_FILES", 5)  # stands for a folder of thousands of records
    state = State(console=Console(file=io.StringIO(), width=80), err_console=terminal())
    result = CliRunner().invoke(app, ["--data", str(chapter), "list", "partners"], obj=state)
    assert result.exit_code == 0
    shown = state.err_console.file.getvalue()  # type: ignore[union-attr]
    assert "reading records" in shown
    assert "reading records ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100%" in shown
    # Transient: the bar's line is erased (cursor up, clear line) before the count is printed.
    assert shown.endswith("\r\x1b[1A\x1b[2K\x1b[1m3\x1b[0m partners\n")


def test_a_small_folder_read_quickly_shows_no_progress(chapter: Path) -> None:
    state = State(console=Console(file=io.StringIO(), width=80), err_console=terminal())
    result = CliRunner().invoke(app, ["--data", str(chapter), "list", "partners"], obj=state)
    assert result.exit_code == 0
    assert "reading records" not in state.err_console.file.getvalue()  # type: ignore[union-attr]


def test_no_progress_goes_to_a_pipe(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "SLOW_FILES", 1)
    result = run("--data", chapter, "list", "partners")
    assert result.stderr == "3 partners\n"
