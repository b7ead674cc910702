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


COLOR_CODES = ("\x1b[31m", "\x1b[32m", "\x1b[33m")
"""The red, green and yellow of the report's statuses."""


@pytest.mark.parametrize(
    ("args", "no_color_env", "colored"),
    [([], False, True), (["--no-color"], False, False), ([], True, False)],
    ids=["colors", "--no-color", "NO_COLOR"],
)
def test_no_color_and_NO_COLOR_turn_colors_off(
    args: list[str], no_color_env: bool, colored: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import FIXTURES

    monkeypatch.delenv("NO_COLOR")
    if no_color_env:
        monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal
    result = CliRunner().invoke(app, [*args, "--data", str(FIXTURES / "grant"), "report"], obj=State())
    assert result.exit_code == 0
    assert any(code in result.stdout for code in COLOR_CODES) is colored
