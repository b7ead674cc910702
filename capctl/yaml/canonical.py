"""The one canonical form capctl writes records in."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

CANONICAL_WIDTH = 4096
"""Long lines are never folded: a folded line changes whole paragraphs in a diff."""


def to_plain(value: Any) -> Any:
    """Model data as YAML wants it: enums as text (keys too), multi-line text as literal blocks,
    and empty values left out."""
    if isinstance(value, dict):
        return {to_plain(k): to_plain(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str) and "\n" in value and value.strip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def dump(data: dict[str, Any], header: Iterable[str] = ()) -> str:
    """The canonical YAML text of one record (or settings file)."""
    stream = io.StringIO()
    for line in header:
        stream.write(f"# {line}\n" if line else "#\n")
    yaml = roundtrip_yaml()
    # The same value twice (a testimony's date and its consent's) is written twice, never as &anchor/*alias.
    yaml.representer.ignore_aliases = lambda _data: True
    yaml.dump(to_plain(data), stream)
    return stream.getvalue()


def roundtrip_yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = CANONICAL_WIDTH
    yaml.preserve_quotes = True
    return yaml
