from pathlib import Path

import pytest
from conftest import snapshot

COMMANDS = [
    ["list", "partners"],
    ["list", "meetings", "--official", "hilda-ramos", "--format", "csv"],
    ["list", "people", "--format", "json"],
    ["show", "hilda-ramos"],
    ["show", "east-la-tenants", "--format", "json"],
    ["show", "2017-02-14-visit-hilda-ramos"],
    ["search", "martinez"],
    ["followups", "--overdue"],
    ["stale", "--kind", "people"],
    ["export", "--format", "sqlite", "--output", "{out}/chapter.db"],
    ["export", "--format", "csv", "--output", "{out}/csv", "--public"],
    ["export", "--format", "json", "--output", "{out}/chapter.json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_query_or_export_command_writes_to_the_data_folder(
    chapter: Path, run, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(chapter)
    entries = sorted(chapter.rglob("*"))  # folders too: snapshot sees only files
    result = run("--data", chapter, *(a.format(out=out) for a in args))
    assert result.exit_code == 0, result.stderr
    assert snapshot(chapter) == before
    assert sorted(chapter.rglob("*")) == entries
