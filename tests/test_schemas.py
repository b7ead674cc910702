"""JSON Schemas for editors: written from the models, pointed at by every file's first line,
accepting the demo data and rejecting files a schema can tell are wrong."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from capctl.store.files import SCHEMAS_FOLDER
from capctl.store.load import load
from capctl.store.schema import schema_texts
from capctl.yaml import safe
from tests.conftest import FIXTURES, REPO, snapshot

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency: pip install -e '.[dev]'")

DATA = REPO / "data"
SCHEMA_NAMES = [
    "capctl.schema.json",
    "engagement.schema.json",
    "metrics.schema.json",
    "official.schema.json",
    "partner.schema.json",
    "person.schema.json",
    "priority.schema.json",
    "resource.schema.json",
    "testimony.schema.json",
]
COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


def as_editors_see_it(value: Any) -> Any:
    """YAML 1.2 (what editors use) reads an unquoted date as text."""
    if isinstance(value, dict):
        return {key: as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema_for(path: Path) -> Path:
    """The schema a file's first line points at, resolved as an editor does: relative to the file."""
    match = COMMENT.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} does not start with the schema comment"
    return (path.parent / match.group(1)).resolve()


def validation_errors(path: Path, schema_path: Path) -> list[str]:
    import json

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    instance = as_editors_see_it(safe.load_safe(path.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(instance)]


def demo_files() -> list[Path]:
    data = load(DATA)
    return [DATA / "capctl.yaml", DATA / "metrics.yaml", *sorted(data.paths.values())]


def test_committed_demo_schemas_are_what_the_models_generate() -> None:
    # After changing a model: `capctl --data data schema`.
    assert sorted(schema_texts()) == SCHEMA_NAMES
    assert snapshot(DATA / SCHEMAS_FOLDER) == {name: text.encode() for name, text in schema_texts().items()}


def test_every_schema_is_a_valid_json_schema_with_descriptions() -> None:
    import json

    for name, text in schema_texts().items():
        schema = json.loads(text)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False, name
        assert all("description" in field for field in schema["properties"].values()), name


def test_record_schemas_have_no_id_field_and_dates_are_yyyy_mm_dd_text() -> None:
    import json

    engagement = json.loads(schema_texts()["engagement.schema.json"])
    assert "id" not in engagement["properties"]
    assert engagement["required"] == ["date", "kind", "title"]
    assert engagement["properties"]["date"]["type"] == "string"
    assert engagement["properties"]["date"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert engagement["$defs"]["EngagementKind"]["enum"][:3] == ["one-on-one", "call", "chapter-meeting"]


def test_every_demo_file_points_at_its_schema_and_the_schema_accepts_it() -> None:
    files = demo_files()
    assert len(files) == 253
    for path in files:
        schema_path = schema_for(path)
        assert schema_path.parent == (DATA / SCHEMAS_FOLDER).resolve(), path
        assert schema_path.is_file(), path
        assert validation_errors(path, schema_path) == [], path


@pytest.mark.parametrize(
    ("fixture", "schema", "message"),
    [
        (
            "partners/unknown-field.yaml",
            "partner",
            "Additional properties are not allowed ('website_url' was unexpected)",
        ),
        ("partners/bad-status.yaml", "partner", "'partner' is not one of ['prospect', 'invited', 'core', 'former']"),
        (
            "resources/a-list.yaml",
            "resource",
            "[{'name': 'A list'}, {'name': 'Not a mapping'}] is not of type 'object'",
        ),
    ],
)
def test_schemas_reject_the_broken_fixtures_a_schema_can_tell_apart(fixture: str, schema: str, message: str) -> None:
    # Only schema-level mistakes: cross-record problems (unknown references, dates out of order) are `capctl check`'s.
    errors = validation_errors(FIXTURES / "broken" / fixture, DATA / SCHEMAS_FOLDER / f"{schema}.schema.json")
    assert errors == [message]


def test_a_wrongly_typed_field_is_rejected(tmp_path: Path) -> None:
    engagement = tmp_path / "x.yaml"
    engagement.write_text("date: 2017-05-01\nkind: call\ntitle: A call\nheadcount: many\n", encoding="utf-8")
    assert validation_errors(engagement, DATA / SCHEMAS_FOLDER / "engagement.schema.json") == [
        "'many' is not valid under any of the given schemas"
    ]


def test_schema_writes_every_schema_into_the_folder_given(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "out"
    result = run("schema", "--output", folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "".join(f"wrote {folder / name}\n" for name in SCHEMA_NAMES)
    assert snapshot(folder) == {name: text.encode() for name, text in schema_texts().items()}

    again = run("schema", "--output", folder)
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == f"the schemas in {folder} are up to date\n"


def test_schema_defaults_to_the_data_folders_schemas_and_rewrites_only_what_drifted(
    chapter: Path, run: Callable[..., Result]
) -> None:
    assert run("--data", chapter, "schema").exit_code == 0
    stale = chapter / SCHEMAS_FOLDER / "partner.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = run("--data", chapter, "schema")
    assert result.exit_code == 0
    assert result.stdout == f"wrote {stale}\n"
    assert stale.read_text(encoding="utf-8") == schema_texts()["partner.schema.json"]


def test_schema_refuses_an_output_that_is_a_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    taken = tmp_path / "taken"
    taken.write_text("mine\n", encoding="utf-8")
    result = run("schema", "--output", taken)
    assert result.exit_code == 2
    assert result.stderr == f"error: '{taken}' exists and is not a folder\n"
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_init_writes_the_schemas_its_files_point_at_and_check_does_not_read_them(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = tmp_path / "west-la"
    assert run("init", folder).exit_code == 0
    for name in ("capctl.yaml", "metrics.yaml"):
        assert validation_errors(folder / name, schema_for(folder / name)) == []
    assert sorted(p.name for p in (folder / SCHEMAS_FOLDER).iterdir()) == SCHEMA_NAMES
    checked = run("--data", folder, "check")
    assert (checked.exit_code, checked.stdout) == (0, "")


def test_a_record_written_by_capctl_points_at_a_schema_that_accepts_it(
    chapter: Path, run: Callable[..., Result]
) -> None:
    assert run("--data", chapter, "schema").exit_code == 0
    result = run("--data", chapter, "meeting", "add", "--date", "2017-06-01", "--kind", "call", "--title", "A call")
    assert result.exit_code == 0, result.stderr
    written = chapter / "engagements" / "2017" / "2017-06-01-a-call.yaml"
    assert schema_for(written) == (chapter / SCHEMAS_FOLDER / "engagement.schema.json").resolve()
    assert validation_errors(written, schema_for(written)) == []


def test_a_schema_file_that_is_not_utf8_is_written_again(chapter: Path, run) -> None:
    damaged = chapter / "schemas" / "partner.schema.json"
    damaged.parent.mkdir(exist_ok=True)
    damaged.write_bytes(b"\xff\xfe{")
    result = run("--data", chapter, "schema")
    assert result.exit_code == 0
    assert damaged.read_text(encoding="utf-8") == schema_texts()["partner.schema.json"]
