import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess


def test_the_command_line_starts_without_loading_models_tables_or_yaml() -> None:
    # `capctl --help` must stay fast: commands import their libraries only when they run.
    code = (
        "import sys, capctl.cli; "
        "print(sorted(m for m in ('pydantic', 'rich', 'ruamel.yaml', 'sqlite3', 'capctl.store') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found == "[]\n"
