"""Every command fails the same way: exit status 2, one line on stderr starting with "error: ", no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from capctl.cli import app
from tests.conftest import snapshot


def _leaves(command: typer.core.TyperGroup | typer.core.TyperCommand, path: tuple[str, ...] = ()) -> list[str]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return [" ".join(path)]
    return [leaf for name, sub in sorted(subcommands.items()) for leaf in _leaves(sub, (*path, name))]


COMMANDS = _leaves(typer.main.get_command(app))  # type: ignore[arg-type]


def test_every_command_is_covered() -> None:
    assert len(COMMANDS) >= 20
    assert {"check", "report", "export", "meeting add", "attendance import", "followup done"} <= set(COMMANDS)


def _assert_usage_error(result, command: str) -> None:
    assert result.exit_code == 2, (command, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_exit_2_with_one_line_on_stderr(command: str, chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, *command.split(), "--no-such-option")
    _assert_usage_error(result, command)
    assert result.stderr.startswith("error: no such option: --no-such-option")
    assert result.stderr.endswith(f"(see `capctl {command} --help`)\n")
    assert snapshot(chapter) == before


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "init"])
def test_a_missing_data_folder_is_exit_2_with_one_line_on_stderr(command: str, tmp_path: Path, run) -> None:
    result = run("--data", tmp_path / "nowhere", *command.split())
    _assert_usage_error(result, command)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_command_is_exit_2_with_one_line_on_stderr(run) -> None:
    result = run("meetings")
    _assert_usage_error(result, "meetings")
    assert result.stderr == "error: no such command 'meetings'; did you mean 'meeting'? (see `capctl --help`)\n"


@pytest.mark.parametrize("group", [[], ["meeting"], ["partner"]])
def test_a_group_alone_shows_its_help(group: list[str], run) -> None:
    result = run(*group)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Usage: {' '.join(['capctl', *group])} [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.stderr
