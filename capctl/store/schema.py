"""JSON Schemas of the YAML files, for editors that validate and complete fields as people type.

One schema per record kind, plus ``capctl.yaml`` and ``metrics.yaml``, generated
from the models. They describe the files as written, not the models: a record's
id is its file name (so it is not a field), and dates are ``YYYY-MM-DD`` strings
(YAML 1.2, which editors use, reads an unquoted date as a string).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from capctl.models.metrics import MetricsFile
from capctl.models.records import MODELS
from capctl.models.settings import Settings
from capctl.store.write import replace_atomic
from capctl.vocab import RecordKind

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SUFFIX = ".schema.json"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

FILES: dict[str, tuple[type[BaseModel], str]] = {
    **{kind.singular: (model, f"{kind.value}/") for kind, model in MODELS.items()},
    "capctl": (Settings, "capctl.yaml"),
    "metrics": (MetricsFile, "metrics.yaml"),
}
"""Schema name (the file is ``<name>.schema.json``) -> the model and the files it describes."""


class _YamlFileSchema(GenerateJsonSchema):
    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file (``partner``, ``engagement``..., ``capctl``, ``metrics``)."""
    model, describes = FILES[name]
    body = model.model_json_schema(by_alias=True, mode="validation", schema_generator=_YamlFileSchema)
    if name in {kind.singular for kind in RecordKind}:
        body["properties"].pop("id", None)
        body["required"] = [key for key in body.get("required", []) if key != "id"]
        where = f"{describes}<id>.yaml" if name != "engagement" else f"{describes}<year>/<id>.yaml"
        summary = f"A file {where}; the record's id is its file name, never a field."
    else:
        summary = f"The data folder's {describes}."
    description = " ".join(part for part in (body.pop("description", ""), summary) if part)
    body.pop("title", None)
    return {"$schema": DRAFT, "title": f"capctl {name}", "description": description, **body}


def schema_texts() -> dict[str, str]:
    """Every schema's file name and its text, in a stable form (so that regenerating changes nothing)."""
    return {
        f"{name}{SUFFIX}": json.dumps(schema_of(name), indent=2, ensure_ascii=False) + "\n" for name in sorted(FILES)
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created if needed); returns the files whose text changed."""

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for file_name, text in schema_texts().items():
        path = folder / file_name
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            continue
        replace_atomic(path, text)
        written.append(path)
    return written
