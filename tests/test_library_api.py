"""`import capctl` is a library: every public name resolves, and loading works without the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

import capctl
from tests.conftest import REPO


@pytest.mark.parametrize("name", [n for n in capctl.__all__ if n != "__version__"])
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(capctl, name) is not None


def test_the_library_loads_the_demo_without_the_command_line() -> None:
    data = capctl.load(REPO / "data", cache=False)
    assert isinstance(data, capctl.DataSet)
    assert data.problems == []
    assert len(data.typed(capctl.Partner)) == 25


@pytest.mark.subprocess
def test_import_capctl_and_load_never_loads_the_cli() -> None:
    code = (
        "import sys, capctl; data = capctl.load('data', cache=False); "
        "print(len(data.records), sorted(m for m in ('capctl.cli', 'typer', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.endswith(" []\n")
