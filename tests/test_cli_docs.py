"""docs/cli.md stays what the code prints, and `capctl --help` stays light."""

import subprocess
import sys

import pytest

from capctl.cli.docs import DOC, command_paths, render
from tests.conftest import REPO


def test_docs_cli_md_matches_the_help_of_every_command() -> None:
    # After changing or adding a command: `make docs`.
    assert DOC == REPO / "docs" / "cli.md"
    assert DOC.read_text(encoding="utf-8") == render(), "docs/cli.md is out of date: run `make docs`"


def test_the_generator_finds_every_command_of_the_app() -> None:
    import typer.main

    from capctl.cli import app

    paths = {" ".join(p) for p in command_paths(typer.main.get_command(app))}
    assert {
        "meeting add",
        "attendance import",
        "partner add",
        "partner status",
        "official add",
        "person add",
        "testimony add",
        "priority add",
        "position set",
        "resource add",
        "followup done",
        "check",
    } <= paths


@pytest.mark.subprocess
def test_help_loads_none_of_the_library() -> None:
    # The CLI modules import only the standard library, typer and the vocabulary at the top.
    # (Typer itself loads pydantic to convert parameters, so pydantic is not counted.)
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from capctl.cli import app\n"
        "for args in (['--help'], ['meeting', 'add', '--help'], ['attendance', 'import', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0\n"
        "heavy = ('ruamel.yaml', 'rich', 'anyascii', 'capctl.models', 'capctl.store', 'capctl.edit')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout == "[]\n"
